package org.patchwarden.exercise;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.Policy;
import org.patchwarden.assess.SsvcEvaluator;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.remediate.ApprovalRules;

/**
 * The real fleet and policy an exercise runs on, copied into memory: the simulation changes its own
 * copies only.
 *
 * @param snapshotDate the date the data is of (day 0 when the scenario states none)
 * @param inventories each asset's newest inventory
 * @param index the advisories, as the matcher reads them
 * @param kev the KEV catalog as loaded
 * @param profiles what the feeds say about each vulnerability the followed findings name, by id
 * @param ssvc the policy's SSVC table, or null when not loaded
 * @param verifyWithin the configured verification window
 */
public record ExerciseWorld(LocalDate snapshotDate, List<Asset> assets, List<Inventory> inventories,
    AdvisoryIndex index, List<KevEntry> kev, Map<String, VulnerabilityProfile> profiles, Policy policy,
    SsvcEvaluator ssvc, ApprovalRules approvals, Duration verifyWithin) {
  public ExerciseWorld {
    Objects.requireNonNull(snapshotDate, "snapshotDate");
    assets = List.copyOf(assets);
    inventories = List.copyOf(inventories);
    Objects.requireNonNull(index, "index");
    kev = List.copyOf(kev);
    profiles = Map.copyOf(profiles);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(verifyWithin, "verifyWithin");
  }
}
