package org.patchwarden.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one scan inventoried of an asset, and the asset's inventory it makes: a scan replaces the
 * packages of the ecosystems it inventoried and keeps the others, so that {@code scan
 * requirements.txt --asset web-01} adds the Python packages of a Debian host without dropping its
 * dpkg packages or its OS. Only a {@code complete} scan replaces everything.
 *
 * @param os the operating system the scan found, or null: the previous one is then kept, unless
 *     the scan is complete
 * @param complete whether the scan states everything installed on the asset (other ecosystems and
 *     an OS it did not find are dropped)
 */
public record InventoryScan(OsRelease os, List<InstalledPackage> packages, boolean complete) {
  /** Share of the previous packages below which a scan is suspected to have missed most of them. */
  static final double SUSPICIOUS_SHARE = 0.5;

  public InventoryScan {
    packages = List.copyOf(packages);
  }

  /**
   * The asset's inventory after this scan.
   *
   * @param os the operating system, or null
   * @param warnings what the scan dropped that a user should check: the OS, or most packages
   */
  public record Merged(OsRelease os, List<InstalledPackage> packages, List<String> warnings) {
    public Merged {
      packages = List.copyOf(packages);
      warnings = List.copyOf(warnings);
    }
  }

  /** The ecosystems this scan inventoried: those of its packages. */
  public Set<String> ecosystems() {
    Set<String> ecosystems = new TreeSet<>();
    packages.forEach(p -> ecosystems.add(p.ecosystem()));
    return ecosystems;
  }

  /**
   * Applies this scan to the asset's newest inventory.
   *
   * @param previous the newest inventory, or null for the first scan of the asset
   */
  public Merged applyTo(Inventory previous) {
    if (previous == null) {
      return new Merged(os, packages, List.of());
    }
    OsRelease mergedOs = os != null || complete ? os : previous.os();
    List<InstalledPackage> merged = new ArrayList<>();
    if (!complete) {
      Set<String> replaced = ecosystems();
      previous.packages().stream().filter(p -> !replaced.contains(p.ecosystem())).forEach(merged::add);
    }
    merged.addAll(packages);
    List<String> warnings = new ArrayList<>();
    String of = "revision " + previous.revision() + " of asset " + previous.assetName();
    if (previous.os() != null && mergedOs == null) {
      warnings.add("the scan found no operating system, " + of + " had " + describe(previous.os())
          + ": its OS packages can no longer be matched to a release");
    }
    int before = previous.packages().size();
    if (before > 0 && merged.size() < before * SUSPICIOUS_SHARE) {
      warnings.add("the scan keeps " + merged.size() + " of the " + before + " packages of " + of
          + ": check that it read the whole inventory");
    }
    return new Merged(mergedOs, merged, warnings);
  }

  private static String describe(OsRelease os) {
    return os.id() + (os.versionId().isEmpty() ? "" : " " + os.versionId())
        + (os.codename().isEmpty() ? "" : " (" + os.codename() + ")");
  }
}
