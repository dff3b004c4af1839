package org.patchwarden.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

/**
 * Matches one inventory against an {@link AdvisoryIndex}: findings with their evidence, and the
 * coverage gaps that keep "no finding" from reading as "clean".
 *
 * <p>Rules, per installed package mapped by {@link EcosystemMapping}:
 * <ul>
 *   <li>an entry of status AFFECTED matches when the version is in one of its ranges (OSV event
 *       semantics; NVD CPE bounds in the generic scheme) or its explicit versions list; with neither
 *       ranges nor versions it affects every version (Debian's "undetermined");</li>
 *   <li>UNFIXED, NO_DSA, POSTPONED, IGNORED and END_OF_LIFE entries without ranges match every
 *       version and give a finding of that status, without a fix; NOT_AFFECTED gives none;</li>
 *   <li>one finding per (asset, package, record id, feed source): the same advisory id from two
 *       feeds is two findings, each with its own evidence; an asset listing one package name twice
 *       (two architectures, two npm copies) keeps the first one's finding, as the finding's
 *       {@linkplain Finding#key() key} has no version;</li>
 *   <li>the fixed version is the smallest {@code fixed} above the installed version among the
 *       record's matching entries for that ecosystem and release (for NVD: {@code versionEndExcluding});</li>
 *   <li>confidence CONFIRMED for package ecosystems, CPE_MATCH for the CPE index; a CPE product
 *       named without any version is left to the assessment's product check.</li>
 * </ul>
 * Packages of an ecosystem (and release) without any data, packages of no known advisory
 * ecosystem, and versions the ecosystem's scheme rejects become {@link CoverageGap}s, counted per
 * asset and ecosystem. So do packages of a {@linkplain AdvisoryIndex#isSparse sparse} release,
 * which are still matched: the few entries it has are real evidence, but their silence is not.
 */
public final class Matcher {
  private final AdvisoryIndex index;

  public Matcher(AdvisoryIndex index) {
    this.index = Objects.requireNonNull(index, "index");
  }

  /** Matches the inventory's packages. */
  public MatchResult match(Inventory inventory) {
    return match(inventory.assetName(), inventory.os(), inventory.packages());
  }

  /**
   * Matches packages installed on an asset.
   *
   * @param os null when the inventory has no OS (an SBOM, an appliance)
   */
  public MatchResult match(String assetName, OsRelease os, Collection<InstalledPackage> packages) {
    Objects.requireNonNull(assetName, "assetName");
    CoverageCount coverage = new CoverageCount(assetName);
    List<Finding> findings = new ArrayList<>();
    Set<FindingIdentity> seen = new HashSet<>();
    for (InstalledPackage p : packages) {
      switch (EcosystemMapping.map(os, p)) {
        case EcosystemMapping.NoEcosystem none -> coverage.noEcosystem(none);
        case EcosystemMapping.Target t -> {
          if (!index.hasDataKey(t.ecosystemKey())) {
            coverage.noData(t);
            continue;
          }
          TupleEvaluation ev = TupleEvaluation.of(index, t, null);
          if (ev.invalidScheme() != null) {
            coverage.invalidVersion(t, ev.invalidScheme());
            continue;
          }
          if (index.sparseKey(t.ecosystemKey())) {
            coverage.sparse(t, index.coverageKey(t.ecosystemKey()));
          }
          for (Hit h : ev.hits()) {
            if (seen.add(new FindingIdentity(0, p.ecosystem(), p.name(), h.feedSource(), h.advisoryId()))) {
              findings.add(h.toFinding(assetName, p, t));
            }
          }
        }
      }
    }
    return new MatchResult(findings, coverage.gaps());
  }

  /** What makes two findings the same: asset, installed package name, source, record. */
  record FindingIdentity(int asset, String ecosystem, String name, String feedSource, String advisoryId) {}
}
