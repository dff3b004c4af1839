package org.patchwarden.remediate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.ChangeFinding.Outcome;

/**
 * Where a finding stands in the remediation loop: open → planned → applied → verified; applied →
 * failed (open again); open → risk-accepted (open again at expiry) or false-positive.
 */
public enum RemediationStatus {
  OPEN, PLANNED, APPLIED, VERIFIED, FAILED, RISK_ACCEPTED, FALSE_POSITIVE, NOT_AFFECTED, FIXED, RETRACTED;

  /** The reason prefix by which a not-affected mark says the finding was a false positive. */
  public static final String FALSE_POSITIVE_PREFIX = "false positive: ";

  /** The name users type and see, e.g. {@code risk-accepted}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The status named by {@code label} (either spelling, any case). */
  public static Optional<RemediationStatus> parse(String label) {
    String n = label.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (RemediationStatus s : values()) {
      if (s.name().equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The status of a tracked finding given every change and risk acceptance; the newest change that
   * names it decides, unless it was cancelled.
   */
  public static RemediationStatus of(TrackedFinding t, List<Change> changes, List<RiskAcceptance> acceptances,
      Instant now) {
    if (t.status() == FindingStatus.NOT_AFFECTED) {
      return t.mark().reason().startsWith(FALSE_POSITIVE_PREFIX) ? FALSE_POSITIVE : NOT_AFFECTED;
    }
    String key = t.finding().key();
    Optional<Change> newest = changes.stream()
        .filter(c -> !(c.state() instanceof ChangeState.Cancelled))
        .filter(c -> c.findings().stream().anyMatch(f -> f.key().toString().equals(key)))
        .max(Comparator.comparingLong(Change::id));
    if (newest.isPresent()) {
      Change c = newest.get();
      ChangeFinding f = c.findings().stream().filter(x -> x.key().toString().equals(key)).findFirst().orElseThrow();
      if (f.outcome() == Outcome.VERIFIED) {
        return VERIFIED;
      }
      if (f.outcome() == Outcome.FAILED) {
        return t.status() == FindingStatus.OPEN ? FAILED : statusOf(t);
      }
      if (c.state() instanceof ChangeState.Planned || c.state() instanceof ChangeState.Approved) {
        return PLANNED;
      }
      if (c.state() instanceof ChangeState.Applied || c.state() instanceof ChangeState.VerificationFailed) {
        return APPLIED;
      }
    }
    boolean accepted = acceptances.stream().anyMatch(a -> a.key().toString().equals(key) && a.activeAt(now));
    if (accepted && t.status() == FindingStatus.OPEN) {
      return RISK_ACCEPTED;
    }
    return statusOf(t);
  }

  private static RemediationStatus statusOf(TrackedFinding t) {
    return switch (t.status()) {
      case OPEN -> OPEN;
      case FIXED -> FIXED;
      case RETRACTED -> RETRACTED;
      case NOT_AFFECTED -> NOT_AFFECTED;
    };
  }
}
