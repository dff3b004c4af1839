package org.patchwarden.formats.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.match.Finding;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.usecase.ExportFilter;
import org.patchwarden.usecase.ExportedFinding;
import org.patchwarden.usecase.ExportedVulnerability;
import org.patchwarden.usecase.FindingExport;
import org.patchwarden.usecase.VexStatement;

/**
 * Writes an export as Patchwarden's own JSON ({@value #SCHEMA}, JSON Schema in {@value
 * #SCHEMA_RESOURCE}, docs/exports.md), one finding at a time: keys are snake_case and absent
 * values are empty strings, nulls (numbers and objects) or empty lists, never missing keys.
 */
public final class FindingsJsonWriter implements FindingExportWriter {
  public static final String SCHEMA = "patchwarden.export/1";
  /** The JSON Schema of the document, on the class path. */
  public static final String SCHEMA_RESOURCE = "/org/patchwarden/formats/export/patchwarden-export-1.schema.json";
  private static final JsonFactory JSON = new JsonFactory();
  private final String toolVersion;

  public FindingsJsonWriter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  @Override
  public void write(FindingExport export, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("schema", SCHEMA);
      g.writeStringField("tool_version", toolVersion);
      g.writeStringField("generated_at", export.generatedAt().toString());
      g.writeStringField("today", export.today().toString());
      filter(g, export.filter());
      g.writeArrayFieldStart("findings");
      for (ExportedFinding f : export.findings()) {
        finding(g, f, export);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("vulnerabilities");
      for (ExportedVulnerability v : export.vulnerabilities().values()) {
        vulnerability(g, v);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.flush();
  }

  private static void filter(JsonGenerator g, ExportFilter f) throws IOException {
    g.writeObjectFieldStart("filter");
    g.writeStringField("asset", nz(f.asset()));
    g.writeStringField("package", nz(f.packageName()));
    g.writeStringField("cve", nz(f.cve()));
    g.writeStringField("status", f.status() == null ? "all" : f.status());
    g.writeStringField("tier", nz(f.tier()));
    g.writeStringField("team", nz(f.team()));
    g.writeBooleanField("kev", f.kevOnly());
    g.writeBooleanField("overdue", f.overdueOnly());
    g.writeEndObject();
  }

  private static void finding(JsonGenerator g, ExportedFinding e, FindingExport export) throws IOException {
    Finding f = e.finding();
    TrackedFinding t = e.tracked();
    Assessment a = e.assessment();
    g.writeStartObject();
    g.writeStringField("finding_key", f.key());
    g.writeStringField("asset", f.assetName());
    g.writeStringField("team", e.team());
    g.writeStringField("package", f.installed().name());
    g.writeStringField("ecosystem", f.installed().ecosystem());
    g.writeStringField("installed_version", f.installed().version());
    g.writeStringField("purl", nz(f.installed().purl()));
    g.writeStringField("advisory_id", f.advisoryId());
    strings(g, "aliases", f.aliases().stream().sorted().toList());
    strings(g, "cve_ids", ExportFields.cves(e));
    g.writeStringField("fixed_version", f.fixedVersion());
    g.writeStringField("source", f.feedSource());
    g.writeStringField("confidence", ExportFields.lower(f.confidence()));
    g.writeStringField("status", ExportFields.lower(t.status()));
    g.writeStringField("remediation", e.remediation().label());
    g.writeStringField("first_seen", t.firstSeen().toString());
    g.writeStringField("last_seen", t.lastSeen().toString());
    g.writeStringField("closed_at", t.closedAt() == null ? "" : t.closedAt().toString());
    g.writeStringField("tier", a.tier());
    g.writeStringField("tier_name", a.tierName());
    g.writeStringField("ssvc", a.ssvc() == null ? "" : a.ssvc().outcome());
    g.writeStringField("due_date", a.dueDate().toString());
    g.writeNumberField("days_overdue", e.daysOverdue(export.today()));
    g.writeBooleanField("in_kev", a.signals().inKev());
    if (a.signals().epss() == null) {
      g.writeNullField("epss");
    } else {
      g.writeNumberField("epss", a.signals().epss().score());
    }
    CvssScore c = ExportFields.cvss(e);
    if (c == null) {
      g.writeNullField("cvss");
    } else {
      g.writeObjectFieldStart("cvss");
      g.writeStringField("version", c.version());
      g.writeStringField("vector", c.vector());
      g.writeNumberField("score", c.score());
      g.writeEndObject();
    }
    g.writeStringField("rationale", a.rationale());
    VexStatement v = e.vex();
    g.writeObjectFieldStart("vex");
    g.writeStringField("status", v.status().label());
    g.writeStringField("justification", v.justification());
    g.writeBooleanField("false_positive", v.falsePositive());
    g.writeStringField("detail", v.detail());
    g.writeStringField("response", ExportFields.lower(v.response()));
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void vulnerability(JsonGenerator g, ExportedVulnerability v) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", v.id());
    strings(g, "cve_ids", v.cveIds());
    g.writeStringField("title", v.title());
    g.writeStringField("description", v.description());
    strings(g, "cwes", v.cwes());
    strings(g, "references", v.references());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String s : values) {
      g.writeString(s);
    }
    g.writeEndArray();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
