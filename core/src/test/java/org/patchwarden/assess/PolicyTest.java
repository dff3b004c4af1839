package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final TierRule T0 = new TierRule("T0", "emergency", 2, new Condition.InKev(true));
  private static final TierRule T4 = new TierRule("T4", "track", 180, Condition.always());

  @Test
  void theLastTierMustBeTheDefault() {
    assertThatThrownBy(() -> new Policy("p", List.of(T0), AssetAssumptions.DEFAULT, SsvcEvaluator.CISA_COORDINATOR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the last tier (T0) is the default");
  }

  @Test
  void aConditionlessTierBeforeTheLastIsRefusedBecauseItWouldHideTheRest() {
    TierRule t1 = new TierRule("T1", "critical", 7, Condition.always());
    assertThatThrownBy(() -> new Policy("p", List.of(t1, T4), AssetAssumptions.DEFAULT, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tier T1 has no condition");
  }

  @Test
  void tierIdsAreUnique() {
    TierRule again = new TierRule("T4", "other", 1, new Condition.InKev(true));
    assertThatThrownBy(() -> new Policy("p", List.of(again, T4), AssetAssumptions.DEFAULT, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tier id T4 appears twice");
  }

  @Test
  void windowsAreBoundedAndAnyNeedsAtLeastOneCondition() {
    assertThatThrownBy(() -> new TierRule("T0", "x", -1, new Condition.InKev(true)))
        .hasMessageContaining("window must be 0..3650 days, got -1");
    assertThatThrownBy(() -> new Condition.Any(List.of())).hasMessageContaining("at least one condition");
  }

  @Test
  void aTierIsFoundById() {
    Policy p = new Policy("p", List.of(T0, T4), AssetAssumptions.DEFAULT, "x");
    assertThat(p.tier("T4")).contains(T4);
    assertThat(p.tier("T9")).isEmpty();
  }
}
