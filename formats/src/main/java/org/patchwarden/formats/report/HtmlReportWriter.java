package org.patchwarden.formats.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.patchwarden.remediate.RemediationMetrics;
import org.patchwarden.report.PatchReport;

/**
 * Writes a {@link PatchReport} as one self-contained XHTML page with inline SVG charts and print CSS.
 * The page is well-formed XML so that the PDF renderer reads the very same document; each figure
 * carries a {@code data-figure} attribute so that people's tools (and tests) can find it.
 */
public final class HtmlReportWriter {
  /** Overdue rows shown; the rest are counted, so that a neglected fleet still gives a printable report. */
  public static final int MAX_OVERDUE_ROWS = 200;

  private static final String CSS = """
      body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #000; margin: 24px; }
      h1 { font-size: 18pt; margin: 0 0 4px 0; }
      h2 { font-size: 13pt; margin: 18px 0 6px 0; border-bottom: 1px solid #000; }
      p.meta { margin: 0 0 12px 0; }
      table { border-collapse: collapse; margin: 6px 0 10px 0; }
      th, td { border: 1px solid #777; padding: 2px 6px; text-align: left; vertical-align: top; }
      td.n, th.n { text-align: right; }
      table.figures td.n { font-weight: bold; }
      svg.chart { display: block; margin: 6px 0; }
      section, tr, svg.chart { page-break-inside: avoid; }
      section.page { page-break-before: always; }
      .note { font-size: 9pt; }
      @page { size: A4; margin: 14mm 12mm; }
      @media print { body { margin: 0; } a { color: #000; text-decoration: none; } }
      """;

  private HtmlReportWriter() {}

  public static String write(PatchReport r) {
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>Patch-management report ").append(r.period().from()).append(" to ").append(r.period().to())
        .append("</title><style>").append(CSS).append("</style></head><body>");
    h.append("<h1>Patch-management report</h1><p class=\"meta\">Period <span data-figure=\"period-from\">")
        .append(r.period().from()).append("</span> to <span data-figure=\"period-to\">").append(r.period().to())
        .append("</span> (").append(r.period().days()).append(" days); figures at the period's end; generated ")
        .append(r.generatedOn()).append(".</p>");
    summary(h, r);
    kev(h, r.kev());
    tiers(h, r);
    h.append("<section class=\"page\">");
    teams(h, r);
    fixTimes(h, r);
    verification(h, r.remediation());
    h.append("</section><section class=\"page\">");
    trend(h, r);
    overdue(h, r);
    h.append("</section></body></html>\n");
    return h.toString();
  }

  private static void summary(StringBuilder h, PatchReport r) {
    int overdue = r.byTier().stream().mapToInt(PatchReport.TierCount::overdue).sum();
    h.append("<section id=\"summary\"><h2>Summary</h2><table class=\"figures\"><tbody>");
    row(h, "open-findings", "Open findings", r.openFindings());
    row(h, "overdue-findings", "Open findings past their due date", overdue);
    row(h, "kev-open", "Open findings in CISA KEV", r.kev().openFindings());
    row(h, "kev-assets", "Assets with a KEV finding", r.kev().assets());
    row(h, "kev-overdue", "KEV findings past their due date", r.kev().overdue());
    row(h, "verified-findings", "Findings verified fixed (changes of the period)", r.remediation().verifiedFindings());
    row(h, "failed-findings", "Verification failures", r.remediation().failedFindings());
    row(h, "pass-rate", "Verification pass rate", percent(r.remediation().passRate()));
    row(h, "fix-median-days", "Days to verified fix, median", r.timeToFix().medianDays());
    row(h, "fix-p90-days", "Days to verified fix, 90th percentile", r.timeToFix().p90Days());
    h.append("</tbody></table></section>");
  }

  private static void kev(StringBuilder h, PatchReport.KevExposure k) {
    h.append("<section id=\"kev\"><h2>KEV exposure</h2><p><span data-figure=\"kev-cve-count\">").append(k.cves().size())
        .append("</span> known-exploited CVEs hit the fleet: ");
    list(h, k.cves());
    h.append(".</p><p>Added to KEV during the period: <span data-figure=\"kev-added-count\">")
        .append(k.addedInPeriod().size()).append("</span>");
    if (!k.addedInPeriod().isEmpty()) {
      h.append(" (");
      list(h, k.addedInPeriod());
      h.append(')');
    }
    h.append(".</p></section>");
  }

  private static void tiers(StringBuilder h, PatchReport r) {
    h.append("<section id=\"tiers\"><h2>Open findings by tier</h2>");
    List<String> names = r.byTier().stream().map(t -> t.tierName().isEmpty() ? t.tier()
        : t.tier() + " " + t.tierName()).toList();
    h.append(SvgChart.bars("chart-tiers", "Open and overdue findings by tier", names, "Tier", "Findings",
        List.of(new SvgChart.Series("open", r.byTier().stream().map(PatchReport.TierCount::open).toList()),
            new SvgChart.Series("overdue", r.byTier().stream().map(PatchReport.TierCount::overdue).toList()))));
    h.append("<table id=\"table-tiers\"><thead><tr><th>Tier</th><th class=\"n\">Open</th><th class=\"n\">Overdue</th>")
        .append("</tr></thead><tbody>");
    for (PatchReport.TierCount t : r.byTier()) {
      h.append("<tr data-tier=\"").append(Xml.escape(t.tier())).append("\"><td>").append(Xml.escape(t.tier()))
          .append(t.tierName().isEmpty() ? "" : " (" + Xml.escape(t.tierName()) + ")").append("</td>")
          .append(n(t.open())).append(n(t.overdue())).append("</tr>");
    }
    h.append("</tbody></table></section>");
  }

  private static void teams(StringBuilder h, PatchReport r) {
    h.append("<section id=\"teams\"><h2>Open findings by team</h2>");
    // The chart shows the 12 teams most overdue; the table lists them all.
    List<PatchReport.TeamCount> top = r.byTeam().stream().limit(12).toList();
    if (!top.isEmpty()) {
      h.append(SvgChart.bars("chart-teams", "Open and overdue findings by owner team",
          top.stream().map(PatchReport.TeamCount::team).toList(), "Owner team", "Findings",
          List.of(new SvgChart.Series("open", top.stream().map(PatchReport.TeamCount::open).toList()),
              new SvgChart.Series("overdue", top.stream().map(PatchReport.TeamCount::overdue).toList()))));
    }
    h.append("<table id=\"table-teams\"><thead><tr><th>Team</th><th class=\"n\">Open</th><th class=\"n\">Overdue</th>")
        .append("</tr></thead><tbody>");
    for (PatchReport.TeamCount t : r.byTeam()) {
      h.append("<tr data-team=\"").append(Xml.escape(t.team())).append("\"><td>").append(Xml.escape(t.team()))
          .append("</td>").append(n(t.open())).append(n(t.overdue())).append("</tr>");
    }
    h.append("</tbody></table></section>");
  }

  private static void fixTimes(StringBuilder h, PatchReport r) {
    PatchReport.FixTimes f = r.timeToFix();
    h.append("<section id=\"fix-times\"><h2>Time to verified fix</h2><p>Days from first seen to verified fixed, over ")
        .append("<span data-figure=\"fix-count\">").append(f.count())
        .append("</span> findings verified during the period; median ").append(f.medianDays()).append(" d, p90 ")
        .append(f.p90Days()).append(" d.</p>");
    h.append(SvgChart.bars("chart-fix-times", "Findings by days to verified fix",
        f.buckets().stream().map(PatchReport.Bucket::label).toList(), "Days from first seen to verified fix",
        "Findings", List.of(new SvgChart.Series("verified findings",
            f.buckets().stream().map(PatchReport.Bucket::count).toList()))));
    h.append("</section>");
  }

  private static void verification(StringBuilder h, RemediationMetrics m) {
    h.append("<section id=\"verification\"><h2>Verification</h2><p>Pass rate <strong data-figure=\"pass-rate-text\">")
        .append(percent(m.passRate())).append("</strong>: ").append(m.verifiedFindings()).append(" verified, ")
        .append(m.failedFindings()).append(" failed; ").append(m.unverifiedChanges())
        .append(" changes past their verification deadline, ").append(m.failedChanges())
        .append(" changes failed verification, ").append(m.awaitingApproval()).append(" awaiting approval.</p>");
    h.append("<table id=\"table-fix-by-tier\"><thead><tr><th>Tier</th><th class=\"n\">Verified</th>")
        .append("<th class=\"n\">Mean days</th><th class=\"n\">p90 days</th></tr></thead><tbody>");
    for (RemediationMetrics.Row row : m.byTier()) {
      h.append("<tr><td>").append(Xml.escape(row.name())).append("</td>").append(n(row.count()))
          .append(n(days(row.mean()))).append(n(days(row.p90()))).append("</tr>");
    }
    h.append("</tbody></table></section>");
  }

  private static void trend(StringBuilder h, PatchReport r) {
    List<PatchReport.TrendPoint> t = r.trend();
    h.append("<section id=\"trend\"><h2>Trend</h2>");
    List<String> weeks = t.stream().map(p -> p.weekEnd().toString().substring(5)).toList();
    h.append(SvgChart.lines("chart-trend", "Open, found and closed findings per week", weeks, "Week ending (MM-DD)",
        "Findings", List.of(new SvgChart.Series("open at week end", t.stream().map(PatchReport.TrendPoint::open).toList()),
            new SvgChart.Series("found", t.stream().map(PatchReport.TrendPoint::found).toList()),
            new SvgChart.Series("closed", t.stream().map(PatchReport.TrendPoint::closed).toList()))));
    h.append("<table id=\"table-trend\"><thead><tr><th>Week ending</th><th class=\"n\">Open</th>")
        .append("<th class=\"n\">Found</th><th class=\"n\">Closed</th></tr></thead><tbody>");
    for (PatchReport.TrendPoint p : t) {
      h.append("<tr><td>").append(p.weekEnd()).append("</td>").append(n(p.open())).append(n(p.found()))
          .append(n(p.closed())).append("</tr>");
    }
    h.append("</tbody></table></section>");
  }

  private static void overdue(StringBuilder h, PatchReport r) {
    h.append("<section id=\"overdue\"><h2>Overdue findings</h2><p><span data-figure=\"overdue-count\">")
        .append(r.overdue().size()).append("</span> open findings are past their due date, most overdue first.</p>");
    if (r.overdue().isEmpty()) {
      h.append("</section>");
      return;
    }
    h.append("<table id=\"table-overdue\"><thead><tr><th>Asset</th><th>Advisory</th><th>Tier</th><th>Team</th>")
        .append("<th>Due</th><th class=\"n\">Days overdue</th><th>KEV</th></tr></thead><tbody>");
    for (PatchReport.OverdueFinding o : r.overdue().stream().limit(MAX_OVERDUE_ROWS).toList()) {
      h.append("<tr><td>").append(Xml.escape(o.assetName())).append("</td><td>").append(Xml.escape(o.advisoryId()))
          .append("</td><td>").append(Xml.escape(o.tier())).append("</td><td>").append(Xml.escape(o.team()))
          .append("</td><td>").append(o.dueDate()).append("</td>").append(n(o.daysOverdue())).append("<td>")
          .append(o.inKev() ? "yes" : "no").append("</td></tr>");
    }
    h.append("</tbody></table>");
    if (r.overdue().size() > MAX_OVERDUE_ROWS) {
      h.append("<p class=\"note\">and ").append(r.overdue().size() - MAX_OVERDUE_ROWS)
          .append(" more: see <code>patchwarden assess</code> or the findings export.</p>");
    }
    h.append("</section>");
  }

  private static void row(StringBuilder h, String figure, String label, Object value) {
    h.append("<tr><th>").append(Xml.escape(label)).append("</th><td class=\"n\" data-figure=\"").append(figure)
        .append("\">").append(Xml.escape(String.valueOf(value))).append("</td></tr>");
  }

  private static String n(Object value) {
    return "<td class=\"n\">" + Xml.escape(String.valueOf(value)) + "</td>";
  }

  private static void list(StringBuilder h, List<String> items) {
    h.append(items.isEmpty() ? "none" : Xml.escape(String.join(", ", items)));
  }

  /** A share as a percentage with one decimal, e.g. {@code 95.0 %}. */
  public static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }

  private static String days(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.getSeconds() / 86_400.0);
  }
}
