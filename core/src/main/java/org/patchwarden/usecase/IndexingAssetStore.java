package org.patchwarden.usecase;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.patchwarden.assess.AssessmentIndex;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

/**
 * An {@link AssetStore} that re-indexes an asset's assessments when its context changes (owner team,
 * criticality, exposure are assessment inputs), once the index has been built.
 */
public final class IndexingAssetStore implements AssetStore {
  private final AssetStore store;
  private final AssessmentIndex index;
  private final Supplier<IndexAssessments> indexing;
  private Boolean built;

  public IndexingAssetStore(AssetStore store, IndexAssessments indexing) {
    this(store, indexing.index(), () -> indexing);
  }

  /**
   * @param index tells whether the index has been built
   * @param indexing asked for only once it has: preparing it (the policy, the SSVC table) costs more
   *     than a CLI import's writes gain from it when no findings page was ever served
   */
  public IndexingAssetStore(AssetStore store, AssessmentIndex index,
      Supplier<IndexAssessments> indexing) {
    this.store = store;
    this.index = index;
    this.indexing = indexing;
  }

  @Override
  public void save(Asset asset) {
    store.save(asset);
    if (built == null) {
      built = !index.basis().isEmpty();
    }
    if (built) {
      indexing.get().reindex(List.of(asset.name()));
    }
  }

  @Override
  public Optional<Asset> find(String name) {
    return store.find(name);
  }

  @Override
  public List<Asset> list() {
    return store.list();
  }

  @Override
  public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages) {
    return store.recordInventory(assetName, scannedAt, os, packages);
  }

  @Override
  public List<Inventory> recordInventories(Instant scannedAt, List<NewInventory> inventories) {
    return store.recordInventories(scannedAt, inventories);
  }

  @Override
  public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages,
      String contentHash) {
    return store.recordInventory(assetName, scannedAt, os, packages, contentHash);
  }

  @Override
  public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages,
      String contentHash, String rawDigest) {
    return store.recordInventory(assetName, scannedAt, os, packages, contentHash, rawDigest);
  }

  @Override
  public Optional<Inventory> currentInventory(String assetName) {
    return store.currentInventory(assetName);
  }

  @Override
  public Optional<Inventory> inventory(String assetName, int revision) {
    return store.inventory(assetName, revision);
  }

  @Override
  public List<Inventory> history(String assetName) {
    return store.history(assetName);
  }

  @Override
  public List<Inventory> currentInventories() {
    return store.currentInventories();
  }

  @Override
  public void recordRawDigest(String assetName, int revision, String rawDigest) {
    store.recordRawDigest(assetName, revision, rawDigest);
  }

  @Override
  public Map<String, Asset> findAll(Collection<String> names) {
    return store.findAll(names);
  }

  @Override
  public Map<String, Newest> newest(Collection<String> names) {
    return store.newest(names);
  }
}
