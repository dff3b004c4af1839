package org.patchwarden.usecase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/** Use case: an asset's inventory revisions and what changed from each to the next. */
public final class InventoryHistory {
  private final AssetStore assets;

  public InventoryHistory(AssetStore assets) {
    this.assets = assets;
  }

  /** How a package changed between two revisions. */
  public enum Kind { ADDED, REMOVED, CHANGED }

  /**
   * One package change.
   *
   * @param from the version before, empty when added
   * @param to the version after, empty when removed
   */
  public record PackageChange(Kind kind, String ecosystem, String name, String from, String to) {
    public PackageChange {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** One revision and the changes that led to it from the previous one (all packages ADDED for the first). */
  public record Revision(int revision, Instant scannedAt, int packages, List<PackageChange> changes) {
    public Revision {
      changes = List.copyOf(changes);
    }
  }

  /** Every revision of the asset, oldest first; empty when it was never scanned. */
  public List<Revision> history(String assetName) {
    List<Revision> out = new ArrayList<>();
    Map<String, InstalledPackage> previous = Map.of();
    for (Inventory header : assets.history(assetName)) {
      Inventory inv = assets.inventory(assetName, header.revision()).orElseThrow();
      Map<String, InstalledPackage> current = new TreeMap<>();
      for (InstalledPackage p : inv.packages()) {
        current.put(p.ecosystem() + "|" + p.name() + "|" + p.architecture(), p);
      }
      List<PackageChange> changes = new ArrayList<>();
      for (var e : current.entrySet()) {
        InstalledPackage before = previous.get(e.getKey());
        InstalledPackage now = e.getValue();
        if (before == null) {
          changes.add(new PackageChange(Kind.ADDED, now.ecosystem(), now.name(), "", now.version()));
        } else if (!before.version().equals(now.version())) {
          changes.add(new PackageChange(Kind.CHANGED, now.ecosystem(), now.name(), before.version(), now.version()));
        }
      }
      for (var e : previous.entrySet()) {
        if (!current.containsKey(e.getKey())) {
          InstalledPackage gone = e.getValue();
          changes.add(new PackageChange(Kind.REMOVED, gone.ecosystem(), gone.name(), gone.version(), ""));
        }
      }
      out.add(new Revision(inv.revision(), inv.scannedAt(), inv.packages().size(), changes));
      previous = current;
    }
    return out;
  }
}
