package org.patchwarden.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts one asset's packages that no data covers, by ecosystem and cause, into {@link CoverageGap}s. */
final class CoverageCount {
  private record Key(String ecosystem, String reason) {}

  private final String assetName;
  private final Map<Key, int[]> counts = new LinkedHashMap<>();

  CoverageCount(String assetName) {
    this.assetName = assetName;
  }

  /** The package's ecosystem and release has no data at all. */
  void noData(EcosystemMapping.Target target) {
    add(target.ecosystem(), "no advisory data for " + target.describe());
  }

  /**
   * The package's release has data, but so little ({@code entries}) that silence proves nothing;
   * the package was still matched against it.
   */
  void sparse(EcosystemMapping.Target target, int entries) {
    add(target.ecosystem(), "sparse: only " + entries + (entries == 1 ? " advisory entry" : " advisory entries")
        + " for " + target.describe() + " \u2014 treat as no data");
  }

  /** The package maps to no advisory ecosystem. */
  void noEcosystem(EcosystemMapping.NoEcosystem none) {
    add(none.label(), "no advisory ecosystem is known for " + none.label());
  }

  /** The package's version is invalid in the ecosystem's scheme, so it was not compared. */
  void invalidVersion(EcosystemMapping.Target target, String scheme) {
    add(target.ecosystem(), "\u0000" + scheme);
  }

  private void add(String ecosystem, String reason) {
    counts.computeIfAbsent(new Key(ecosystem, reason), k -> new int[1])[0]++;
  }

  List<CoverageGap> gaps() {
    List<CoverageGap> out = new ArrayList<>(counts.size());
    counts.forEach((k, n) -> {
      String reason = k.reason();
      if (reason.startsWith("\u0000")) {
        String scheme = reason.substring(1);
        reason = n[0] == 1 ? "1 package with a version the " + scheme + " scheme rejects"
            : n[0] + " packages with versions the " + scheme + " scheme rejects";
      }
      out.add(new CoverageGap(assetName, k.ecosystem(), n[0], reason));
    });
    return out;
  }
}
