package org.patchwarden.baseline;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

/**
 * One asset as a baseline captured it.
 *
 * @param name the asset's name
 * @param role the role it was captured for (e.g. {@code web}), or empty when it was named directly
 * @param revision the inventory revision the packages were copied from
 * @param os the operating system of that inventory, or null
 * @param packages its packages at capture
 * @param settings chosen settings, by key ({@code sshd:permitrootlogin}, {@code sysctl:net.ipv4.ip_forward} …)
 */
public record BaselineAsset(String name, String role, int revision, OsRelease os, List<InstalledPackage> packages,
    SortedMap<String, String> settings) {
  public BaselineAsset {
    Objects.requireNonNull(name, "name");
    role = role == null ? "" : role.strip();
    packages = List.copyOf(packages);
    settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
  }

  /** The asset with these settings added (a key already present keeps its value). */
  public BaselineAsset withSettings(Map<String, String> more) {
    TreeMap<String, String> all = new TreeMap<>(more);
    all.putAll(settings);
    return new BaselineAsset(name, role, revision, os, packages, all);
  }

  /** The asset as an inventory, for the matcher. */
  public Inventory inventory(Instant at) {
    return new Inventory(name, revision, at, os, packages);
  }
}
