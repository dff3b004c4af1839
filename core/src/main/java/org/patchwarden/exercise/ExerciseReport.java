package org.patchwarden.exercise;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What came of one exercise run. Days are counted from day 0 of the exercise; a null day means "did
 * not happen within the exercise".
 *
 * @param outcomes one per asset and followed CVE that was exposed or detected, by asset then CVE
 * @param timeline everything that happened, by day, in the order it happened
 * @param notes what the reader should know (a CVE on no asset, findings without a fix …)
 */
public record ExerciseReport(String scenario, String source, String description, long seed, LocalDate start,
    int days, List<String> cves, Summary summary, List<Outcome> outcomes, List<TimelineEvent> timeline,
    List<String> notes) {
  public ExerciseReport {
    Objects.requireNonNull(scenario, "scenario");
    cves = List.copyOf(cves);
    Objects.requireNonNull(summary, "summary");
    outcomes = List.copyOf(outcomes);
    timeline = List.copyOf(timeline);
    notes = List.copyOf(notes);
  }

  /**
   * One asset and one followed CVE.
   *
   * @param advisories the advisory ids of its findings, sorted
   * @param tier the most urgent tier of its findings as last assessed, or null when never detected
   * @param dueDate the earliest due date as last assessed, or null when never detected
   * @param dueDay that date as a day of the exercise (negative when due before day 0)
   * @param exposedFrom the first day the asset was vulnerable with the CVE public, or null
   * @param fixLanded the day the fix really landed (the real matcher no longer matches the real
   *     inventory), or null
   * @param verified the day verification proved it fixed (no finding left open, a change's finding
   *     verified), or null
   * @param exposureDays days the asset was vulnerable at the day's start with the CVE public
   * @param breachDays days past the due date when verified (or at the exercise's last day), 0 when in time
   * @param changeState the state of its last change, or {@code none}
   * @param earliestWarning for an outcome with a gap (breach, or not verified by the end), the first
   *     control that fired; else null
   */
  public record Outcome(String asset, String cve, String team, boolean internetFacing, List<String> advisories,
      String tier, LocalDate dueDate, Integer dueDay, Integer exposedFrom, Integer detected, Integer fixLanded,
      Integer verified, Integer timeToDetection, Integer timeToVerifiedFix, int exposureDays, int breachDays,
      String changeState, int verificationFailures, int missedWindows, Warning earliestWarning) {
    public Outcome {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(cve, "cve");
      team = team == null ? "" : team;
      advisories = List.copyOf(advisories);
      Objects.requireNonNull(changeState, "changeState");
    }

    public boolean breached() {
      return breachDays > 0;
    }
  }

  /** A control that would have raised the gap, on which day, and what it saw. */
  public record Warning(int day, String control, String detail) {
    public Warning {
      Objects.requireNonNull(control, "control");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Something that happened on a day, on an asset (empty for the fleet). */
  public record TimelineEvent(int day, String asset, String kind, String text) {
    public TimelineEvent {
      asset = asset == null ? "" : asset;
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * The figures over every outcome.
   *
   * @param medianTimeToDetection in days, over detected outcomes, null when none
   * @param medianTimeToVerifiedFix in days, over verified outcomes, null when none
   * @param earliestControls per control, how many gaps it would have raised first and its earliest day
   */
  public record Summary(int outcomes, int detected, Double medianTimeToDetection, Integer maxTimeToDetection,
      int verified, Double medianTimeToVerifiedFix, Integer maxTimeToVerifiedFix, int assetDaysExposed,
      int internetFacingAssetDaysExposed, int slaBreaches, int verificationFailures, int missedWindows,
      List<ControlCount> earliestControls) {
    public Summary {
      earliestControls = List.copyOf(earliestControls);
    }
  }

  /** How many gaps a control would have raised first, and the earliest day it fired. */
  public record ControlCount(String control, int gaps, int earliestDay) {}
}
