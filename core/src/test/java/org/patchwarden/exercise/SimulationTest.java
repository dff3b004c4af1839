package org.patchwarden.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.AssetAssumptions;
import org.patchwarden.assess.Condition;
import org.patchwarden.assess.Policy;
import org.patchwarden.assess.SsvcEvaluator;
import org.patchwarden.assess.TierRule;
import org.patchwarden.exercise.ExerciseReport.Outcome;
import org.patchwarden.exercise.ScenarioEvent.KevAdded;
import org.patchwarden.exercise.ScenarioEvent.PatchDelayed;
import org.patchwarden.exercise.ScenarioEvent.RescanEvery;
import org.patchwarden.exercise.ScenarioEvent.VerificationFails;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.remediate.ApprovalRules;
import org.patchwarden.version.OsvEvent;

class SimulationTest {
  static final String CVE = "CVE-2099-0001";
  static final LocalDate START = LocalDate.of(2026, 8, 7);
  /** In KEV: T0, two days; anything else: three days. */
  static final Policy POLICY = new Policy("exercise-test", List.of(
      new TierRule("T0", "emergency", 2, new Condition.InKev(true)),
      new TierRule("T3", "planned", 3, Condition.always())), AssetAssumptions.DEFAULT, SsvcEvaluator.CISA_COORDINATOR);

  /** Assets a-01 (internet-facing, team alpha) and b-01 (team beta, tagged slow), both with demo-lib 1.0, fixed in 1.1. */
  static ExerciseWorld world(int extraAssets) {
    AdvisoryRecord record = new AdvisoryRecord("osv:pypi", CVE, Set.of(), "", "", null, null, false,
        List.of(new AffectedPackage("PyPI", "demo-lib", null, AffectedStatus.AFFECTED, List.of(new AffectedRange.Events(
            "ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.ofField("introduced"), "0"),
                new OsvEvent(OsvEvent.Kind.ofField("fixed"), "1.1")))), List.of(), "")),
        List.of(), List.of(), List.of());
    List<Asset> assets = new ArrayList<>(List.of(
        new Asset("a-01", AssetKind.APPLICATION, "production", "alpha", 1, true, Set.of()),
        new Asset("b-01", AssetKind.APPLICATION, "production", "beta", 2, false, Set.of("slow"))));
    for (int i = 0; i < extraAssets; i++) {
      assets.add(new Asset(String.format("c-%02d", i), AssetKind.APPLICATION, "production", "gamma", 3, false,
          Set.of("flaky")));
    }
    List<Inventory> inventories = assets.stream().map(a -> new Inventory(a.name(), 1, START.atStartOfDay()
        .toInstant(java.time.ZoneOffset.UTC), null, List.of(InstalledPackage.of("pypi", "demo-lib", "1.0")))).toList();
    return new ExerciseWorld(START, assets, inventories, AdvisoryIndex.builder().add("osv:pypi", record).build(),
        List.of(), Map.of(CVE, new VulnerabilityProfile(CVE, null, null, null, List.of())), POLICY, null,
        new ApprovalRules(1, Set.of()), Duration.ofHours(24));
  }

  static Scenario scenario(int days, List<ScenarioEvent> events) {
    return new Scenario("test.yaml", "test", "", Scenario.Fleet.DEMO, null, days, 7, List.of(CVE), 0,
        Scenario.Process.defaults(), events);
  }

  static AssetSelector tag(String tag) {
    return new AssetSelector(Set.of(), Set.of(tag), Set.of());
  }

  static Outcome outcome(ExerciseReport r, String asset) {
    return r.outcomes().stream().filter(o -> o.asset().equals(asset)).findFirst().orElseThrow();
  }

  @Test
  void aKevListingWithADelayedPatchGivesTheHandComputedDays() {
    ExerciseReport r = Simulation.run(scenario(20, List.of(new KevAdded("test.yaml line 5", CVE, 0, 5),
        new PatchDelayed("test.yaml line 6", tag("slow"), 10))), world(0));

    // a-01: detected day 0 (T0, due day 2), planned day 0, approved and applied day 1, rescan day 2 proves it
    Outcome a = outcome(r, "a-01");
    assertThat(a.tier()).isEqualTo("T0");
    assertThat(a.dueDay()).isEqualTo(2);
    assertThat(a.dueDate()).isEqualTo(START.plusDays(2));
    assertThat(List.of(a.exposedFrom(), a.detected(), a.fixLanded(), a.verified())).containsExactly(0, 0, 1, 2);
    assertThat(a.timeToDetection()).isZero();
    assertThat(a.timeToVerifiedFix()).isEqualTo(2);
    assertThat(a.exposureDays()).isEqualTo(2);
    assertThat(a.breachDays()).isZero();
    assertThat(a.changeState()).isEqualTo("verified");
    assertThat(a.earliestWarning()).isNull();

    // b-01: the patch comes on day 10, the rescan of day 11 proves it: 9 days past due
    Outcome b = outcome(r, "b-01");
    assertThat(List.of(b.exposedFrom(), b.detected(), b.fixLanded(), b.verified())).containsExactly(0, 0, 10, 11);
    assertThat(b.exposureDays()).isEqualTo(11);
    assertThat(b.breachDays()).isEqualTo(9);
    assertThat(b.earliestWarning().control()).isEqualTo("patch availability");
    assertThat(b.earliestWarning().day()).isEqualTo(1);

    assertThat(r.summary().assetDaysExposed()).isEqualTo(13);
    assertThat(r.summary().internetFacingAssetDaysExposed()).isEqualTo(2);
    assertThat(r.summary().slaBreaches()).isEqualTo(1);
    assertThat(r.summary().medianTimeToVerifiedFix()).isEqualTo(6.5);
    assertThat(r.summary().maxTimeToVerifiedFix()).isEqualTo(11);
    assertThat(r.timeline()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("patch-unavailable"));
  }

  @Test
  void weeklyRescansMissTheVerificationWindowAndProveTheFixOnDaySeven() {
    ExerciseReport r = Simulation.run(scenario(14, List.of(new RescanEvery("test.yaml line 7", tag("slow"), 7))),
        world(0));

    // not in KEV: T3, due day 3; applied day 1, window ends day 2, next rescan day 7
    Outcome b = outcome(r, "b-01");
    assertThat(b.tier()).isEqualTo("T3");
    assertThat(List.of(b.detected(), b.fixLanded(), b.verified())).containsExactly(0, 1, 7);
    assertThat(b.exposureDays()).isEqualTo(2);
    assertThat(b.missedWindows()).isEqualTo(1);
    assertThat(b.breachDays()).isEqualTo(4);
    assertThat(b.earliestWarning().control()).isEqualTo("verification deadline");
    assertThat(b.earliestWarning().day()).isEqualTo(2);
    assertThat(outcome(r, "a-01").verified()).isEqualTo(2);
  }

  @Test
  void withoutReMatchOnFeedChangeALateAdvisoryWaitsForTheWeeklyRescan() {
    Scenario s = new Scenario("test.yaml", "late", "", Scenario.Fleet.DEMO, null, 20, 7, List.of(CVE), 0,
        new Scenario.Process(null, 1, null, false), List.of(
            new ScenarioEvent.AdvisoryPublished("test.yaml line 3", CVE, 3),
            new RescanEvery("test.yaml line 4", tag("slow"), 7)));

    ExerciseReport r = Simulation.run(s, world(0));

    // a-01 rescans daily: found on day 3; b-01 waits for its day-7 rescan, then for its day-14 one to verify
    assertThat(outcome(r, "a-01").detected()).isEqualTo(3);
    Outcome b = outcome(r, "b-01");
    assertThat(List.of(b.exposedFrom(), b.detected(), b.dueDay(), b.fixLanded(), b.verified()))
        .containsExactly(3, 7, 10, 8, 14);
    assertThat(b.timeToDetection()).isEqualTo(4);
    assertThat(b.exposureDays()).isEqualTo(6);
    assertThat(b.breachDays()).isEqualTo(4);
    assertThat(b.earliestWarning().control()).isEqualTo("re-match on feed change");
    assertThat(b.earliestWarning().day()).isEqualTo(3);
  }

  @Test
  void theSameSeedGivesTheSameReportAndFailuresFollowTheSeed() {
    List<ScenarioEvent> events = List.of(new VerificationFails("test.yaml line 8", tag("flaky"), 0.5, 2));
    ExerciseReport first = Simulation.run(scenario(30, events), world(12));
    ExerciseReport second = Simulation.run(scenario(30, events), world(12));

    assertThat(second).isEqualTo(first);
    assertThat(first.summary().verificationFailures()).isPositive();
    assertThat(first.timeline()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("verification-failed"));
    // a failed change is reverted (2 days) and applied again until it lands
    Outcome failed = first.outcomes().stream().filter(o -> o.verificationFailures() > 0).findFirst().orElseThrow();
    assertThat(failed.verified()).isGreaterThanOrEqualTo(2 + 2 + 1);
  }

  @Test
  void aScenarioNamingAnUnknownAssetFailsNamingItsPlace() {
    Scenario s = scenario(5, List.of(new PatchDelayed("test.yaml line 9",
        new AssetSelector(Set.of("nope-01"), Set.of(), Set.of()), 3)));

    assertThatThrownBy(() -> Simulation.run(s, world(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("test.yaml line 9 (patch_delayed): asset 'nope-01' is not in the fleet; its assets are a-01, b-01");
  }

  @Test
  void aScenarioFollowingAnUnknownCveFailsNamingIt() {
    Scenario s = new Scenario("test.yaml", "t", "", Scenario.Fleet.DEMO, null, 5, 1, List.of("CVE-2099-9999"), 0,
        Scenario.Process.defaults(), List.of());

    assertThatThrownBy(() -> Simulation.run(s, world(0)))
        .hasMessage("test.yaml: cves: CVE-2099-9999 is unknown: no loaded feed (advisories, CVE records, KEV) knows it");
  }

  @Test
  void aTagThatSelectsNoAssetIsRefused() {
    Scenario s = scenario(5, List.of(new RescanEvery("test.yaml line 4", tag("edge"), 7)));

    assertThatThrownBy(() -> Simulation.run(s, world(0)))
        .hasMessage("test.yaml line 4 (rescan_every): tags edge selects no asset of the fleet");
  }
}
