package org.patchwarden.assess;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The open findings of one installed package on one asset that one action deals with.
 *
 * @param targetVersion for {@link FixAction#UPGRADE}, the highest fixed version among the findings:
 *     the version that closes them all; empty for the other actions
 * @param findings most urgent first
 * @param cveIds the CVEs (else advisory ids) of the findings, sorted, each once
 * @param kevFindings how many of the findings concern a CVE in CISA KEV
 * @param earliestDue the earliest due date among the findings
 * @param topTier the most urgent tier among the findings, e.g. {@code T0}
 * @param topTierRank that tier's position in the policy, 0 = most urgent
 */
public record FixGroup(FixAction action, String assetName, String ecosystem, String packageName,
    String installedVersion, String targetVersion, List<PrioritisedFinding> findings, List<String> cveIds,
    int kevFindings, LocalDate earliestDue, String topTier, int topTierRank) {
  public FixGroup {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(installedVersion, "installedVersion");
    targetVersion = targetVersion == null ? "" : targetVersion;
    findings = List.copyOf(findings);
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("a fix group needs at least one finding");
    }
    cveIds = List.copyOf(cveIds);
    Objects.requireNonNull(earliestDue, "earliestDue");
    Objects.requireNonNull(topTier, "topTier");
  }

  /** Whether the earliest due date has passed on {@code today}. */
  public boolean overdue(LocalDate today) {
    return today.isAfter(earliestDue);
  }
}
