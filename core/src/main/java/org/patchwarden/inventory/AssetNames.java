package org.patchwarden.inventory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks on the asset names a write of several assets is given. */
public final class AssetNames {
  private AssetNames() {}

  /**
   * @param what what the write records, for the message ("inventories", "scans")
   * @throws IllegalArgumentException naming the first asset that comes twice among {@code names}
   */
  public static void requireDistinct(List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException("asset '" + name + "' comes twice in one write of " + what);
      }
    }
  }
}
