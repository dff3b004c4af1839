package org.patchwarden.formats.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.match.Finding;
import org.patchwarden.usecase.ExportedFinding;
import org.patchwarden.usecase.FindingExport;

/**
 * Writes an export as CSV (RFC 4180, UTF-8, a header line, one finding a line, list values joined
 * with {@code ;}); the columns are {@link #COLUMNS}, documented in docs/exports.md.
 */
public final class FindingsCsvWriter implements FindingExportWriter {
  public static final List<String> COLUMNS = List.of("finding_key", "asset", "team", "package", "ecosystem",
      "installed_version", "fixed_version", "purl", "advisory_id", "cve_ids", "status", "remediation", "tier",
      "tier_name", "due_date", "days_overdue", "in_kev", "epss", "cvss_score", "cvss_vector", "first_seen",
      "last_seen", "closed_at", "vex_status", "vex_justification", "vex_detail", "title");
  private static final CsvMapper CSV = new CsvMapper();

  @Override
  public void write(FindingExport export, OutputStream out) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(schema::addColumn);
    try (SequenceWriter w = CSV.writer(schema.build())
        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValues(out)) {
      for (ExportedFinding e : export.findings()) {
        w.write(row(e, export));
      }
    }
    out.flush();
  }

  private static List<Object> row(ExportedFinding e, FindingExport export) {
    Finding f = e.finding();
    Assessment a = e.assessment();
    CvssScore c = ExportFields.cvss(e);
    return List.of(f.key(), f.assetName(), e.team(), f.installed().name(), f.installed().ecosystem(),
        f.installed().version(), f.fixedVersion(), f.installed().purl() == null ? "" : f.installed().purl(),
        f.advisoryId(), String.join(";", ExportFields.cves(e)), ExportFields.lower(e.tracked().status()),
        e.remediation().label(), a.tier(), a.tierName(), a.dueDate().toString(), e.daysOverdue(export.today()),
        a.signals().inKev(), a.signals().epss() == null ? "" : a.signals().epss().score(),
        c == null ? "" : c.score(), c == null ? "" : c.vector(), e.tracked().firstSeen().toString(),
        e.tracked().lastSeen().toString(), e.tracked().closedAt() == null ? "" : e.tracked().closedAt().toString(),
        e.vex().status().label(), e.vex().justification(), e.vex().detail(),
        export.vulnerability(f.advisoryId()).title());
  }
}
