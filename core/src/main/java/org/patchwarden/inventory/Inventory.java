package org.patchwarden.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was installed on an asset at one scan. Inventories are versioned: each rescan stores a new
 * one and the previous ones stay as history.
 *
 * @param revision 1 for the first scan of the asset, then increasing
 */
public record Inventory(String assetName, int revision, Instant scannedAt, List<InstalledPackage> packages) {
  public Inventory {
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(scannedAt, "scannedAt");
    packages = List.copyOf(packages);
  }
}
