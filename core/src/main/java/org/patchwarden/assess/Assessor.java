package org.patchwarden.assess;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a {@link Policy} to a finding's {@link Signals}: the first tier rule whose condition holds
 * gives the tier; the due date is first seen plus the tier's window, or CISA's KEV due date when
 * that is earlier (even when it is before first seen: the finding is then overdue on arrival, and
 * the rationale says so).
 */
public final class Assessor {
  private final Policy policy;
  private final SsvcEvaluator ssvc;

  /**
   * @param ssvc the evaluator of the policy's SSVC table, or null when that table is not loaded
   *     (SSVC conditions then do not hold, and each assessment says so)
   * @throws IllegalArgumentException when the evaluator's table is not the policy's
   */
  public Assessor(Policy policy, SsvcEvaluator ssvc) {
    this.policy = Objects.requireNonNull(policy, "policy");
    if (ssvc != null && !ssvc.table().ref().equals(policy.ssvcTable())) {
      throw new IllegalArgumentException("policy " + policy.name() + " uses SSVC table " + policy.ssvcTable()
          + ", not " + ssvc.table().ref());
    }
    this.ssvc = ssvc;
  }

  public Policy policy() {
    return policy;
  }

  /** Assesses a finding first seen at {@code firstSeen} (its UTC date). */
  public Assessment assess(Signals s, Instant firstSeen) {
    return assess(s, LocalDate.ofInstant(firstSeen, ZoneOffset.UTC));
  }

  /** Assesses a finding first seen on {@code firstSeen}. */
  public Assessment assess(Signals s, LocalDate firstSeen) {
    Objects.requireNonNull(s, "signals");
    Objects.requireNonNull(firstSeen, "firstSeen");
    List<String> assumptions = new ArrayList<>(s.assumptions());
    SsvcDecision decision = null;
    if (ssvc != null) {
      decision = ssvc.decide(s);
    } else {
      assumptions.add("SSVC table " + policy.ssvcTable() + " not loaded: SSVC conditions do not apply");
    }
    List<TierRule> tiers = policy.tiers();
    for (int rank = 0; rank < tiers.size(); rank++) {
      TierRule rule = tiers.get(rank);
      Optional<List<Condition>> deciding = rule.when().decide(s, decision);
      if (deciding.isPresent()) {
        return verdict(s, firstSeen, decision, rule, rank, deciding.get(), assumptions);
      }
    }
    throw new IllegalStateException("policy " + policy.name() + ": the default tier always holds");
  }

  private Assessment verdict(Signals s, LocalDate firstSeen, SsvcDecision decision, TierRule rule, int rank,
      List<Condition> deciding, List<String> assumptions) {
    LocalDate due = firstSeen.plusDays(rule.windowDays());
    DueBasis basis = DueBasis.TIER_WINDOW;
    if (s.kev() != null && s.kev().dueDate() != null && s.kev().dueDate().isBefore(due)) {
      due = s.kev().dueDate();
      basis = DueBasis.KEV_DUE_DATE;
    }
    List<String> keys = deciding.stream().map(Condition::key).distinct().toList();
    String rationale = Rationale.write(s, decision, rule, deciding, firstSeen, due, basis, assumptions);
    return new Assessment(s.findingKey(), s.assetName(), s.advisoryId(), rule.id(), rule.name(), rank, decision,
        firstSeen, due, basis, keys, rationale, s, assumptions);
  }
}
