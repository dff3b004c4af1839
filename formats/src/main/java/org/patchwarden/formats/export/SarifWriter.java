package org.patchwarden.formats.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.match.Finding;
import org.patchwarden.usecase.ExportedFinding;
import org.patchwarden.usecase.ExportedVulnerability;
import org.patchwarden.usecase.FindingExport;
import org.patchwarden.usecase.VexStatement;

/**
 * Writes an export as one SARIF 2.1.0 run: a rule per vulnerability, a result per finding located
 * at its asset and package ({@code assets/ASSET/ECOSYSTEM/PACKAGE}); the level follows the tier,
 * not-affected and risk-accepted findings carry an external suppression, fixed ones are passes.
 */
public final class SarifWriter implements FindingExportWriter {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final String toolVersion;

  public SarifWriter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  @Override
  public void write(FindingExport export, OutputStream out) throws IOException {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    java.util.TreeSet<String> ids = new java.util.TreeSet<>(export.vulnerabilities().keySet());
    export.findings().forEach(f -> ids.add(f.finding().advisoryId()));
    ids.forEach(id -> ruleIndex.put(id, ruleIndex.size()));
    Map<String, Double> severity = new java.util.HashMap<>();
    for (ExportedFinding f : export.findings()) {
      CvssScore c = ExportFields.cvss(f);
      if (c != null) {
        severity.merge(f.finding().advisoryId(), c.score(), Math::max);
      }
    }
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA_URI);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", ExportFields.TOOL);
      g.writeStringField("version", toolVersion);
      g.writeArrayFieldStart("rules");
      for (String id : ruleIndex.keySet()) {
        g.writeObject(rule(export.vulnerability(id), severity.get(id)));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("results");
      // one result per finding, written as it comes: the rules above are all the state kept
      for (ExportedFinding f : export.findings()) {
        g.writeObject(result(f, ruleIndex.get(f.finding().advisoryId()), export));
      }
      g.writeEndArray();
      g.writeObjectFieldStart("properties");
      g.writeStringField("generatedAt", export.generatedAt().toString());
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.flush();
  }

  private static Map<String, Object> rule(ExportedVulnerability v, Double severity) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", v.id());
    r.put("shortDescription", text(v.title().isEmpty() ? v.id() : v.title()));
    r.put("fullDescription", text(v.description().isEmpty() ? (v.title().isEmpty() ? v.id() : v.title()) : v.description()));
    v.references().stream().filter(SarifWriter::absoluteUri).findFirst().ifPresent(u -> r.put("helpUri", u));
    r.put("help", text("Covers " + (v.cveIds().isEmpty() ? v.id() : String.join(", ", v.cveIds()))
        + (v.references().isEmpty() ? "." : ". References: " + String.join(" ", v.references()))));
    Map<String, Object> props = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>(List.of("security", "vulnerability"));
    tags.addAll(v.cwes());
    props.put("tags", tags);
    // NB: code-scanning dashboards rank rules by this string (a CVSS base score); the highest of the findings wins
    if (severity != null) {
      props.put("security-severity", String.format(java.util.Locale.ROOT, "%.1f", severity));
    }
    r.put("properties", props);
    return r;
  }

  private static Map<String, Object> result(ExportedFinding e, int ruleIndex, FindingExport export) {
    Finding f = e.finding();
    VexStatement vex = e.vex();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ruleId", f.advisoryId());
    r.put("ruleIndex", ruleIndex);
    String kind = switch (vex.status()) {
      case FIXED -> "pass";
      case UNDER_INVESTIGATION -> "review";
      case AFFECTED, NOT_AFFECTED -> "fail";
    };
    r.put("kind", kind);
    r.put("level", kind.equals("fail") ? level(e.assessment().tierRank()) : "none");
    r.put("message", text(f.installed().name() + " " + f.installed().version() + " on " + f.assetName() + ": "
        + f.advisoryId() + (ExportFields.cves(e).isEmpty() || ExportFields.cves(e).equals(List.of(f.advisoryId())) ? ""
            : " (" + String.join(", ", ExportFields.cves(e)) + ")")
        + ", " + vex.status().label().replace('_', ' ') + ": " + vex.detail() + ". Tier " + e.assessment().tier()
        + ", due " + e.assessment().dueDate() + "."));
    Map<String, Object> artifact = Map.of("uri", "assets/" + seg(f.assetName()) + "/" + seg(f.installed().ecosystem())
        + "/" + seg(f.installed().name()));
    Map<String, Object> logical = new LinkedHashMap<>();
    logical.put("name", f.installed().name());
    logical.put("fullyQualifiedName", f.assetName() + "/" + f.installed().ecosystem() + "/" + f.installed().name());
    logical.put("kind", "module");
    r.put("locations", List.of(Map.of("physicalLocation", Map.of("artifactLocation", artifact),
        "logicalLocations", List.of(logical))));
    r.put("partialFingerprints", Map.of("patchwardenFindingKey/v1", f.key()));
    if (vex.status() == VexStatement.Status.NOT_AFFECTED
        || e.remediation() == org.patchwarden.remediate.RemediationStatus.RISK_ACCEPTED) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("kind", "external");
      s.put("status", "accepted");
      s.put("justification", vex.status() == VexStatement.Status.NOT_AFFECTED ? vex.detail() : "risk accepted");
      r.put("suppressions", List.of(s));
    }
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("asset", f.assetName());
    props.put("team", e.team());
    props.put("package", f.installed().name());
    props.put("installedVersion", f.installed().version());
    props.put("fixedVersion", f.fixedVersion());
    props.put("purl", f.installed().purl() == null ? "" : f.installed().purl());
    props.put("tier", e.assessment().tier());
    props.put("dueDate", e.assessment().dueDate().toString());
    props.put("daysOverdue", e.daysOverdue(export.today()));
    props.put("inKev", e.assessment().signals().inKev());
    props.put("status", ExportFields.lower(e.tracked().status()));
    props.put("remediation", e.remediation().label());
    props.put("vexStatus", vex.status().label());
    r.put("properties", props);
    return r;
  }

  /** error for the two most urgent tiers, warning for the third, note below. */
  static String level(int tierRank) {
    return tierRank <= 1 ? "error" : tierRank == 2 ? "warning" : "note";
  }

  private static Map<String, Object> text(String s) {
    return Map.of("text", s);
  }

  private static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static boolean absoluteUri(String s) {
    try {
      URI u = new URI(s);
      return u.isAbsolute() && (u.getScheme().equals("https") || u.getScheme().equals("http"));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
