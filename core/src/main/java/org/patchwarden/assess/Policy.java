package org.patchwarden.assess;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A remediation policy: ordered tier rules (the first whose condition holds decides; the last has
 * none and is the default), each with its remediation window, what to assume about assets whose
 * context is missing, and the SSVC decision table to evaluate. Written as YAML (docs/policy.md).
 *
 * @param name e.g. {@code default}
 * @param tiers most urgent first
 * @param ssvcTable the ref of the SSVC decision table, e.g. {@value SsvcEvaluator#CISA_COORDINATOR}
 */
public record Policy(String name, List<TierRule> tiers, AssetAssumptions assume, String ssvcTable) {
  public Policy {
    Objects.requireNonNull(name, "name");
    tiers = List.copyOf(tiers);
    Objects.requireNonNull(assume, "assume");
    Objects.requireNonNull(ssvcTable, "ssvcTable");
    if (tiers.isEmpty()) {
      throw new IllegalArgumentException("policy " + name + ": needs at least one tier");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < tiers.size(); i++) {
      TierRule t = tiers.get(i);
      if (!ids.add(t.id())) {
        throw new IllegalArgumentException("policy " + name + ": tier id " + t.id() + " appears twice");
      }
      boolean last = i == tiers.size() - 1;
      if (last && !t.isDefault()) {
        throw new IllegalArgumentException("policy " + name + ": the last tier (" + t.id()
            + ") is the default and must have no condition");
      }
      if (!last && t.isDefault()) {
        throw new IllegalArgumentException("policy " + name + ": tier " + t.id()
            + " has no condition, so the tiers after it could never apply; only the last tier may");
      }
    }
  }

  /** The tier with this id. */
  public Optional<TierRule> tier(String id) {
    return tiers.stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
