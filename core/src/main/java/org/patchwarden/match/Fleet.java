package org.patchwarden.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

/**
 * Inventories prepared for matching as a fleet: every distinct (advisory ecosystem, name, version)
 * tuple once, with a reverse index from each tuple to the assets that have it. Fleets share images,
 * so there are far fewer tuples than installed packages; matching cost follows the tuples. It does
 * not depend on the advisories, so one fleet serves any number of (re-)matches.
 */
public final class Fleet {
  private static final int[] NO_ASSETS = new int[0];

  final Inventory[] inventories;
  /** Per inventory, per installed package: its slot. */
  final Slot[][] slots;
  final List<Tuple> tuples;
  /** The reverse index: ecosystem key → name key → the tuples (one per installed version). */
  final Map<String, Map<String, List<Tuple>>> tuplesByName;
  private final long packages;

  private Fleet(Inventory[] inventories, Slot[][] slots, List<Tuple> tuples,
      Map<String, Map<String, List<Tuple>>> tuplesByName, long packages) {
    this.inventories = inventories;
    this.slots = slots;
    this.tuples = tuples;
    this.tuplesByName = tuplesByName;
    this.packages = packages;
  }

  /** Prepares {@code inventories}; each is one asset. */
  public static Fleet of(Collection<Inventory> inventories) {
    Inventory[] invs = inventories.toArray(new Inventory[0]);
    Slot[][] slots = new Slot[invs.length][];
    Map<OsRelease, Map<InstalledPackage, Slot>> byOs = new HashMap<>();
    Map<String, Map<String, List<Tuple>>> byName = new HashMap<>();
    List<Tuple> tuples = new ArrayList<>();
    long packages = 0;
    for (int i = 0; i < invs.length; i++) {
      Inventory inv = invs[i];
      // NB: inventories without an OS (SBOMs, appliances) share one map under a placeholder key
      OsRelease os = inv.os() == null ? NO_OS : inv.os();
      Map<InstalledPackage, Slot> known = byOs.computeIfAbsent(os, k -> new HashMap<>());
      List<InstalledPackage> pkgs = inv.packages();
      Slot[] mine = new Slot[pkgs.size()];
      for (int j = 0; j < mine.length; j++) {
        InstalledPackage p = pkgs.get(j);
        Slot s = known.get(p);
        if (s == null) {
          s = new Slot(p, EcosystemMapping.map(inv.os(), p));
          if (s.mapped instanceof EcosystemMapping.Target t) {
            s.tuple = tuple(t, byName, tuples);
            s.tuple.slots.add(s);
          }
          known.put(p, s);
        }
        s.addAsset(i);
        mine[j] = s;
      }
      slots[i] = mine;
      packages += mine.length;
    }
    return new Fleet(invs, slots, tuples, byName, packages);
  }

  private static final OsRelease NO_OS = new OsRelease("\u0000none", "", "", "");

  private static Tuple tuple(EcosystemMapping.Target t, Map<String, Map<String, List<Tuple>>> byName,
      List<Tuple> tuples) {
    List<Tuple> versions = byName.computeIfAbsent(t.ecosystemKey(), k -> new HashMap<>())
        .computeIfAbsent(t.nameKey(), k -> new ArrayList<>(2));
    for (Tuple existing : versions) {
      if (existing.target.version().equals(t.version())) {
        return existing;
      }
    }
    Tuple created = new Tuple(tuples.size(), t);
    versions.add(created);
    tuples.add(created);
    return created;
  }

  /** Assets (inventories). */
  public int assets() {
    return inventories.length;
  }

  /** Installed packages over all assets. */
  public long packages() {
    return packages;
  }

  /** Distinct (ecosystem, name, version) tuples: the matching work. */
  public int distinctTuples() {
    return tuples.size();
  }

  /** The tuples of a package name, in every installed version. */
  List<Tuple> tuples(String ecosystemKey, String nameKey) {
    Map<String, List<Tuple>> names = tuplesByName.get(ecosystemKey);
    if (names == null) {
      return List.of();
    }
    List<Tuple> t = names.get(nameKey);
    return t == null ? List.of() : t;
  }

  /** One distinct installed package on one OS, with the assets that have it. */
  static final class Slot {
    final InstalledPackage pkg;
    final EcosystemMapping.Mapped mapped;
    Tuple tuple;
    int[] assets = NO_ASSETS;
    int assetCount;

    Slot(InstalledPackage pkg, EcosystemMapping.Mapped mapped) {
      this.pkg = pkg;
      this.mapped = mapped;
    }

    void addAsset(int asset) {
      if (assetCount > 0 && assets[assetCount - 1] == asset) {
        return; // the same package listed twice on one asset
      }
      if (assetCount == assets.length) {
        assets = Arrays.copyOf(assets, Math.max(4, assetCount * 2));
      }
      assets[assetCount++] = asset;
    }
  }

  /** One distinct (ecosystem, name, version) and the slots (packages on OSes) that map to it. */
  static final class Tuple {
    final int id;
    final EcosystemMapping.Target target;
    final List<Slot> slots = new ArrayList<>(1);

    Tuple(int id, EcosystemMapping.Target target) {
      this.id = id;
      this.target = target;
    }
  }
}
