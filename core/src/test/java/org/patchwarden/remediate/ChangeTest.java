package org.patchwarden.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.remediate.Changes.PLANNED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.remediate.ChangeFinding.Outcome;

class ChangeTest {
  static final Instant LATER = PLANNED.plus(Duration.ofHours(2));
  static final Duration DAY = Duration.ofHours(24);

  @Test
  void aChangeThatNeedsNoApprovalIsApprovedWhenPlanned() {
    Change c = Changes.planned(0);
    assertThat(c.state()).isInstanceOf(ChangeState.Approved.class);
    assertThat(c.approvedAt()).isEqualTo(PLANNED);
  }

  @Test
  void oneApprovalBySomeoneElseApprovesAChangeThatNeedsOne() {
    Change c = Changes.planned(1).approve("bob", LATER);
    assertThat(c.state()).isEqualTo(new ChangeState.Approved(LATER));
    assertThat(c.approvals()).extracting(Approval::by).containsExactly("bob");
    assertThat(c.approvedAt()).isEqualTo(LATER);
  }

  @Test
  void thePlannerCannotApproveTheirOwnChange() {
    assertThatThrownBy(() -> Changes.planned(1).approve("Alice", LATER))
        .isInstanceOf(IllegalTransition.class).hasMessageContaining("cannot approve their own change");
  }

  @Test
  void twoApprovalsMustComeFromTwoDifferentPeople() {
    Change once = Changes.planned(2).approve("bob", LATER);
    assertThat(once.state()).isInstanceOf(ChangeState.Planned.class);
    assertThat(once.approvedAt()).isNull();
    assertThatThrownBy(() -> once.approve("bob", LATER)).isInstanceOf(IllegalTransition.class)
        .hasMessageContaining("has approved it already");
    assertThat(once.approve("carol", LATER).state()).isInstanceOf(ChangeState.Approved.class);
  }

  @Test
  void aChangeWaitingForApprovalCannotBeApplied() {
    assertThatThrownBy(() -> Changes.planned(1).apply("ops", LATER, DAY)).isInstanceOf(IllegalTransition.class)
        .hasMessage("change 1 is planned: it needs 1 more approval(s) before it is applied");
  }

  @Test
  void applyingStartsTheVerificationDeadline() {
    Change c = Changes.planned(0).apply("ops", LATER, DAY);
    assertThat(c.state()).isEqualTo(new ChangeState.Applied(LATER, "ops", LATER.plus(DAY)));
    assertThat(c.awaitsVerification()).isTrue();
  }

  @Test
  void anAppliedChangeCannotBeApprovedAppliedAgainOrCancelled() {
    Change c = Changes.planned(0).apply("ops", LATER, DAY);
    assertThatThrownBy(() -> c.approve("bob", LATER)).isInstanceOf(IllegalTransition.class);
    assertThatThrownBy(() -> c.apply("ops", LATER, DAY)).isInstanceOf(IllegalTransition.class);
    assertThatThrownBy(() -> c.cancel("ops", "no", LATER)).isInstanceOf(IllegalTransition.class);
  }

  @Test
  void allFindingsVerifiedMakeTheChangeVerified() {
    Change c = Changes.planned(0).apply("ops", LATER, DAY);
    Change v = c.checked(c.findings().stream().map(f -> f.checked(Outcome.VERIFIED, LATER, "ok")).toList(), LATER);
    assertThat(v.state()).isEqualTo(new ChangeState.Verified(LATER));
  }

  @Test
  void oneFailedFindingFailsTheChangeAtOnce() {
    Change c = Changes.planned(0).apply("ops", LATER, DAY);
    Change f = c.checked(List.of(c.findings().get(0).checked(Outcome.VERIFIED, LATER, "ok"),
        c.findings().get(1).checked(Outcome.FAILED, LATER, "still below")), LATER);
    assertThat(f.state()).isInstanceOf(ChangeState.VerificationFailed.class);
    assertThat(((ChangeState.VerificationFailed) f.state()).evidence()).contains("revert or investigate");
  }

  @Test
  void aFailedChangeAppliedAgainWaitsForItsUnverifiedFindingsOnly() {
    Change c = Changes.planned(0).apply("ops", LATER, DAY);
    Change failed = c.checked(List.of(c.findings().get(0).checked(Outcome.VERIFIED, LATER, "ok"),
        c.findings().get(1).checked(Outcome.FAILED, LATER, "still below")), LATER);
    Change again = failed.apply("ops", LATER.plus(DAY), DAY);
    assertThat(again.findings()).extracting(ChangeFinding::outcome).containsExactly(Outcome.VERIFIED, Outcome.PENDING);
  }

  @Test
  void aDeadlinePassedWithoutARescanLeavesTheChangeUnverified() {
    Change c = Changes.planned(0).apply("ops", LATER, DAY);
    assertThat(c.expire(LATER.plus(DAY))).isEqualTo(c);
    assertThat(c.expire(LATER.plus(DAY).plusSeconds(1)).state()).isEqualTo(new ChangeState.Unverified(LATER.plus(DAY)));
  }

  @Test
  void onlyAPlannedOrApprovedChangeCanBeCancelled() {
    assertThat(Changes.planned(1).cancel("alice", "superseded", LATER).state().name()).isEqualTo("cancelled");
  }

  @Test
  void aRulesApprovalApprovesAPlannedChangeAtOnceAndCountsAsItsApprovalTime() {
    Instant at = PLANNED.plus(Duration.ofHours(3));
    Change approved = Changes.planned(2).approveByRule("auto-approve", "auto: T0 with satisfied staging evidence", at);

    assertThat(approved.state()).isEqualTo(new ChangeState.Approved(at));
    assertThat(approved.approvedAt()).isEqualTo(at);
    assertThat(approved.approvals()).singleElement().satisfies(a -> assertThat(a.automatic()).isTrue());
    assertThatThrownBy(() -> approved.approveByRule("auto-approve", "again", at)).isInstanceOf(IllegalTransition.class);
  }
}
