package org.patchwarden.usecase;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.TrackedFinding;

/**
 * Use case: a user states that a finding does not affect its asset (with a reason, who and when),
 * or takes that back. A marked finding is listed as not affected, left out of open counts and of
 * assessment, and stays marked across rescans and re-matches until reopened.
 */
public final class MarkFindings {
  private final FindingStore findings;
  private final Clock clock;

  public MarkFindings(FindingStore findings, Clock clock) {
    this.findings = Objects.requireNonNull(findings, "findings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Marks the finding not affected, now.
   *
   * @param findingKey {@code asset|ecosystem|package|advisory}, as {@code findings --json} prints it
   * @return the finding's claims (one per feed), marked
   * @throws IllegalArgumentException when the key is malformed, or the reason or author is blank
   * @throws NoSuchElementException when no finding has this key
   */
  public List<TrackedFinding> notAffected(String findingKey, String reason, String by) {
    FindingKey key = FindingKey.parse(findingKey);
    FindingMark mark = new FindingMark(reason.strip(), by.strip(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    return found(key, findings.markNotAffected(key, mark));
  }

  /**
   * Removes the finding's not-affected mark: while it is still found, it is open again.
   *
   * @return the finding's claims (one per feed), unmarked
   * @throws IllegalArgumentException when the key is malformed
   * @throws NoSuchElementException when no finding has this key
   */
  public List<TrackedFinding> reopen(String findingKey) {
    FindingKey key = FindingKey.parse(findingKey);
    return found(key, findings.clearMark(key));
  }

  private static List<TrackedFinding> found(FindingKey key, List<TrackedFinding> claims) {
    if (claims.isEmpty()) {
      throw new NoSuchElementException("no finding has the key '" + key
          + "' ('findings --status all --json' prints each finding_key)");
    }
    return claims;
  }
}
