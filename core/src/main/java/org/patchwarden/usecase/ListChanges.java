package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.AuditLog;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.remediate.RemediationMetrics;
import org.patchwarden.remediate.RemediationStatus;
import org.patchwarden.remediate.RiskAcceptance;

/**
 * Use case: changes as they stand now (a deadline passed shows as unverified even before {@code
 * change verify} records it), the audit log, where each finding stands in the loop, and the metrics.
 */
public final class ListChanges {
  private final ChangeStore changes;
  private final AuditLog audit;
  private final Clock clock;

  public ListChanges(ChangeStore changes, AuditLog audit, Clock clock) {
    this.changes = Objects.requireNonNull(changes, "changes");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Changes newest first, only those in state {@code stateName} (e.g. {@code applied}) unless null. */
  public List<Change> list(String stateName) {
    Instant now = clock.instant();
    return changes.list().stream().map(c -> c.expire(now))
        .filter(c -> stateName == null || c.state().name().equalsIgnoreCase(stateName.strip()))
        .toList();
  }

  public Optional<Change> find(long id) {
    Instant now = clock.instant();
    return changes.find(id).map(c -> c.expire(now));
  }

  /** Audit entries about change {@code id} and its findings, or all when null, oldest first. */
  public List<AuditEntry> audit(Long id) {
    if (id == null) {
      return audit.list(null);
    }
    java.util.Set<String> subjects = new java.util.HashSet<>();
    subjects.add("change:" + id);
    changes.find(id).ifPresent(c -> c.findings().forEach(f -> subjects.add("finding:" + f.key())));
    return audit.list(null).stream().filter(e -> subjects.contains(e.subject())).toList();
  }

  /** Audit entries about one finding, oldest first. */
  public List<AuditEntry> findingAudit(String findingKey) {
    return audit.list("finding:" + findingKey);
  }

  /** Where each finding stands in the remediation loop, by finding key. */
  public Map<String, RemediationStatus> statuses(List<TrackedFinding> tracked) {
    Instant now = clock.instant();
    List<Change> all = changes.list().stream().map(c -> c.expire(now)).toList();
    List<RiskAcceptance> acceptances = changes.riskAcceptances();
    Map<String, RemediationStatus> out = new HashMap<>();
    for (TrackedFinding t : tracked) {
      out.put(t.finding().key(), RemediationStatus.of(t, all, acceptances, now));
    }
    return out;
  }

  /** Whether any change or risk acceptance exists: without them every status is the finding's own. */
  public boolean anyRemediation() {
    return !changes.list().isEmpty() || !changes.riskAcceptances().isEmpty();
  }

  /** The remediation metrics over every change as it stands now. */
  public RemediationMetrics metrics() {
    Instant now = clock.instant();
    // a finding that failed and was fixed on a second attempt counts once each way: the log keeps the failure
    int failedChecks = (int) audit.list(null).stream()
        .filter(e -> e.subject().startsWith("finding:") && e.action().equals("verification-failed")).count();
    return RemediationMetrics.of(changes.list().stream().map(c -> c.expire(now)).toList(), failedChecks);
  }
}
