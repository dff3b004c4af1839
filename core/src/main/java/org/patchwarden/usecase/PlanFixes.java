package org.patchwarden.usecase;

import java.util.List;
import java.util.Objects;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.assess.FixGroup;
import org.patchwarden.assess.FixPlan;

/** Use case: the remediation plan, open findings grouped per asset, package and action ({@link FixPlan}). */
public final class PlanFixes {
  private final AssessFindings assess;

  public PlanFixes(AssessFindings assess) {
    this.assess = Objects.requireNonNull(assess, "assess");
  }

  /**
   * The fix groups of the open findings, most urgent first.
   *
   * @param assetName only this asset's findings, or null for all
   * @param tier only findings of this tier (as the policy names it, case ignored), or null for all
   */
  public List<FixGroup> plan(String assetName, String tier) {
    return FixPlan.of(assess.prioritise(new FindingFilter(assetName, null, null, FindingStatus.OPEN)).stream()
        .filter(p -> tier == null || p.assessment().tier().equalsIgnoreCase(tier))
        .toList());
  }
}
