package org.patchwarden.app.config;

import java.util.Set;

/**
 * The remediation keys of the configuration.
 *
 * @param approvals {@code remediation.approvals}: 0, 1 (default) or 2 approvers other than the planner
 * @param verifyHours {@code remediation.verify-hours}: how long after applying a rescan must prove the fix (24)
 * @param autoApproveTiers {@code remediation.auto-approve-tiers}: tiers approved without people on non-production assets
 * @param requireStagingBaseline {@code remediation.require-staging-baseline}: a change on production assets is
 *     approved only with staging evidence (docs/baselines.md); off by default
 * @param stagingEvidenceApproves {@code remediation.staging-evidence-approves}: satisfied staging evidence
 *     approves a planned change of an auto-approve tier, production included (the staging-baseline
 *     auto-approve rule); off by default
 */
public record RemediationSettings(int approvals, int verifyHours, Set<String> autoApproveTiers,
    boolean requireStagingBaseline, boolean stagingEvidenceApproves) {
  public RemediationSettings {
    autoApproveTiers = Set.copyOf(autoApproveTiers);
  }

  /** Without the staging-baseline requirement. */
  public RemediationSettings(int approvals, int verifyHours, Set<String> autoApproveTiers) {
    this(approvals, verifyHours, autoApproveTiers, false, false);
  }

  public static RemediationSettings defaults() {
    return new RemediationSettings(1, 24, Set.of());
  }
}
