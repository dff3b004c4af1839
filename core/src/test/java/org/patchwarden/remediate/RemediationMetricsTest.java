package org.patchwarden.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwarden.remediate.Changes.FIRST_SEEN;
import static org.patchwarden.remediate.Changes.PLANNED;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.remediate.ChangeFinding.Outcome;

class RemediationMetricsTest {
  @Test
  void meanAndP90OfFirstSeenToVerifiedArePerTierAndTeam() {
    List<Change> changes = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      Change c = Changes.planned(1).stored(i, 1).approve("bob", PLANNED.plus(Duration.ofHours(i)))
          .apply("ops", PLANNED.plus(Duration.ofHours(i)), Duration.ofHours(24));
      var at = FIRST_SEEN.plus(Duration.ofDays(i));
      changes.add(c.checked(List.of(c.findings().get(0).checked(Outcome.VERIFIED, at, "ok"),
          c.findings().get(1).checked(i == 10 ? Outcome.FAILED : Outcome.VERIFIED, at, "x")), at));
    }
    changes.add(Changes.planned(0).stored(11, 1).apply("ops", PLANNED, Duration.ofHours(1))
        .expire(PLANNED.plus(Duration.ofHours(2))));
    changes.add(Changes.planned(1).stored(12, 1));
    RemediationMetrics m = RemediationMetrics.of(changes);
    assertThat(m.byTier()).extracting(RemediationMetrics.Row::name).containsExactly("T0", "T1");
    RemediationMetrics.Row t0 = m.byTier().get(0);
    assertThat(t0.count()).isEqualTo(10);
    assertThat(t0.mean()).isEqualTo(Duration.ofHours(132)); // days 1..10: mean 5.5 d
    assertThat(t0.p90()).isEqualTo(Duration.ofDays(9));
    assertThat(m.byTeam()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(19));
    assertThat(m.verifiedFindings()).isEqualTo(19);
    assertThat(m.failedFindings()).isEqualTo(1);
    assertThat(m.passRate()).isEqualTo(0.95);
    assertThat(m.unverifiedChanges()).isEqualTo(1);
    assertThat(m.approval().count()).isEqualTo(11); // 1..10 hours, and 0 for the change that needed none
    assertThat(m.approval().mean()).isEqualTo(Duration.ofHours(5));
    assertThat(m.awaitingApproval()).isEqualTo(1);
  }
}
