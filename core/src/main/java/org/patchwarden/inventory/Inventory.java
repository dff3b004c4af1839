package org.patchwarden.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What was installed on an asset at one scan. Inventories are versioned: each rescan stores a new
 * one and the previous ones stay as history.
 *
 * @param revision 1 for the first scan of the asset, then increasing
 * @param os the operating system the scan found, or null (an SBOM, a lockfile, an appliance)
 */
public record Inventory(String assetName, int revision, Instant scannedAt, OsRelease os,
    List<InstalledPackage> packages) {
  public Inventory {
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(scannedAt, "scannedAt");
    packages = List.copyOf(packages);
  }
}
