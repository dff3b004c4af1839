package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.patchwarden.remediate.ApprovalGate;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.remediate.IllegalTransition;

/**
 * Use case: a person approves a change (never their own); racing approvers both count. An {@link
 * ApprovalGate} may refuse the approval until the change has the evidence it requires.
 */
public final class ApproveChange {
  private final ChangeStore changes;
  private final Clock clock;
  private final ApprovalGate gate;

  public ApproveChange(ChangeStore changes, Clock clock) {
    this(changes, clock, ApprovalGate.open());
  }

  public ApproveChange(ChangeStore changes, Clock clock, ApprovalGate gate) {
    this.changes = changes;
    this.clock = clock;
    this.gate = gate;
  }

  /**
   * @throws org.patchwarden.remediate.IllegalTransition when the change is not waiting for approval,
   *     or {@code by} planned it or approved it already, or the gate refuses it
   * @throws java.util.NoSuchElementException when there is no such change
   */
  public Change approve(long id, String by) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return ChangeTransitions.run(changes, id, c -> {
      Change next = c.approve(by, now);
      gate.refusal(c).ifPresent(why -> {
        throw new IllegalTransition("change " + id + ": " + why);
      });
      long people = next.approvals().stream().filter(a -> !a.automatic()).count();
      String detail = people + " of " + next.requiredApprovals() + " approval(s)"
          + (next.state() instanceof ChangeState.Approved ? ": approved" : "");
      return new ChangeTransitions.Step(next, List.of(AuditEntry.change(id, now, by.strip(), "approved", detail)));
    });
  }
}
