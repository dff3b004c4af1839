package org.patchwarden.formats.exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.patchwarden.exercise.ExerciseReport;
import org.patchwarden.exercise.ExerciseReport.Outcome;
import org.patchwarden.exercise.ExerciseReport.Summary;

/**
 * Writes exercise reports as one self-contained HTML page: the summary, a timeline chart (inline
 * SVG: exposure bars, detection, due date and verified fix per asset and CVE) and the outcomes; no
 * script, no style sheet or font from elsewhere. Figures carry {@code data-metric} / {@code
 * data-field} attributes named as in the JSON, so the page can be checked against it.
 */
public final class ExerciseHtmlWriter {
  private static final int ROW = 22;
  private static final int LABEL = 230;
  private static final int CHART = 640;

  private ExerciseHtmlWriter() {}

  /** One run. */
  public static String write(ExerciseReport r) {
    StringBuilder out = new StringBuilder();
    head(out, "Exercise " + r.scenario());
    section(out, r, "a");
    return out.append("</body>\n</html>\n").toString();
  }

  /** Two runs: the summaries side by side, then each run. */
  public static String writeComparison(ExerciseReport a, ExerciseReport b) {
    StringBuilder out = new StringBuilder();
    head(out, "Exercise " + a.scenario() + " vs " + b.scenario());
    out.append("<h1>").append(esc(a.scenario())).append(" vs ").append(esc(b.scenario())).append("</h1>\n");
    out.append("<table id=\"comparison\"><tr><th>figure</th><th>").append(esc(a.scenario())).append("</th><th>")
        .append(esc(b.scenario())).append("</th><th>change</th></tr>\n");
    List<String[]> ra = rows(a.summary());
    List<String[]> rb = rows(b.summary());
    for (int i = 0; i < ra.size(); i++) {
      String key = ra.get(i)[0];
      out.append("<tr><td>").append(esc(ra.get(i)[1])).append("</td><td data-side=\"a\" data-metric=\"").append(key)
          .append("\">").append(ra.get(i)[2]).append("</td><td data-side=\"b\" data-metric=\"").append(key).append("\">")
          .append(rb.get(i)[2]).append("</td><td>").append(delta(ra.get(i)[2], rb.get(i)[2])).append("</td></tr>\n");
    }
    out.append("</table>\n");
    section(out, a, "a");
    section(out, b, "b");
    return out.append("</body>\n</html>\n").toString();
  }

  private static void head(StringBuilder out, String title) {
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.8em 0}")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;font-size:13px}")
        .append("th{background:#eee}.num{text-align:right}.breach{color:#b00;font-weight:bold}")
        .append("svg text{font-size:11px;font-family:sans-serif}.legend span{margin-right:1.2em}\n")
        .append("</style>\n</head>\n<body>\n");
  }

  private static void section(StringBuilder out, ExerciseReport r, String side) {
    out.append("<section class=\"run\" id=\"run-").append(side).append("\" data-side=\"").append(side).append("\">\n");
    out.append("<h2>").append(esc(r.scenario())).append("</h2>\n<p>").append(esc(r.description())).append("</p>\n");
    out.append("<p>From ").append(esc(r.source())).append(", seed ").append(r.seed()).append(", day 0 = ")
        .append(r.start()).append(", ").append(r.days()).append(" days; CVEs ").append(esc(String.join(", ", r.cves())))
        .append(".</p>\n");
    out.append("<table class=\"summary\"><tr><th>figure</th><th>value</th></tr>\n");
    for (String[] row : rows(r.summary())) {
      out.append("<tr><td>").append(esc(row[1])).append("</td><td class=\"num\" data-metric=\"").append(row[0])
          .append("\">").append(row[2]).append("</td></tr>\n");
    }
    out.append("</table>\n");
    if (!r.summary().earliestControls().isEmpty()) {
      out.append("<h3>Which control would have raised the gaps first</h3>\n<table class=\"controls\">")
          .append("<tr><th>control</th><th>gaps raised first</th><th>earliest day</th></tr>\n");
      r.summary().earliestControls().forEach(c -> out.append("<tr><td>").append(esc(c.control()))
          .append("</td><td class=\"num\">").append(c.gaps()).append("</td><td class=\"num\">").append(c.earliestDay())
          .append("</td></tr>\n"));
      out.append("</table>\n");
    }
    chart(out, r);
    outcomes(out, r);
    if (!r.notes().isEmpty()) {
      out.append("<h3>Notes</h3>\n<ul>\n");
      r.notes().forEach(n -> out.append("<li>").append(esc(n)).append("</li>\n"));
      out.append("</ul>\n");
    }
    out.append("<h3>Timeline</h3>\n<table class=\"timeline\"><tr><th>day</th><th>asset</th><th>event</th></tr>\n");
    r.timeline().forEach(e -> out.append("<tr><td class=\"num\">").append(e.day()).append("</td><td>")
        .append(esc(e.asset())).append("</td><td>").append(esc(e.text())).append("</td></tr>\n"));
    out.append("</table>\n</section>\n");
  }

  /** The timeline chart: one row per outcome, days across. */
  private static void chart(StringBuilder out, ExerciseReport r) {
    List<Outcome> rows = r.outcomes();
    int height = 30 + ROW * Math.max(1, rows.size()) + 20;
    double perDay = (double) CHART / r.days();
    out.append("<h3>Timeline chart</h3>\n<p class=\"legend\"><span style=\"color:#d9534f\">&#9632; exposed</span>")
        .append("<span>&#9679; detected</span><span style=\"color:#e69500\">| due</span>")
        .append("<span style=\"color:#2e7d32\">&#9670; verified fix</span></p>\n");
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-chart\" width=\"").append(LABEL + CHART + 20)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"exercise timeline\">\n");
    int step = r.days() <= 30 ? 5 : r.days() <= 90 ? 10 : 30;
    for (int d = 0; d <= r.days(); d += step) {
      double x = LABEL + d * perDay;
      out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
          + "<text x=\"%.1f\" y=\"14\" text-anchor=\"middle\">day %d</text>%n", x, x, height - 10, x, d));
    }
    for (int i = 0; i < rows.size(); i++) {
      Outcome o = rows.get(i);
      int y = 30 + i * ROW;
      out.append("<g class=\"outcome\" data-asset=\"").append(esc(o.asset())).append("\" data-cve=\"").append(esc(o.cve()))
          .append("\">");
      out.append("<text x=\"4\" y=\"").append(y + 12).append("\">").append(esc(o.asset() + " " + o.cve()))
          .append("</text>");
      if (o.exposedFrom() != null && o.exposureDays() > 0) {
        out.append(String.format(Locale.ROOT, "<rect class=\"exposure\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\""
            + " fill=\"#d9534f\" opacity=\"0.75\"><title>exposed %d asset-days</title></rect>", LABEL + o.exposedFrom()
            * perDay, y + 3, o.exposureDays() * perDay, o.exposureDays()));
      }
      if (o.dueDay() != null && o.dueDay() >= 0 && o.dueDay() <= r.days()) {
        double x = LABEL + (o.dueDay() + 1) * perDay;
        out.append(String.format(Locale.ROOT, "<line class=\"due\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
            + " stroke=\"#e69500\" stroke-width=\"2\"><title>due %s</title></line>", x, y, x, y + 18, o.dueDate()));
      }
      if (o.detected() != null) {
        out.append(String.format(Locale.ROOT, "<circle class=\"detected\" cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#222\">"
            + "<title>detected day %d</title></circle>", LABEL + (o.detected() + 0.25) * perDay, y + 9, o.detected()));
      }
      if (o.verified() != null) {
        double x = LABEL + (o.verified() + 0.25) * perDay;
        out.append(String.format(Locale.ROOT, "<path class=\"verified\" d=\"M%.1f %d l5 5 l-5 5 l-5 -5 z\""
            + " fill=\"#2e7d32\"><title>verified day %d</title></path>", x, y + 4, o.verified()));
      }
      out.append("</g>\n");
    }
    out.append("</svg>\n");
  }

  private static void outcomes(StringBuilder out, ExerciseReport r) {
    out.append("<h3>Per asset and CVE</h3>\n<table class=\"outcomes\"><tr><th>asset</th><th>CVE</th><th>team</th>")
        .append("<th>internet-facing</th><th>tier</th><th>due</th><th>detected</th><th>fix landed</th><th>verified</th>")
        .append("<th>time to detection</th><th>time to verified fix</th><th>exposure (days)</th><th>SLA breach (days)</th>")
        .append("<th>change</th><th>earliest warning</th></tr>\n");
    for (Outcome o : r.outcomes()) {
      out.append("<tr class=\"outcome\" data-asset=\"").append(esc(o.asset())).append("\" data-cve=\"")
          .append(esc(o.cve())).append("\">");
      cell(out, "asset", esc(o.asset()));
      cell(out, "cve", esc(o.cve()));
      cell(out, "team", esc(o.team()));
      cell(out, "internet_facing", o.internetFacing() ? "yes" : "no");
      cell(out, "tier", o.tier() == null ? "–" : esc(o.tier()));
      cell(out, "due_day", o.dueDay() == null ? "–" : o.dueDay() + " (" + o.dueDate() + ")");
      cell(out, "detected_day", day(o.detected()));
      cell(out, "fix_landed_day", day(o.fixLanded()));
      cell(out, "verified_day", day(o.verified()));
      cell(out, "time_to_detection_days", day(o.timeToDetection()));
      cell(out, "time_to_verified_fix_days", day(o.timeToVerifiedFix()));
      cell(out, "exposure_days", String.valueOf(o.exposureDays()));
      out.append("<td data-field=\"sla_breach_days\"").append(o.breached() ? " class=\"breach\"" : "").append(">")
          .append(o.breachDays()).append("</td>");
      cell(out, "change_state", esc(o.changeState()));
      cell(out, "earliest_warning", o.earliestWarning() == null ? "–" : esc(o.earliestWarning().control() + ", day "
          + o.earliestWarning().day() + ": " + o.earliestWarning().detail()));
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  private static void cell(StringBuilder out, String field, String html) {
    out.append("<td data-field=\"").append(field).append("\">").append(html).append("</td>");
  }

  private static String day(Integer d) {
    return d == null ? "–" : String.valueOf(d);
  }

  /** Summary rows: JSON key, label, value as shown. */
  static List<String[]> rows(Summary s) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"outcomes", "asset × CVE outcomes", String.valueOf(s.outcomes())});
    rows.add(new String[] {"detected", "detected", String.valueOf(s.detected())});
    rows.add(new String[] {"median_time_to_detection_days", "median time to detection (days)",
        number(s.medianTimeToDetection())});
    rows.add(new String[] {"max_time_to_detection_days", "longest time to detection (days)",
        number(s.maxTimeToDetection())});
    rows.add(new String[] {"verified", "verified fixed", String.valueOf(s.verified())});
    rows.add(new String[] {"median_time_to_verified_fix_days", "median time to verified fix (days)",
        number(s.medianTimeToVerifiedFix())});
    rows.add(new String[] {"max_time_to_verified_fix_days", "longest time to verified fix (days)",
        number(s.maxTimeToVerifiedFix())});
    rows.add(new String[] {"asset_days_exposed", "exposure window (asset-days)", String.valueOf(s.assetDaysExposed())});
    rows.add(new String[] {"internet_facing_asset_days_exposed", "of which internet-facing (asset-days)",
        String.valueOf(s.internetFacingAssetDaysExposed())});
    rows.add(new String[] {"sla_breaches", "SLA breaches", String.valueOf(s.slaBreaches())});
    rows.add(new String[] {"verification_failures", "verification failures", String.valueOf(s.verificationFailures())});
    rows.add(new String[] {"missed_verification_windows", "missed verification windows",
        String.valueOf(s.missedWindows())});
    return rows;
  }

  /** A figure as shown everywhere: whole numbers without a decimal, else one decimal; a dash for none. */
  public static String number(Number n) {
    if (n == null) {
      return "–";
    }
    double d = n.doubleValue();
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }

  private static String delta(String a, String b) {
    try {
      double d = Double.parseDouble(b) - Double.parseDouble(a);
      String n = number(d);
      return d > 0 ? "+" + n : n;
    } catch (NumberFormatException e) {
      return "–";
    }
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.toString();
  }
}
