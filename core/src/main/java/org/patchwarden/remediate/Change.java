package org.patchwarden.remediate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.patchwarden.remediate.ChangeFinding.Outcome;
import org.patchwarden.remediate.ChangeState.Applied;
import org.patchwarden.remediate.ChangeState.Approved;
import org.patchwarden.remediate.ChangeState.Cancelled;
import org.patchwarden.remediate.ChangeState.Planned;
import org.patchwarden.remediate.ChangeState.Unverified;
import org.patchwarden.remediate.ChangeState.VerificationFailed;
import org.patchwarden.remediate.ChangeState.Verified;

/**
 * A patch change: findings on a set of assets, the package versions that fix them, a planned window,
 * the approvals it needs and has, and where it stands. Immutable: each transition returns the next
 * change, or throws {@link IllegalTransition}.
 *
 * @param id assigned by the store, 0 before it is saved
 * @param version the stored version this was read at (optimistic versioning), 0 before it is saved
 * @param tier the tier the change was planned for, e.g. {@code T0}, or empty
 * @param assets the assets it touches, in plan order
 * @param window when it is planned to be applied, or null when not stated
 * @param requiredApprovals 0, 1 or 2 approvals by people other than the planner
 * @param applied the last time it was applied, or null
 */
public record Change(long id, int version, String title, String tier, List<String> assets, ChangeWindow window,
    int requiredApprovals, String plannedBy, Instant plannedAt, List<Approval> approvals, ChangeState state,
    Applied applied, List<ChangeFinding> findings) {

  public Change {
    Objects.requireNonNull(title, "title");
    tier = tier == null ? "" : tier;
    assets = List.copyOf(new LinkedHashSet<>(assets));
    if (requiredApprovals < 0 || requiredApprovals > 2) {
      throw new IllegalArgumentException("a change needs 0, 1 or 2 approvals, not " + requiredApprovals);
    }
    Objects.requireNonNull(plannedBy, "plannedBy");
    Objects.requireNonNull(plannedAt, "plannedAt");
    approvals = List.copyOf(approvals);
    Objects.requireNonNull(state, "state");
    findings = List.copyOf(findings);
    if (findings.isEmpty()) {
      throw new IllegalArgumentException("a change needs at least one finding to fix");
    }
    for (ChangeFinding f : findings) {
      if (!assets.contains(f.assetName())) {
        throw new IllegalArgumentException("finding " + f.key() + " is on an asset the change does not name");
      }
    }
  }

  /**
   * A new change: approved at once when it needs no approval (or {@code automatic} approves it).
   *
   * @param automatic the automatic approval a rule gave, or null
   */
  public static Change plan(String title, String tier, List<String> assets, ChangeWindow window, int requiredApprovals,
      String plannedBy, Instant at, List<ChangeFinding> findings, Approval automatic) {
    List<Approval> approvals = automatic == null ? List.of() : List.of(automatic);
    boolean approved = requiredApprovals == 0 || automatic != null;
    return new Change(0, 0, title, tier, assets, window, automatic != null ? 0 : requiredApprovals, plannedBy, at,
        approvals, approved ? new Approved(at) : new Planned(), null, findings);
  }

  /** This change as stored under {@code id} at {@code version}. */
  public Change stored(long newId, int newVersion) {
    return new Change(newId, newVersion, title, tier, assets, window, requiredApprovals, plannedBy, plannedAt,
        approvals, state, applied, findings);
  }

  private Change with(ChangeState next, List<Approval> nextApprovals, Applied nextApplied,
      List<ChangeFinding> nextFindings) {
    return new Change(id, version, title, tier, assets, window, requiredApprovals, plannedBy, plannedAt,
        nextApprovals, next, nextApplied, nextFindings);
  }

  private IllegalTransition illegal(String what) {
    return new IllegalTransition("change " + id + " is " + state.name() + ": " + what);
  }

  /** Approval by {@code by}: the change is approved when it has the approvals it needs. */
  public Change approve(String by, Instant at) {
    if (!(state instanceof Planned)) {
      throw illegal("only a planned change waits for approval");
    }
    String who = by.strip();
    if (who.equalsIgnoreCase(plannedBy)) {
      throw new IllegalTransition("change " + id + ": " + who + " planned it and cannot approve their own change");
    }
    if (approvals.stream().anyMatch(a -> a.by().equalsIgnoreCase(who))) {
      throw new IllegalTransition("change " + id + ": " + who + " has approved it already; it needs "
          + requiredApprovals + " different approvers");
    }
    List<Approval> next = new ArrayList<>(approvals);
    next.add(new Approval(who, at, ""));
    long people = next.stream().filter(a -> !a.automatic()).count();
    return with(people >= requiredApprovals ? new Approved(at) : state, next, applied, findings);
  }

  /**
   * Approval by a rule rather than people (the staging-baseline auto-approve rule): the change is
   * approved at once.
   *
   * @param by the rule's name, e.g. {@code auto-approve}
   * @param rule what the rule saw, e.g. {@code auto: T0 with satisfied staging evidence}
   */
  public Change approveByRule(String by, String rule, Instant at) {
    if (!(state instanceof Planned)) {
      throw illegal("only a planned change waits for approval");
    }
    if (rule == null || rule.isBlank()) {
      throw new IllegalArgumentException("an approval by a rule names the rule");
    }
    List<Approval> next = new ArrayList<>(approvals);
    next.add(new Approval(by, at, rule));
    return with(new Approved(at), next, applied, findings);
  }

  /**
   * Records the change as applied by {@code by}: verification must prove it within {@code verifyWithin}.
   * A change that failed verification or went unverified may be applied again: its findings not yet
   * verified wait for the next inventory again.
   */
  public Change apply(String by, Instant at, Duration verifyWithin) {
    if (!(state instanceof Approved || state instanceof VerificationFailed || state instanceof Unverified)) {
      throw illegal(state instanceof Planned
          ? "it needs " + (requiredApprovals - approvals.size()) + " more approval(s) before it is applied"
          : "only an approved change, or one that failed or missed verification, can be applied");
    }
    if (verifyWithin.isNegative() || verifyWithin.isZero()) {
      throw new IllegalArgumentException("the verification window must be positive, got " + verifyWithin);
    }
    Applied a = new Applied(at, by.strip(), at.plus(verifyWithin));
    List<ChangeFinding> reset = findings.stream().map(f -> f.outcome() == Outcome.VERIFIED ? f : f.pending()).toList();
    return with(a, approvals, a, reset);
  }

  /** Abandons a change that was not applied. */
  public Change cancel(String by, String reason, Instant at) {
    if (!(state instanceof Planned || state instanceof Approved)) {
      throw illegal("only a planned or approved change can be cancelled");
    }
    return with(new Cancelled(at, by.strip(), reason.strip()), approvals, applied, findings);
  }

  /** Whether verification may still check findings: applied, or failed with findings still pending. */
  public boolean awaitsVerification() {
    return state instanceof Applied || state instanceof VerificationFailed && pending() > 0;
  }

  /**
   * Records verification results ({@link Verification#check}): a failed finding fails the change at
   * once ("revert or investigate"); when no finding is pending any more and none failed, it is verified.
   */
  public Change checked(List<ChangeFinding> results, Instant at) {
    if (!awaitsVerification()) {
      throw illegal("only an applied change is verified");
    }
    if (results.size() != findings.size()) {
      throw new IllegalArgumentException("verification results must cover the change's " + findings.size() + " findings");
    }
    List<ChangeFinding> failed = results.stream().filter(f -> f.outcome() == Outcome.FAILED).toList();
    long pending = results.stream().filter(f -> f.outcome() == Outcome.PENDING).count();
    ChangeState next;
    if (!failed.isEmpty()) {
      next = state instanceof VerificationFailed vf ? vf : new VerificationFailed(at, failed.size()
          + " finding(s) not fixed on " + failed.stream().map(ChangeFinding::assetName).distinct()
              .collect(Collectors.joining(", ")) + ": revert or investigate");
    } else if (pending == 0) {
      next = new Verified(at);
    } else {
      next = state;
    }
    return with(next, approvals, applied, results);
  }

  /** Unverified when the deadline passed with findings still waiting for a rescan; else unchanged. */
  public Change expire(Instant now) {
    if (state instanceof Applied a && now.isAfter(a.deadline()) && pending() > 0) {
      return with(new Unverified(a.deadline()), approvals, applied, findings);
    }
    return this;
  }

  /** How many findings wait for verification. */
  public long pending() {
    return findings.stream().filter(f -> f.outcome() == Outcome.PENDING).count();
  }

  /** When the change got its last needed approval: at planning when it needed none, else null while waiting. */
  public Instant approvedAt() {
    if (requiredApprovals == 0) {
      return plannedAt;
    }
    // a rule's approval (approveByRule) approves at once, whatever people were awaited
    Instant byRule = approvals.stream().filter(Approval::automatic).map(Approval::at).findFirst().orElse(null);
    if (byRule != null) {
      return byRule;
    }
    long people = approvals.stream().filter(a -> !a.automatic()).count();
    return people < requiredApprovals ? null
        : approvals.stream().map(Approval::at).max(Instant::compareTo).orElse(plannedAt);
  }

  /** The findings on one asset. */
  public List<ChangeFinding> findingsOn(String assetName) {
    return findings.stream().filter(f -> f.assetName().equals(assetName)).toList();
  }
}
