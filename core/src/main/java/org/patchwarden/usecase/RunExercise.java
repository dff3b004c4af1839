package org.patchwarden.usecase;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.Policy;
import org.patchwarden.assess.SsvcEvaluator;
import org.patchwarden.exercise.ExerciseReport;
import org.patchwarden.exercise.ExerciseWorld;
import org.patchwarden.exercise.Scenario;
import org.patchwarden.exercise.Simulation;
import org.patchwarden.exercise.TopCves;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.KevProducts;
import org.patchwarden.remediate.ApprovalRules;

/**
 * Use case: run a tabletop exercise on the fleet, feeds and policy of a store. The store is only
 * read: the simulation works on copies in memory, so an exercise never changes it.
 */
public final class RunExercise {
  private final AssetStore assets;
  private final AdvisoryStore advisories;
  private final KevStore kev;
  private final DescribeVulnerability describe;
  private final Policy policy;
  private final SsvcEvaluator ssvc;
  private final ApprovalRules approvals;
  private final Duration verifyWithin;

  /** @param ssvc the policy's SSVC table, or null when not loaded */
  public RunExercise(AssetStore assets, AdvisoryStore advisories, KevStore kev, DescribeVulnerability describe,
      Policy policy, SsvcEvaluator ssvc, ApprovalRules approvals, Duration verifyWithin) {
    this.assets = Objects.requireNonNull(assets, "assets");
    this.advisories = Objects.requireNonNull(advisories, "advisories");
    this.kev = Objects.requireNonNull(kev, "kev");
    this.describe = Objects.requireNonNull(describe, "describe");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.ssvc = ssvc;
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.verifyWithin = Objects.requireNonNull(verifyWithin, "verifyWithin");
  }

  /**
   * Runs {@code scenario}; a scenario that follows {@code cves: {top: N}} follows the N CVEs that
   * {@link TopCves} chooses on this store's fleet (the report names them).
   *
   * @param snapshotDate day 0 when the scenario states none: the date the data is of
   * @throws IllegalArgumentException when the scenario names an unknown asset or CVE, or the store
   *     has no fleet to rehearse on
   */
  public ExerciseReport run(Scenario scenario, LocalDate snapshotDate) {
    List<Inventory> inventories = assets.currentInventories();
    if (inventories.isEmpty()) {
      int count = assets.list().size();
      throw new IllegalArgumentException(scenario.source() + ": " + (count == 0 ? "the store has no assets"
          : "none of the store's " + count + " assets has an inventory")
          + "; import an inventory first ('patchwarden inventory import') or use fleet: demo");
    }
    AdvisoryIndex index = AdvisoryIndex.forInventories(advisories, inventories);
    List<KevEntry> catalog = kev.newest(Integer.MAX_VALUE);
    List<Finding> found = new ArrayList<>(new FleetMatcher(index).match(inventories).findings());
    found.addAll(KevProducts.match(catalog, inventories, index));
    Scenario followed = scenario;
    if (scenario.top() > 0) {
      Set<String> listed = catalog.stream().map(KevEntry::cveId).collect(Collectors.toSet());
      List<String> chosen = TopCves.choose(found, listed, scenario.top());
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException(scenario.source() + ": cves: top " + scenario.top()
            + ": no finding on the fleet names a CVE; name the CVEs to follow instead");
      }
      followed = scenario.withCves(chosen);
    }
    return Simulation.run(followed, world(followed, snapshotDate, inventories, index, catalog, found));
  }

  /** The store's fleet, advisories, KEV catalog and the profiles the scenario's findings need, in memory. */
  private ExerciseWorld world(Scenario scenario, LocalDate snapshotDate, List<Inventory> inventories,
      AdvisoryIndex index, List<KevEntry> catalog, List<Finding> found) {
    // Profiles of every vulnerability a followed finding names (a DSA names many CVEs), as the assessment reads them.
    TreeSet<String> ids = new TreeSet<>(scenario.cves());
    for (Finding f : found) {
      Set<String> cves = TopCves.cves(f);
      if (cves.stream().anyMatch(scenario.cves()::contains)) {
        ids.addAll(cves);
      }
    }
    Map<String, VulnerabilityProfile> profiles = new TreeMap<>();
    for (Map.Entry<String, Optional<VulnerabilityProfile>> e : describe.describeAll(ids).entrySet()) {
      e.getValue().ifPresent(p -> profiles.put(e.getKey(), p));
    }
    return new ExerciseWorld(snapshotDate, assets.list(), inventories, index, catalog, profiles, policy, ssvc, approvals,
        verifyWithin);
  }
}
