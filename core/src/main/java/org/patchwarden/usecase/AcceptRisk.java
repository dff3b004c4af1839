package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.AuditLog;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.remediate.IllegalTransition;
import org.patchwarden.remediate.RemediationStatus;
import org.patchwarden.remediate.RiskAcceptance;

/**
 * Use case: accept the risk of an open finding until an expiry (it is open again then), or mark it
 * a false positive (a not-affected mark whose reason says so, kept across rescans).
 */
public final class AcceptRisk {
  private final FindingStore findings;
  private final ChangeStore changes;
  private final AuditLog audit;
  private final MarkFindings marks;
  private final Clock clock;

  public AcceptRisk(FindingStore findings, ChangeStore changes, AuditLog audit, Clock clock) {
    this.findings = Objects.requireNonNull(findings, "findings");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.marks = new MarkFindings(findings, clock);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws IllegalArgumentException when the key is malformed, the reason or approver blank, or the expiry not in the future
   * @throws NoSuchElementException when no finding has this key
   * @throws IllegalTransition when the finding is not open
   */
  public RiskAcceptance accept(String findingKey, String reason, String by, Instant until) {
    FindingKey key = FindingKey.parse(findingKey);
    List<TrackedFinding> claims = claims(key);
    if (claims.stream().noneMatch(t -> t.status() == FindingStatus.OPEN)) {
      throw new IllegalTransition("finding " + key + " is " + claims.get(0).status().name().toLowerCase(java.util.Locale.ROOT)
          + ": only an open finding's risk can be accepted");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    RiskAcceptance a = new RiskAcceptance(key, reason.strip(), by.strip(), now, until);
    changes.accept(a, AuditEntry.finding(key.toString(), now, by.strip(), "risk-accepted",
        "until " + until + ": " + reason.strip()));
    return a;
  }

  /** Marks the finding a false positive: out of open counts and assessment, across rescans. */
  public List<TrackedFinding> falsePositive(String findingKey, String reason, String by) {
    FindingKey key = FindingKey.parse(findingKey);
    claims(key);
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a false positive needs a reason");
    }
    List<TrackedFinding> marked = marks.notAffected(findingKey, RemediationStatus.FALSE_POSITIVE_PREFIX + reason.strip(), by);
    audit.append(List.of(AuditEntry.finding(key.toString(), clock.instant().truncatedTo(ChronoUnit.MICROS), by.strip(),
        "false-positive", reason.strip())));
    return marked;
  }

  private List<TrackedFinding> claims(FindingKey key) {
    List<TrackedFinding> claims = findings.list(new FindingFilter(key.assetName(), key.packageName(), key.advisoryId(), null))
        .stream().filter(t -> t.finding().key().equals(key.toString())).toList();
    if (claims.isEmpty()) {
      throw new NoSuchElementException("no finding has the key '" + key
          + "' ('findings --status all --json' prints each finding_key)");
    }
    return claims;
  }

  /** Every risk acceptance, newest first, expired ones included. */
  public List<org.patchwarden.remediate.RiskAcceptance> list() {
    return changes.riskAcceptances();
  }
}
