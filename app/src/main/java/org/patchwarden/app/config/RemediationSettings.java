package org.patchwarden.app.config;

import java.util.Set;

/**
 * The remediation keys of the configuration.
 *
 * @param approvals {@code remediation.approvals}: 0, 1 (default) or 2 approvers other than the planner
 * @param verifyHours {@code remediation.verify-hours}: how long after applying a rescan must prove the fix (24)
 * @param autoApproveTiers {@code remediation.auto-approve-tiers}: tiers approved without people on non-production assets
 */
public record RemediationSettings(int approvals, int verifyHours, Set<String> autoApproveTiers) {
  public RemediationSettings {
    autoApproveTiers = Set.copyOf(autoApproveTiers);
  }

  public static RemediationSettings defaults() {
    return new RemediationSettings(1, 24, Set.of());
  }
}
