package org.patchwarden.exercise;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwarden.assess.Assessment;
import org.patchwarden.exercise.ExerciseReport.ControlCount;
import org.patchwarden.exercise.ExerciseReport.Outcome;
import org.patchwarden.exercise.ExerciseReport.Summary;
import org.patchwarden.exercise.ExerciseReport.Warning;

/** What the simulation tallies for one asset and one followed CVE while it runs. */
final class Pair {
  final String asset;
  final String cve;
  final String team;
  final boolean internetFacing;
  Integer exposedFrom;
  Integer detected;
  Integer fixLanded;
  Integer verified;
  int exposureDays;
  int verificationFailures;
  int missedWindows;
  boolean overdueWarned;
  private final Map<String, Assessment> assessments = new TreeMap<>();
  private final List<Warning> warnings = new ArrayList<>();

  Pair(String asset, String cve, String team, boolean internetFacing) {
    this.asset = asset;
    this.cve = cve;
    this.team = team;
    this.internetFacing = internetFacing;
  }

  void warn(int day, String control, String detail) {
    if (warnings.stream().noneMatch(w -> w.control().equals(control) && w.day() == day)) {
      warnings.add(new Warning(day, control, detail));
    }
  }

  /** The finding's latest assessment: due dates follow the feeds (a KEV listing moves them). */
  void assessed(String findingKey, Assessment a) {
    assessments.put(findingKey, a);
  }

  LocalDate dueDate() {
    return assessments.values().stream().map(Assessment::dueDate).min(Comparator.naturalOrder()).orElse(null);
  }

  Integer dueDay(LocalDate start) {
    LocalDate due = dueDate();
    return due == null ? null : (int) ChronoUnit.DAYS.between(start, due);
  }

  Outcome outcome(LocalDate start, int days, String changeState) {
    Integer due = dueDay(start);
    String tier = assessments.values().stream().min(Comparator.comparingInt(Assessment::tierRank))
        .map(Assessment::tier).orElse(null);
    TreeSet<String> advisories = new TreeSet<>();
    assessments.values().forEach(a -> advisories.add(a.advisoryId()));
    int end = verified != null ? verified : days - 1;
    int breach = due == null ? 0 : Math.max(0, end - due);
    boolean gap = breach > 0 || exposedFrom != null && verified == null;
    Warning earliest = gap ? warnings.stream()
        .min(Comparator.comparingInt(Warning::day).thenComparingInt(w -> Simulation.CONTROLS.indexOf(w.control())))
        .orElse(null) : null;
    Integer ttd = detected != null && exposedFrom != null ? Math.max(0, detected - exposedFrom) : null;
    Integer ttvf = verified != null && detected != null ? verified - detected : null;
    return new Outcome(asset, cve, team, internetFacing, List.copyOf(advisories), tier, dueDate(), due, exposedFrom,
        detected, fixLanded, verified, ttd, ttvf, exposureDays, breach, changeState, verificationFailures,
        missedWindows, earliest);
  }

  static Summary summary(List<Outcome> outcomes) {
    List<Integer> ttd = outcomes.stream().map(Outcome::timeToDetection).filter(x -> x != null).sorted().toList();
    List<Integer> ttvf = outcomes.stream().map(Outcome::timeToVerifiedFix).filter(x -> x != null).sorted().toList();
    Map<String, int[]> controls = new TreeMap<>(Comparator.comparingInt(Simulation.CONTROLS::indexOf));
    for (Outcome o : outcomes) {
      if (o.earliestWarning() != null) {
        int[] c = controls.computeIfAbsent(o.earliestWarning().control(), k -> new int[] {0, Integer.MAX_VALUE});
        c[0]++;
        c[1] = Math.min(c[1], o.earliestWarning().day());
      }
    }
    List<ControlCount> counts = new ArrayList<>();
    controls.forEach((k, v) -> counts.add(new ControlCount(k, v[0], v[1])));
    return new Summary(outcomes.size(), (int) outcomes.stream().filter(o -> o.detected() != null).count(), median(ttd),
        ttd.isEmpty() ? null : ttd.get(ttd.size() - 1), ttvf.size(), median(ttvf),
        ttvf.isEmpty() ? null : ttvf.get(ttvf.size() - 1), outcomes.stream().mapToInt(Outcome::exposureDays).sum(),
        outcomes.stream().filter(Outcome::internetFacing).mapToInt(Outcome::exposureDays).sum(),
        (int) outcomes.stream().filter(Outcome::breached).count(),
        outcomes.stream().mapToInt(Outcome::verificationFailures).sum(),
        outcomes.stream().mapToInt(Outcome::missedWindows).sum(), counts);
  }

  /** The median of sorted values, null when there are none. */
  static Double median(List<Integer> sorted) {
    if (sorted.isEmpty()) {
      return null;
    }
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
