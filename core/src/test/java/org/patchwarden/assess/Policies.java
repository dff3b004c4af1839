package org.patchwarden.assess;

import java.util.List;
import java.util.Set;

/** Policies for tests, built in code (core tests cannot read the YAML the formats module ships). */
public final class Policies {
  private Policies() {}

  /** The same rules as the shipped default-policy.yaml. */
  public static Policy standard() {
    return new Policy("standard", List.of(
        new TierRule("T0", "emergency", 2, new Condition.All(List.of(
            new Condition.InKev(true),
            new Condition.Any(List.of(new Condition.InternetFacing(true), new Condition.TacticsAny(Set.of("TA0001"))))))),
        new TierRule("T1", "critical", 7, new Condition.Any(List.of(
            new Condition.InKev(true),
            new Condition.SsvcIn(Set.of("Act")),
            new Condition.All(List.of(new Condition.CvssMin(9.0), new Condition.EpssMin(0.5)))))),
        new TierRule("T2", "high", 30, new Condition.Any(List.of(
            new Condition.SsvcIn(Set.of("Attend")), new Condition.CvssMin(7.0)))),
        new TierRule("T3", "planned", 90, new Condition.FixAvailable(true)),
        new TierRule("T4", "track", 180, Condition.always())),
        AssetAssumptions.DEFAULT, SsvcEvaluator.CISA_COORDINATOR);
  }
}
