package org.patchwarden.remediate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.inventory.Asset;

/**
 * How many approvals a change needs, and which changes a rule approves without a queue: a change of
 * an auto-approved tier whose assets all have a stated environment other than production.
 *
 * @param approvals 0, 1 or 2 approvals by people other than the planner
 * @param autoApproveTiers tiers approved automatically on non-production assets, e.g. {@code T0}
 */
public record ApprovalRules(int approvals, Set<String> autoApproveTiers) {
  public ApprovalRules {
    if (approvals < 0 || approvals > 2) {
      throw new IllegalArgumentException("remediation.approvals must be 0, 1 or 2, got " + approvals);
    }
    TreeSet<String> upper = new TreeSet<>();
    autoApproveTiers.forEach(t -> upper.add(t.strip().toUpperCase(Locale.ROOT)));
    autoApproveTiers = Set.copyOf(upper);
  }

  /** One approval, no automatic approval. */
  public static ApprovalRules defaults() {
    return new ApprovalRules(1, Set.of());
  }

  /**
   * The staging-baseline auto-approve rule: the automatic approval of a planned change of an
   * auto-approved {@code tier}, on any assets, once its staging evidence is satisfied; null when people
   * must approve.
   */
  public Approval withStagingEvidence(String tier, Instant at) {
    if (approvals == 0 || tier == null || !autoApproveTiers.contains(tier.toUpperCase(Locale.ROOT))) {
      return null;
    }
    return new Approval("auto-approve", at, "auto: " + tier + " with satisfied staging evidence");
  }

  /** The automatic approval for a change of {@code tier} on {@code assets}, or null when people must approve. */
  public Approval automatic(String tier, List<Asset> assets, Instant at) {
    Objects.requireNonNull(assets, "assets");
    if (approvals == 0 || tier == null || !autoApproveTiers.contains(tier.toUpperCase(Locale.ROOT)) || assets.isEmpty()) {
      return null;
    }
    // an environment nobody stated may be production: only stated non-production assets qualify
    boolean nonProduction = assets.stream().allMatch(a -> a.environment() != null
        && !a.environment().toLowerCase(Locale.ROOT).startsWith("prod"));
    return nonProduction ? new Approval("auto-approve", at, "auto: " + tier + " on non-production assets") : null;
  }
}
