package org.patchwarden.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.ExposureReport;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.RemediationMetrics;

/**
 * Computes a {@link PatchReport} from tracked findings with their assessments and from changes.
 *
 * <p>A finding is open on a day when it was first seen on or before it and not closed (fixed,
 * retracted or marked not affected) by its end. Findings are as tracked now: one that was deleted
 * from the store does not show in past weeks either.
 */
public final class PeriodFigures {
  private PeriodFigures() {}

  /**
   * @param tiers the policy's tier ids, most urgent first (every one gets a row, even when empty)
   * @param today the report's day; a period ending later is counted up to today
   */
  public static PatchReport compute(ReportPeriod period, LocalDate today, List<String> tiers,
      List<AssessedFinding> findings, List<Change> changes) {
    LocalDate end = period.to().isAfter(today) ? today : period.to();
    List<AssessedFinding> open = findings.stream().filter(f -> openOn(f, end)).toList();
    return new PatchReport(period, today, kev(open, end, period), byTier(open, end, tiers), byTeam(open, end),
        overdue(open, end), fixTimes(changes, period), remediation(changes, period), trend(findings, period, end));
  }

  static boolean openOn(AssessedFinding f, LocalDate day) {
    if (f.assessment().firstSeen().isAfter(day)) {
      return false;
    }
    return f.closedAt() == null || date(f.closedAt()).isAfter(day);
  }

  private static LocalDate date(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static String team(Assessment a) {
    String team = a.signals().asset().ownerTeam();
    return team.isEmpty() ? ExposureReport.NO_OWNER : team;
  }

  private static PatchReport.KevExposure kev(List<AssessedFinding> open, LocalDate end, ReportPeriod period) {
    TreeSet<String> cves = new TreeSet<>();
    TreeSet<String> added = new TreeSet<>();
    TreeSet<String> assets = new TreeSet<>();
    int count = 0;
    int overdue = 0;
    for (AssessedFinding f : open) {
      Assessment a = f.assessment();
      if (!a.signals().inKev()) {
        continue;
      }
      count++;
      assets.add(a.assetName());
      cves.add(a.signals().kev().cveId());
      if (period.contains(a.signals().kev().dateAdded())) {
        added.add(a.signals().kev().cveId());
      }
      if (a.overdue(end)) {
        overdue++;
      }
    }
    return new PatchReport.KevExposure(count, assets.size(), List.copyOf(cves), overdue, List.copyOf(added));
  }

  private static List<PatchReport.TierCount> byTier(List<AssessedFinding> open, LocalDate end, List<String> tiers) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    tiers.forEach(t -> counts.put(t, new int[2]));
    for (AssessedFinding f : open) {
      Assessment a = f.assessment();
      int[] c = counts.computeIfAbsent(a.tier(), k -> new int[2]);
      names.putIfAbsent(a.tier(), a.tierName());
      c[0]++;
      c[1] += a.overdue(end) ? 1 : 0;
    }
    List<PatchReport.TierCount> out = new ArrayList<>();
    counts.forEach((tier, c) -> out.add(new PatchReport.TierCount(tier, names.getOrDefault(tier, ""), c[0], c[1])));
    return out;
  }

  private static List<PatchReport.TeamCount> byTeam(List<AssessedFinding> open, LocalDate end) {
    Map<String, int[]> counts = new TreeMap<>();
    for (AssessedFinding f : open) {
      int[] c = counts.computeIfAbsent(team(f.assessment()), k -> new int[2]);
      c[0]++;
      c[1] += f.assessment().overdue(end) ? 1 : 0;
    }
    List<PatchReport.TeamCount> out = new ArrayList<>();
    counts.forEach((team, c) -> out.add(new PatchReport.TeamCount(team, c[0], c[1])));
    out.sort(Comparator.comparingInt(PatchReport.TeamCount::overdue).reversed()
        .thenComparing(Comparator.comparingInt(PatchReport.TeamCount::open).reversed())
        .thenComparing(PatchReport.TeamCount::team));
    return out;
  }

  private static List<PatchReport.OverdueFinding> overdue(List<AssessedFinding> open, LocalDate end) {
    return open.stream().map(AssessedFinding::assessment).filter(a -> a.overdue(end))
        .map(a -> new PatchReport.OverdueFinding(a.findingKey(), a.assetName(), team(a), a.advisoryId(), a.tier(),
            a.dueDate(), a.daysOverdue(end), a.signals().inKev()))
        .sorted(Comparator.comparingLong(PatchReport.OverdueFinding::daysOverdue).reversed()
            .thenComparing(PatchReport.OverdueFinding::findingKey))
        .toList();
  }

  private static PatchReport.FixTimes fixTimes(List<Change> changes, ReportPeriod period) {
    // A finding verified by two changes (applied again after a failure) counts once, at its last check.
    Map<String, ChangeFinding> last = new HashMap<>();
    for (Change c : changes) {
      for (ChangeFinding f : c.findings()) {
        if (f.outcome() == ChangeFinding.Outcome.VERIFIED && period.contains(date(f.checkedAt()))) {
          last.merge(f.key().toString(), f, (x, y) -> x.checkedAt().isAfter(y.checkedAt()) ? x : y);
        }
      }
    }
    List<Long> days = last.values().stream()
        .map(f -> Math.max(0, ChronoUnit.DAYS.between(f.firstSeen(), f.checkedAt()))).toList();
    return PatchReport.FixTimes.of(days);
  }

  private static RemediationMetrics remediation(List<Change> changes, ReportPeriod period) {
    return RemediationMetrics.of(changes.stream().filter(c -> period.contains(date(c.plannedAt()))
        || c.findings().stream().anyMatch(f -> f.checkedAt() != null && period.contains(date(f.checkedAt()))))
        .toList());
  }

  private static List<PatchReport.TrendPoint> trend(List<AssessedFinding> findings, ReportPeriod period,
      LocalDate end) {
    List<PatchReport.TrendPoint> out = new ArrayList<>();
    for (LocalDate start = period.from(); !start.isAfter(end); start = start.plusWeeks(1)) {
      LocalDate weekEnd = start.plusDays(6).isAfter(end) ? end : start.plusDays(6);
      ReportPeriod week = new ReportPeriod(start, weekEnd);
      int open = 0;
      int found = 0;
      int closed = 0;
      for (AssessedFinding f : findings) {
        open += openOn(f, weekEnd) ? 1 : 0;
        found += week.contains(f.assessment().firstSeen()) ? 1 : 0;
        closed += f.closedAt() != null && week.contains(date(f.closedAt())) ? 1 : 0;
      }
      out.add(new PatchReport.TrendPoint(weekEnd, open, found, closed));
    }
    return out;
  }
}
