package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.List;
import org.patchwarden.exercise.ExerciseReport;
import org.patchwarden.exercise.ExerciseReport.Outcome;
import org.patchwarden.exercise.ExerciseReport.Summary;
import org.patchwarden.formats.exercise.ExerciseHtmlWriter;

/** Exercise reports as terminal text: the same figures as the JSON and HTML, in the same order. */
final class ExerciseText {
  private ExerciseText() {}

  static void report(PrintWriter out, ExerciseReport r) {
    header(out, r);
    out.println();
    out.println("Summary:");
    List<String[]> rows = rows(r.summary());
    rows.forEach(row -> out.printf("  %-40s %8s%n", row[0], row[1]));
    controls(out, r);
    outcomes(out, r);
    notes(out, r);
    out.println();
    out.println("Timeline:");
    r.timeline().forEach(e -> out.printf("  day %3d  %-16s %s%n", e.day(), e.asset().isEmpty() ? "(feeds)" : e.asset(),
        e.text()));
  }

  static void comparison(PrintWriter out, ExerciseReport a, ExerciseReport b) {
    out.printf("Exercise comparison: A = %s (seed %d), B = %s (seed %d)%n", a.scenario(), a.seed(), b.scenario(),
        b.seed());
    out.println();
    out.printf("  %-40s %10s %10s %8s%n", "FIGURE", "A", "B", "B - A");
    List<String[]> ra = rows(a.summary());
    List<String[]> rb = rows(b.summary());
    for (int i = 0; i < ra.size(); i++) {
      out.printf("  %-40s %10s %10s %8s%n", ra.get(i)[0], ra.get(i)[1], rb.get(i)[1], delta(ra.get(i)[1], rb.get(i)[1]));
    }
    out.println();
    out.println("A:");
    header(out, a);
    controls(out, a);
    outcomes(out, a);
    out.println();
    out.println("B:");
    header(out, b);
    controls(out, b);
    outcomes(out, b);
  }

  private static void header(PrintWriter out, ExerciseReport r) {
    out.printf("Exercise %s (%s), seed %d: %d days from %s (day 0)%n", r.scenario(), r.source(), r.seed(), r.days(),
        r.start());
    if (!r.description().isEmpty()) {
      out.println(r.description());
    }
    out.println("Following: " + String.join(", ", r.cves()));
  }

  private static List<String[]> rows(Summary s) {
    return List.of(
        new String[] {"asset x CVE outcomes", String.valueOf(s.outcomes())},
        new String[] {"detected", String.valueOf(s.detected())},
        new String[] {"median time to detection (days)", ExerciseHtmlWriter.number(s.medianTimeToDetection())},
        new String[] {"longest time to detection (days)", ExerciseHtmlWriter.number(s.maxTimeToDetection())},
        new String[] {"verified fixed", String.valueOf(s.verified())},
        new String[] {"median time to verified fix (days)", ExerciseHtmlWriter.number(s.medianTimeToVerifiedFix())},
        new String[] {"longest time to verified fix (days)", ExerciseHtmlWriter.number(s.maxTimeToVerifiedFix())},
        new String[] {"exposure window (asset-days)", String.valueOf(s.assetDaysExposed())},
        new String[] {"  of which internet-facing (asset-days)", String.valueOf(s.internetFacingAssetDaysExposed())},
        new String[] {"SLA breaches", String.valueOf(s.slaBreaches())},
        new String[] {"verification failures", String.valueOf(s.verificationFailures())},
        new String[] {"missed verification windows", String.valueOf(s.missedWindows())});
  }

  private static void controls(PrintWriter out, ExerciseReport r) {
    out.println();
    if (r.summary().earliestControls().isEmpty()) {
      out.println("No gap: every exposed asset was verified fixed within its due date.");
      return;
    }
    out.println("Which control would have raised the gaps first:");
    r.summary().earliestControls().forEach(c -> out.printf("  %-24s %3d gap(s), first on day %d%n", c.control(),
        c.gaps(), c.earliestDay()));
  }

  private static void outcomes(PrintWriter out, ExerciseReport r) {
    out.println();
    out.println("Per asset and CVE (days of the exercise; - did not happen):");
    out.printf("  %-16s %-15s %-4s %4s %8s %6s %8s %4s %4s %7s %6s %-20s %s%n", "ASSET", "CVE", "TIER", "DUE",
        "DETECTED", "LANDED", "VERIFIED", "TTD", "TTVF", "EXPOSED", "BREACH", "CHANGE", "EARLIEST WARNING");
    for (Outcome o : r.outcomes()) {
      out.printf("  %-16s %-15s %-4s %4s %8s %6s %8s %4s %4s %7d %6s %-20s %s%n", o.asset()
          + (o.internetFacing() ? "*" : ""), o.cve(), dash(o.tier()), dash(o.dueDay()), dash(o.detected()),
          dash(o.fixLanded()), dash(o.verified()), dash(o.timeToDetection()), dash(o.timeToVerifiedFix()),
          o.exposureDays(), o.breached() ? o.breachDays() + "!" : "0", o.changeState(),
          o.earliestWarning() == null ? "-" : o.earliestWarning().control() + " (day " + o.earliestWarning().day()
              + ": " + o.earliestWarning().detail() + ")");
    }
    out.println("  (* internet-facing)");
  }

  private static void notes(PrintWriter out, ExerciseReport r) {
    if (r.notes().isEmpty()) {
      return;
    }
    out.println();
    out.println("Notes:");
    r.notes().forEach(n -> out.println("  " + n));
  }

  private static String dash(Object o) {
    return o == null ? "-" : o.toString();
  }

  private static String delta(String a, String b) {
    try {
      double d = Double.parseDouble(b) - Double.parseDouble(a);
      String n = ExerciseHtmlWriter.number(d);
      return d > 0 ? "+" + n : n;
    } catch (NumberFormatException e) {
      return "-";
    }
  }
}
