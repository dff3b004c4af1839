package org.patchwarden.baseline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.patchwarden.inventory.Inventory;

/**
 * A named, versioned snapshot of an environment: the package versions and chosen settings of a set
 * of assets at one time. Capturing a name again stores its next version; older versions stay.
 *
 * @param version 1 for the first capture of the name, then increasing; 0 before it is stored
 * @param capturedBy who captured it
 */
public record Baseline(String name, int version, Instant capturedAt, String capturedBy, List<BaselineAsset> assets) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public Baseline {
    requireName(name);
    if (version < 0) {
      throw new IllegalArgumentException("baseline " + name + ": version must not be negative, got " + version);
    }
    Objects.requireNonNull(capturedAt, "capturedAt");
    capturedBy = capturedBy == null ? "" : capturedBy.strip();
    assets = List.copyOf(assets);
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("baseline " + name + " needs at least one asset");
    }
    Set<String> seen = new HashSet<>();
    for (BaselineAsset a : assets) {
      if (!seen.add(a.name())) {
        throw new IllegalArgumentException("baseline " + name + " lists asset " + a.name() + " twice");
      }
    }
  }

  /** Refuses a name that is not 1-128 letters, digits and {@code ._-} starting with a letter or digit. */
  public static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("baseline name '" + name
          + "' must start with a letter or digit and use only letters, digits and ._- (max 128)");
    }
    return name;
  }

  /** This baseline as stored under {@code newVersion}. */
  public Baseline stored(int newVersion) {
    return new Baseline(name, newVersion, capturedAt, capturedBy, assets);
  }

  /** {@code name@version}. */
  public String label() {
    return name + "@" + version;
  }

  /** Asset names by role, roles sorted; assets named directly are under the empty role. */
  public SortedMap<String, List<String>> assetsByRole() {
    TreeMap<String, List<String>> out = new TreeMap<>();
    for (BaselineAsset a : assets) {
      out.computeIfAbsent(a.role(), r -> new ArrayList<>()).add(a.name());
    }
    out.replaceAll((r, names) -> List.copyOf(names));
    return Collections.unmodifiableSortedMap(out);
  }

  /** Every asset's packages as an inventory at capture time, for the matcher. */
  public List<Inventory> inventories() {
    return assets.stream().map(a -> a.inventory(capturedAt)).toList();
  }

  /** How many packages the assets hold together. */
  public int packageCount() {
    return assets.stream().mapToInt(a -> a.packages().size()).sum();
  }
}
