package org.patchwarden.assess;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one finding: its tier, SSVC decision, due date and why.
 *
 * @param tier the tier id, e.g. {@code T0}
 * @param tierName e.g. {@code emergency}
 * @param tierRank the tier's position in the policy, 0 = most urgent
 * @param ssvc null when the policy's SSVC table is not loaded
 * @param firstSeen when a scan first found the finding; due dates count from here
 * @param dueDate the earlier of first seen plus the tier's window and the KEV due date
 * @param decidingSignals the policy keys of the conditions that put the finding in its tier (e.g.
 *     {@code in_kev}, {@code internet_facing}); empty for the default tier
 * @param rationale a short explanation naming the deciding signals, the tier and the due date
 * @param assumptions what was assumed for missing signals, in words
 */
public record Assessment(String findingKey, String assetName, String advisoryId, String tier, String tierName,
    int tierRank, SsvcDecision ssvc, LocalDate firstSeen, LocalDate dueDate, DueBasis dueBasis,
    List<String> decidingSignals, String rationale, Signals signals, List<String> assumptions) {

  /**
   * Most urgent first: tier, then due date, then KEV membership, the asset's mission impact and
   * criticality, EPSS and CVSS (higher first), then finding key, so that the order is total and stable.
   */
  public static final Comparator<Assessment> BY_URGENCY = Comparator.comparingInt(Assessment::tierRank)
      .thenComparing(Assessment::dueDate)
      .thenComparing(a -> !a.signals().inKev())
      .thenComparing(a -> -a.signals().missionImpact().ordinal())
      .thenComparingInt(a -> a.signals().asset().criticality())
      .thenComparing(a -> a.signals().epss() == null ? 1.0 : -a.signals().epss().score())
      .thenComparing(a -> a.signals().cvss() == null ? 1.0 : -a.signals().cvss().score())
      .thenComparing(Assessment::findingKey);

  public Assessment {
    Objects.requireNonNull(findingKey, "findingKey");
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(advisoryId, "advisoryId");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(tierName, "tierName");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(dueBasis, "dueBasis");
    decidingSignals = List.copyOf(decidingSignals);
    Objects.requireNonNull(rationale, "rationale");
    Objects.requireNonNull(signals, "signals");
    assumptions = List.copyOf(assumptions);
  }

  /** Whether the due date had already passed when the finding was first seen (a late KEV listing). */
  public boolean overdueWhenFirstSeen() {
    return dueDate.isBefore(firstSeen);
  }

  /** Whether the finding is past due on {@code today} (the due date itself is still in time). */
  public boolean overdue(LocalDate today) {
    return today.isAfter(dueDate);
  }

  /** Days past the due date on {@code today}, 0 when not overdue. */
  public long daysOverdue(LocalDate today) {
    return Math.max(0, ChronoUnit.DAYS.between(dueDate, today));
  }
}
