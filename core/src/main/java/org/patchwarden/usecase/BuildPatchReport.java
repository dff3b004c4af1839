package org.patchwarden.usecase;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.remediate.Change;
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

  /** The report over the whole fleet. */
  public PatchReport build(ReportPeriod period) {
    return build(period, null, team -> true);
  }

  /**
   * The report over the assets of {@code team} (any case; null: every team) whose owner team {@code
   * visible} accepts (the team is null when the asset states none): what a server caller may see, as
   * {@link ExportFindings} scopes. A change counts when every one of its assets does.
   */
  public PatchReport build(ReportPeriod period, String team, Predicate<String> visible) {
    Objects.requireNonNull(visible, "visible");
    String wanted = team == null || team.isBlank() ? null : team.strip();
    List<AssessedFinding> all = assess.assess(FindingFilter.all());
    // An asset's team as its findings' assessments state it; a change's asset with no finding has none.
    Map<String, String> teamOf = new HashMap<>();
    for (AssessedFinding f : all) {
      String owner = f.assessment().signals().asset().ownerTeam();
      teamOf.putIfAbsent(f.assessment().assetName(), owner.isEmpty() ? null : owner);
    }
    Predicate<String> kept = owner -> visible.test(owner) && (wanted == null || wanted.equalsIgnoreCase(owner));
    List<AssessedFinding> findings = all.stream().filter(f -> kept.test(teamOf.get(f.assessment().assetName())))
        .toList();
    List<Change> scoped = changes.list(null).stream()
        .filter(c -> c.assets().stream().allMatch(a -> kept.test(teamOf.get(a)))).toList();
    return PeriodFigures.compute(period, LocalDate.now(clock), assess.tiers(), findings, scoped);
  }
}
