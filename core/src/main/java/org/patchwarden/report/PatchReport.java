package org.patchwarden.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.patchwarden.remediate.RemediationMetrics;

/**
 * The patch-management report of a period: what was exposed at its end, how findings came and went
 * during it, and how fast and how well fixes were verified.
 *
 * @param generatedOn the day the report was computed
 * @param kev open findings whose vulnerability is in CISA KEV at the period's end
 * @param byTier open and overdue findings per tier at the period's end, most urgent tier first
 * @param byTeam open and overdue findings per owner team at the period's end, most overdue first
 * @param overdue open findings past their due date at the period's end, most overdue first
 * @param timeToFix days from first seen to verified fixed, of findings verified during the period
 * @param remediation the remediation metrics of the changes planned or verified during the period
 * @param trend one point per week of the period
 */
public record PatchReport(ReportPeriod period, LocalDate generatedOn, KevExposure kev, List<TierCount> byTier,
    List<TeamCount> byTeam, List<OverdueFinding> overdue, FixTimes timeToFix, RemediationMetrics remediation,
    List<TrendPoint> trend) {
  public PatchReport {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(generatedOn, "generatedOn");
    Objects.requireNonNull(kev, "kev");
    byTier = List.copyOf(byTier);
    byTeam = List.copyOf(byTeam);
    overdue = List.copyOf(overdue);
    Objects.requireNonNull(timeToFix, "timeToFix");
    Objects.requireNonNull(remediation, "remediation");
    trend = List.copyOf(trend);
  }

  /** Open findings at the period's end, over every tier. */
  public int openFindings() {
    return byTier.stream().mapToInt(TierCount::open).sum();
  }

  /**
   * KEV exposure at the period's end.
   *
   * @param openFindings open findings in KEV
   * @param assets assets with at least one of them
   * @param cves distinct KEV CVEs hitting the fleet, sorted
   * @param overdue those past their due date
   * @param addedInPeriod KEV CVEs hitting the fleet that CISA added during the period, sorted
   */
  public record KevExposure(int openFindings, int assets, List<String> cves, int overdue, List<String> addedInPeriod) {
    public KevExposure {
      cves = List.copyOf(cves);
      addedInPeriod = List.copyOf(addedInPeriod);
    }
  }

  /** Open findings of one tier at the period's end and how many are past due. */
  public record TierCount(String tier, String tierName, int open, int overdue) {}

  /** Open findings of one owner team at the period's end and how many are past due. */
  public record TeamCount(String team, int open, int overdue) {}

  /** One open finding past its due date. */
  public record OverdueFinding(String findingKey, String assetName, String team, String advisoryId, String tier,
      LocalDate dueDate, long daysOverdue, boolean inKev) {}

  /**
   * How many days fixes took, as a histogram over fixed buckets.
   *
   * @param buckets one per bucket in {@link #BUCKETS} order
   * @param medianDays the median (nearest rank), 0 when none
   * @param p90Days the 90th percentile (nearest rank), 0 when none
   */
  public record FixTimes(List<Bucket> buckets, int count, long medianDays, long p90Days) {
    /** Upper bounds (days, inclusive) of the buckets but the last, which is open-ended. */
    public static final List<Integer> BUCKETS = List.of(7, 14, 30, 60, 90);

    public FixTimes {
      buckets = List.copyOf(buckets);
    }

    /** The histogram of {@code days}. */
    public static FixTimes of(List<Long> days) {
      int[] counts = new int[BUCKETS.size() + 1];
      for (long d : days) {
        int i = 0;
        while (i < BUCKETS.size() && d > BUCKETS.get(i)) {
          i++;
        }
        counts[i]++;
      }
      List<Bucket> out = new java.util.ArrayList<>();
      int low = 0;
      for (int i = 0; i <= BUCKETS.size(); i++) {
        String label = i < BUCKETS.size() ? low + "-" + BUCKETS.get(i) + " d" : "> " + BUCKETS.getLast() + " d";
        out.add(new Bucket(label, counts[i]));
        low = i < BUCKETS.size() ? BUCKETS.get(i) + 1 : low;
      }
      List<Long> sorted = days.stream().sorted().toList();
      return new FixTimes(out, sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static long rank(List<Long> sorted, double q) {
      return sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }
  }

  /** One histogram bar. */
  public record Bucket(String label, int count) {}

  /**
   * The fleet at the end of one week of the period.
   *
   * @param weekEnd the last day counted (the period's end for its last, partial week)
   * @param open findings open at the end of that day
   * @param found findings first seen during the week
   * @param closed findings fixed or retracted during the week
   */
  public record TrendPoint(LocalDate weekEnd, int open, int found, int closed) {}
}
