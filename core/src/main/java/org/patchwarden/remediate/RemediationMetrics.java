package org.patchwarden.remediate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.patchwarden.remediate.ChangeFinding.Outcome;

/**
 * The numbers a patch-management lead reports: time from first seen to verified-fixed (mean and
 * p90) per tier and per team, the verification pass rate, unverified changes, and time in approval.
 *
 * @param byTier time to verified-fixed per tier, by tier name
 * @param byTeam time to verified-fixed per owner team ({@code (none)} when not stated)
 * @param verifiedFindings findings verified fixed
 * @param failedFindings verification failures of findings (over the history when known)
 * @param unverifiedChanges changes whose deadline passed without a rescan
 * @param failedChanges changes that failed verification
 * @param approval time from planning to the last needed approval, over approved changes
 * @param awaitingApproval changes still waiting for approvals
 */
public record RemediationMetrics(List<Row> byTier, List<Row> byTeam, int verifiedFindings, int failedFindings,
    int unverifiedChanges, int failedChanges, Row approval, int awaitingApproval) {

  /** Durations of one group: how many, their mean and 90th percentile (nearest rank); zero when empty. */
  public record Row(String name, int count, Duration mean, Duration p90) {
    static Row of(String name, List<Duration> durations) {
      if (durations.isEmpty()) {
        return new Row(name, 0, Duration.ZERO, Duration.ZERO);
      }
      List<Duration> sorted = durations.stream().sorted().toList();
      long totalSeconds = sorted.stream().mapToLong(Duration::getSeconds).sum();
      int rank = (int) Math.ceil(0.9 * sorted.size());
      return new Row(name, sorted.size(), Duration.ofSeconds(totalSeconds / sorted.size()), sorted.get(rank - 1));
    }
  }

  public RemediationMetrics {
    byTier = List.copyOf(byTier);
    byTeam = List.copyOf(byTeam);
  }

  /** Share of checked findings that verification proved fixed, 0..1; 0 when none was checked. */
  public double passRate() {
    int checked = verifiedFindings + failedFindings;
    return checked == 0 ? 0 : (double) verifiedFindings / checked;
  }

  /** The metrics of {@code changes}, counting the failures their findings show now. */
  public static RemediationMetrics of(List<Change> changes) {
    return of(changes, 0);
  }

  /**
   * The metrics of {@code changes}.
   *
   * @param failedChecks verification failures over the whole history (from the audit log); a finding
   *     that failed and passed when the change was applied again shows only its last outcome
   */
  public static RemediationMetrics of(List<Change> changes, int failedChecks) {
    List<ChangeFinding> verified = new ArrayList<>();
    int failed = 0;
    int unverified = 0;
    int failedChanges = 0;
    int awaiting = 0;
    List<Duration> approval = new ArrayList<>();
    for (Change c : changes) {
      for (ChangeFinding f : c.findings()) {
        if (f.outcome() == Outcome.VERIFIED) {
          verified.add(f);
        } else if (f.outcome() == Outcome.FAILED) {
          failed++;
        }
      }
      if (c.state() instanceof ChangeState.Unverified) {
        unverified++;
      } else if (c.state() instanceof ChangeState.VerificationFailed) {
        failedChanges++;
      }
      if (c.state() instanceof ChangeState.Cancelled) {
        continue;
      }
      Instant approvedAt = c.approvedAt();
      if (approvedAt == null) {
        awaiting++;
      } else {
        approval.add(Duration.between(c.plannedAt(), approvedAt));
      }
    }
    return new RemediationMetrics(groups(verified, ChangeFinding::tier), groups(verified,
        f -> f.team().isEmpty() ? "(none)" : f.team()), verified.size(), Math.max(failed, failedChecks), unverified,
        failedChanges,
        Row.of("approval", approval), awaiting);
  }

  private static List<Row> groups(List<ChangeFinding> verified, Function<ChangeFinding, String> by) {
    Map<String, List<Duration>> groups = new TreeMap<>();
    for (ChangeFinding f : verified) {
      groups.computeIfAbsent(by.apply(f), k -> new ArrayList<>()).add(Duration.between(f.firstSeen(), f.checkedAt()));
    }
    return groups.entrySet().stream().map(e -> Row.of(e.getKey(), e.getValue())).toList();
  }
}
