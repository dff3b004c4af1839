package org.patchwarden.match;

import java.util.Objects;
import java.util.Set;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;

/**
 * One advisory hitting one installed package on one asset, with the evidence that says so.
 *
 * @param advisoryId the advisory record's id (CVE-…, GHSA-…, DSA-…)
 * @param aliases the record's aliases, sorted
 * @param feedSource the feed that made the claim ({@code debian-dsa}, {@code osv:go}, {@code nvd} …)
 * @param advisoryEcosystem the ecosystem the claim is about: {@code Debian:11}, {@code AlmaLinux:9},
 *     {@code PyPI}, {@code cpe}
 * @param matchedName the package name matched: the source package for Debian, else the name
 * @param matchedVersion the version compared: the source version for Debian, else the version
 * @param status AFFECTED, or what the source says instead (UNFIXED, NO_DSA, END_OF_LIFE …)
 * @param range the affected range as the source states it, in words
 * @param fixedVersion the smallest fixed version above the installed one in this ecosystem and
 *     release, or empty when there is none (unfixed, end of life, last_affected only)
 */
public record Finding(String assetName, InstalledPackage installed, String advisoryId, Set<String> aliases,
    String feedSource, String advisoryEcosystem, String matchedName, String matchedVersion, AffectedStatus status,
    String range, String fixedVersion, Confidence confidence) {
  public Finding {
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(installed, "installed");
    Objects.requireNonNull(advisoryId, "advisoryId");
    aliases = Set.copyOf(aliases);
    Objects.requireNonNull(feedSource, "feedSource");
    Objects.requireNonNull(advisoryEcosystem, "advisoryEcosystem");
    Objects.requireNonNull(matchedName, "matchedName");
    Objects.requireNonNull(matchedVersion, "matchedVersion");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(range, "range");
    fixedVersion = fixedVersion == null ? "" : fixedVersion;
    Objects.requireNonNull(confidence, "confidence");
  }

  /** The identity of a finding across rescans: asset, ecosystem, package name, advisory. */
  public String key() {
    return assetName + "|" + installed.ecosystem() + "|" + installed.name() + "|" + advisoryId;
  }
}
