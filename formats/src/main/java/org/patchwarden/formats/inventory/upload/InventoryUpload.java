package org.patchwarden.formats.inventory.upload;

import java.util.List;
import java.util.Objects;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/**
 * What a collector uploads: the asset, the agent that collected it (host and version), the OS and
 * the packages. It carries no time, so that the same inventory uploaded again hashes alike.
 *
 * @param os null when the host has no os-release
 */
public record InventoryUpload(String asset, String agent, OsRelease os, List<InstalledPackage> packages) {
  public InventoryUpload {
    Objects.requireNonNull(asset, "asset");
    agent = agent == null ? "" : agent;
    packages = List.copyOf(packages);
  }
}
