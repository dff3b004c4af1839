package org.patchwarden.remediate;

import java.time.Instant;
import java.util.Objects;

/** Where a change stands. Transitions are {@link Change}'s methods; anything else is an {@link IllegalTransition}. */
public sealed interface ChangeState {
  /** The state's name as stored and printed, e.g. {@code verification-failed}. */
  String name();

  /** Proposed; waits for its approvals. */
  record Planned() implements ChangeState {
    public String name() {
      return "planned";
    }
  }

  /** Has every approval it needs; may be applied. */
  record Approved(Instant at) implements ChangeState {
    public Approved {
      Objects.requireNonNull(at, "at");
    }

    public String name() {
      return "approved";
    }
  }

  /** Recorded as applied: each asset's next inventory must prove the fix before {@code deadline}. */
  record Applied(Instant at, String by, Instant deadline) implements ChangeState {
    public Applied {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(deadline, "deadline");
    }

    public String name() {
      return "applied";
    }
  }

  /** Every finding of the change was proved fixed. */
  record Verified(Instant at) implements ChangeState {
    public Verified {
      Objects.requireNonNull(at, "at");
    }

    public String name() {
      return "verified";
    }
  }

  /** Some finding is not fixed: revert or investigate; the evidence is on each failed finding. */
  record VerificationFailed(Instant at, String evidence) implements ChangeState {
    public VerificationFailed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(evidence, "evidence");
    }

    public String name() {
      return "verification-failed";
    }
  }

  /** The deadline passed before every asset was rescanned. */
  record Unverified(Instant deadline) implements ChangeState {
    public Unverified {
      Objects.requireNonNull(deadline, "deadline");
    }

    public String name() {
      return "unverified";
    }
  }

  /** Abandoned before it was applied. */
  record Cancelled(Instant at, String by, String reason) implements ChangeState {
    public Cancelled {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(by, "by");
      Objects.requireNonNull(reason, "reason");
    }

    public String name() {
      return "cancelled";
    }
  }
}
