package org.patchwarden.inventory;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: assets and their versioned inventories. */
public interface AssetStore {

  /** Creates the asset or replaces its context; its inventories are kept. */
  void save(Asset asset);

  Optional<Asset> find(String name);

  /** All assets ordered by name. */
  List<Asset> list();

  /**
   * Stores a new inventory revision for an existing asset, atomically, unless its content (OS and
   * packages, in any order: {@link InventoryContent}) equals the newest revision's: then that
   * revision is returned as stored and nothing is added.
   *
   * @param os the operating system found by the scan, or null
   * @throws java.util.NoSuchElementException when the asset does not exist
   */
  Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages);

  /**
   * As {@link #recordInventory(String, Instant, OsRelease, List)}, given the content hash the caller
   * already computed ({@link InventoryContent#hash} of exactly {@code os} and {@code packages}):
   * hashing a few hundred packages is a noticeable part of storing them.
   */
  default Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages,
      String contentHash) {
    return recordInventory(assetName, scannedAt, os, packages);
  }

  /**
   * As {@link #recordInventory(String, Instant, OsRelease, List, String)}, and notes {@code
   * rawDigest} for the revision it returns as {@link #recordRawDigest} does, in the same write: an
   * import records both for every asset.
   *
   * @param rawDigest null to note none
   */
  default Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages,
      String contentHash, String rawDigest) {
    Inventory inventory = recordInventory(assetName, scannedAt, os, packages, contentHash);
    if (rawDigest != null) {
      recordRawDigest(assetName, inventory.revision(), rawDigest);
    }
    return inventory;
  }

  /**
   * One asset's inventory for {@link #recordInventories}: what {@link #recordInventory(String,
   * Instant, OsRelease, List, String, String)} takes.
   */
  record NewInventory(String assetName, OsRelease os, List<InstalledPackage> packages, String contentHash,
      String rawDigest) {
    public NewInventory {
      java.util.Objects.requireNonNull(assetName, "assetName");
      java.util.Objects.requireNonNull(contentHash, "contentHash");
      packages = List.copyOf(packages);
    }
  }

  /**
   * Records the inventories of several assets scanned at one time, each as {@link
   * #recordInventory(String, Instant, OsRelease, List, String, String)} records it; returns them in
   * order. A store writes the first revisions of assets together where it can; run it in a
   * transaction to make it all or nothing.
   *
   * @throws IllegalArgumentException when an asset comes twice
   * @throws java.util.NoSuchElementException when an asset does not exist
   */
  default List<Inventory> recordInventories(Instant scannedAt, List<NewInventory> inventories) {
    AssetNames.requireDistinct(inventories.stream().map(NewInventory::assetName).toList(), "inventories");
    List<Inventory> out = new java.util.ArrayList<>(inventories.size());
    for (NewInventory i : inventories) {
      out.add(recordInventory(i.assetName(), scannedAt, i.os(), i.packages(), i.contentHash(), i.rawDigest()));
    }
    return out;
  }

  /** The newest inventory of the asset, if it was ever scanned. */
  Optional<Inventory> currentInventory(String assetName);

  /** One inventory revision of the asset, with its packages. */
  Optional<Inventory> inventory(String assetName, int revision);

  /** Revision numbers, scan times and OS of every inventory of the asset, oldest first, without packages. */
  List<Inventory> history(String assetName);

  /** The newest inventory of every asset that has one, ordered by asset name. */
  List<Inventory> currentInventories();

  /**
   * The newest inventory of an asset without its packages, with its content hash ({@link
   * InventoryContent}) and whether its findings were recorded.
   *
   * @param header the newest revision, its packages left empty
   * @param contentHash empty when unknown (a revision stored before hashes were kept)
   * @param rawDigest digest of the raw input the revision was imported from ({@link #recordRawDigest}),
   *     or null when unknown
   * @param packageCount how many packages the revision holds
   */
  record Newest(Inventory header, String contentHash, boolean matchComplete, String rawDigest, int packageCount) {
    public Newest(Inventory header, String contentHash, boolean matchComplete) {
      this(header, contentHash, matchComplete, null, header.packages().size());
    }
  }

  /**
   * Notes that the asset's inventory {@code revision} was parsed from raw input with this digest, so
   * that a re-import of byte-identical input can skip parsing. Stores that keep no digest ignore it.
   */
  default void recordRawDigest(String assetName, int revision, String rawDigest) {}

  /** The stored assets among {@code names}, by name. Stores override it with one query per batch. */
  default Map<String, Asset> findAll(Collection<String> names) {
    Map<String, Asset> out = new LinkedHashMap<>();
    for (String name : names) {
      find(name).ifPresent(a -> out.put(name, a));
    }
    return out;
  }

  /**
   * The newest inventory of each asset among {@code names} that has one, by name. This default
   * reads every inventory whole and never claims a match complete; stores override it with one
   * query per batch.
   */
  default Map<String, Newest> newest(Collection<String> names) {
    Map<String, Newest> out = new LinkedHashMap<>();
    for (String name : names) {
      currentInventory(name).ifPresent(i -> out.put(name, new Newest(
          new Inventory(name, i.revision(), i.scannedAt(), i.os(), List.of()),
          InventoryContent.hash(i.os(), i.packages()), false, null, i.packages().size())));
    }
    return out;
  }
}
