package org.patchwarden.usecase;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.report.PatchReport;
import org.patchwarden.report.PeriodFigures;
import org.patchwarden.report.ReportPeriod;

/** Use case: the patch-management report of a period, what {@code patchwarden report} and the API render. */
public final class BuildPatchReport {
  /** The period when none is given: the 30 days ending today. */
  public static final int DEFAULT_DAYS = 30;

  private final AssessFindings assess;
  private final ListChanges changes;
  private final Clock clock;

  public BuildPatchReport(AssessFindings assess, ListChanges changes, Clock clock) {
    this.assess = Objects.requireNonNull(assess, "assess");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The period from {@code from} to {@code to}; a missing end is today, a missing start 30 days before the end. */
  public ReportPeriod period(LocalDate from, LocalDate to) {
    LocalDate end = to != null ? to : LocalDate.now(clock);
    return from != null ? new ReportPeriod(from, end) : ReportPeriod.ending(end, DEFAULT_DAYS);
  }

  public PatchReport build(ReportPeriod period) {
    return PeriodFigures.compute(period, LocalDate.now(clock), assess.tiers(), assess.assess(FindingFilter.all()),
        changes.list(null));
  }
}
