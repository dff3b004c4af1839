package org.patchwarden.formats.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchwarden.remediate.RemediationMetrics;
import org.patchwarden.report.PatchReport;

/**
 * Writes a {@link PatchReport} as JSON (docs/reports.md): the same figures the HTML report shows, with
 * the names of its {@code data-figure} attributes in snake case, days and hours as numbers.
 */
public final class JsonReportWriter {
  /** The {@code schema} value; a new one when a field changes meaning or goes away. */
  public static final String SCHEMA = "patchwarden-report/1";
  private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private JsonReportWriter() {}

  public static void write(PatchReport r, OutputStream out) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(out, document(r));
  }

  /** The report as JSON text. */
  public static String write(PatchReport r) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document(r));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, Object> document(PatchReport r) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("schema", SCHEMA);
    d.put("period", map("from", r.period().from().toString(), "to", r.period().to().toString(),
        "days", r.period().days()));
    d.put("generated_on", r.generatedOn().toString());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("open_findings", r.openFindings());
    summary.put("overdue_findings", r.byTier().stream().mapToInt(PatchReport.TierCount::overdue).sum());
    summary.put("kev_open", r.kev().openFindings());
    summary.put("kev_assets", r.kev().assets());
    summary.put("kev_overdue", r.kev().overdue());
    summary.put("verified_findings", r.remediation().verifiedFindings());
    summary.put("failed_findings", r.remediation().failedFindings());
    summary.put("pass_rate", r.remediation().passRate());
    summary.put("fix_median_days", r.timeToFix().medianDays());
    summary.put("fix_p90_days", r.timeToFix().p90Days());
    summary.put("fix_count", r.timeToFix().count());
    summary.put("overdue_count", r.overdue().size());
    d.put("summary", summary);
    d.put("kev", map("cves", r.kev().cves(), "added_in_period", r.kev().addedInPeriod()));
    d.put("by_tier", r.byTier().stream().map(t -> map("tier", t.tier(), "name", t.tierName(), "open", t.open(),
        "overdue", t.overdue())).toList());
    d.put("by_team", r.byTeam().stream().map(t -> map("team", t.team(), "open", t.open(), "overdue", t.overdue()))
        .toList());
    d.put("time_to_fix", map("count", r.timeToFix().count(), "median_days", r.timeToFix().medianDays(),
        "p90_days", r.timeToFix().p90Days(), "buckets", r.timeToFix().buckets().stream()
            .map(b -> map("label", b.label(), "count", b.count())).toList()));
    d.put("verification", verification(r.remediation()));
    d.put("trend", r.trend().stream().map(p -> map("week_end", p.weekEnd().toString(), "open", p.open(),
        "found", p.found(), "closed", p.closed())).toList());
    d.put("overdue", r.overdue().stream().map(o -> map("finding_key", o.findingKey(), "asset", o.assetName(),
        "team", o.team(), "advisory", o.advisoryId(), "tier", o.tier(), "due_date", o.dueDate().toString(),
        "days_overdue", o.daysOverdue(), "in_kev", o.inKev())).toList());
    return d;
  }

  private static Map<String, Object> verification(RemediationMetrics m) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("pass_rate", m.passRate());
    v.put("verified_findings", m.verifiedFindings());
    v.put("failed_findings", m.failedFindings());
    v.put("unverified_changes", m.unverifiedChanges());
    v.put("failed_changes", m.failedChanges());
    v.put("awaiting_approval", m.awaitingApproval());
    v.put("approval", row(m.approval()));
    v.put("by_tier", m.byTier().stream().map(JsonReportWriter::row).toList());
    v.put("by_team", m.byTeam().stream().map(JsonReportWriter::row).toList());
    return v;
  }

  private static Map<String, Object> row(RemediationMetrics.Row r) {
    return map("name", r.name(), "count", r.count(), "mean_hours", hours(r.mean()), "p90_hours", hours(r.p90()));
  }

  /** Hours to one decimal: a duration people read, not seconds. */
  private static double hours(Duration d) {
    return Math.round(d.getSeconds() / 360.0) / 10.0;
  }

  /** An ordered map of alternating keys and values (Map.of would reorder the fields). */
  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
