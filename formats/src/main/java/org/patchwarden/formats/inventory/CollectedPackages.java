package org.patchwarden.formats.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.patchwarden.inventory.InstalledPackage;

/**
 * The packages a collector found installed, and how many entries of its input it left out and why,
 * so that a report can say "712 installed, 3 skipped (deinstall ok config-files)" instead of hiding
 * them.
 *
 * @param packages in the order of the input
 * @param skipped reason (e.g. a dpkg status, {@code gpg-pubkey}) to how many entries it left out;
 *     sorted by reason
 */
public record CollectedPackages(List<InstalledPackage> packages, Map<String, Integer> skipped) {
  public CollectedPackages {
    packages = List.copyOf(packages);
    Objects.requireNonNull(skipped, "skipped");
    skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
  }

  /** How many entries were left out, for any reason. */
  public int skippedCount() {
    return skipped.values().stream().mapToInt(Integer::intValue).sum();
  }
}
