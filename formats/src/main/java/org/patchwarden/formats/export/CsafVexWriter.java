package org.patchwarden.formats.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.patchwarden.match.Finding;
import org.patchwarden.usecase.ExportedFinding;
import org.patchwarden.usecase.ExportedVulnerability;
import org.patchwarden.usecase.FindingExport;
import org.patchwarden.usecase.VexStatement;

/**
 * Writes an export as a CSAF 2.0 document of the {@code csaf_vex} profile: each package installed
 * on an asset is a product; each vulnerability lists its products as known_affected, fixed,
 * known_not_affected (with a flag when the justification is named, and always an impact statement)
 * or under_investigation, and says what to do about the affected ones (remediations).
 */
public final class CsafVexWriter implements FindingExportWriter {
  // NB: the CSAF schema's own patterns: a purl it refuses must be left out rather than fail the document
  private static final Pattern PURL = Pattern.compile("^pkg:[A-Za-z\\.\\-\\+][A-Za-z0-9\\.\\-\\+]*/.+");
  private static final Pattern CVE = Pattern.compile("^CVE-[0-9]{4}-[0-9]{4,}$");
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  private final String toolVersion;

  public CsafVexWriter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  @Override
  public void write(FindingExport export, OutputStream out) throws IOException {
    MAPPER.writeValue(out, document(export));
    out.flush();
  }

  Map<String, Object> document(FindingExport export) {
    Map<String, String> productIds = new LinkedHashMap<>();
    List<Map<String, Object>> products = new ArrayList<>();
    Map<String, List<ExportedFinding>> byVulnerability = new TreeMap<>();
    for (ExportedFinding e : export.findings()) {
      Finding f = e.finding();
      String product = f.assetName() + "|" + ExportFields.pkg(e);
      productIds.computeIfAbsent(product, p -> {
        String id = "PW-" + (productIds.size() + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.installed().name() + " " + f.installed().version() + " on " + f.assetName());
        m.put("product_id", id);
        String purl = f.installed().purl();
        if (purl != null && PURL.matcher(purl).matches()) {
          m.put("product_identification_helper", Map.of("purl", purl));
        }
        products.add(m);
        return id;
      });
      byVulnerability.computeIfAbsent(f.advisoryId(), k -> new ArrayList<>()).add(e);
    }
    String when = DateTimeFormatter.ISO_INSTANT.format(export.generatedAt());
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("category", "csaf_vex");
    document.put("csaf_version", "2.0");
    document.put("publisher", Map.of("category", "user", "name", ExportFields.TOOL, "namespace", ExportFields.PUBLISHER_NAMESPACE));
    document.put("title", "Patchwarden VEX: " + scope(export));
    document.put("notes", List.of(Map.of("category", "summary", "title", "Scope",
        "text", export.findings().size() + " findings of " + scope(export) + " as of " + export.today()
            + ", one product per package installed on an asset.")));
    Map<String, Object> tracking = new LinkedHashMap<>();
    tracking.put("current_release_date", when);
    tracking.put("generator", Map.of("date", when, "engine", Map.of("name", ExportFields.TOOL, "version", toolVersion)));
    tracking.put("id", "patchwarden-vex-" + when.replaceAll("[^0-9]", ""));
    tracking.put("initial_release_date", when);
    tracking.put("revision_history", List.of(Map.of("date", when, "number", "1", "summary", "Exported from Patchwarden.")));
    tracking.put("status", "final");
    tracking.put("version", "1");
    document.put("tracking", tracking);
    doc.put("document", document);
    if (!products.isEmpty()) {
      doc.put("product_tree", Map.of("full_product_names", products));
      List<Map<String, Object>> vulns = new ArrayList<>();
      byVulnerability.forEach((id, findings) -> vulns.add(vulnerability(export.vulnerability(id), findings, productIds)));
      doc.put("vulnerabilities", vulns);
    }
    return doc;
  }

  private static String scope(FindingExport export) {
    return export.filter().asset() != null ? "asset " + export.filter().asset()
        : export.filter().team() != null ? "team " + export.filter().team() : "the fleet";
  }

  private static Map<String, Object> vulnerability(ExportedVulnerability v, List<ExportedFinding> findings,
      Map<String, String> productIds) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (CVE.matcher(v.id()).matches()) {
      m.put("cve", v.id());
    } else {
      m.put("ids", List.of(Map.of("system_name", findings.get(0).finding().feedSource(), "text", v.id())));
    }
    if (!v.title().isEmpty()) {
      m.put("title", v.title());
    }
    List<Map<String, Object>> notes = new ArrayList<>();
    if (!v.description().isEmpty()) {
      notes.add(Map.of("category", "description", "text", v.description()));
    }
    if (!v.cveIds().isEmpty() && !v.cveIds().equals(List.of(v.id()))) {
      notes.add(Map.of("category", "other", "title", "CVEs", "text", String.join(", ", v.cveIds())));
    }
    if (!notes.isEmpty()) {
      m.put("notes", notes);
    }
    Map<String, java.util.Set<String>> status = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> flags = new TreeMap<>();
    Map<String, java.util.Set<String>> impacts = new LinkedHashMap<>();
    Map<List<String>, java.util.Set<String>> remediations = new LinkedHashMap<>();
    for (ExportedFinding e : findings) {
      String pid = productIds.get(e.finding().assetName() + "|" + ExportFields.pkg(e));
      VexStatement vex = e.vex();
      String key = switch (vex.status()) {
        case AFFECTED -> "known_affected";
        case FIXED -> "fixed";
        case NOT_AFFECTED -> "known_not_affected";
        case UNDER_INVESTIGATION -> "under_investigation";
      };
      status.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(pid);
      if (vex.status() == VexStatement.Status.NOT_AFFECTED) {
        if (!vex.justification().isEmpty()) {
          flags.computeIfAbsent(vex.justification(), k -> new java.util.LinkedHashSet<>()).add(pid);
        }
        impacts.computeIfAbsent(vex.detail(), k -> new java.util.LinkedHashSet<>()).add(pid);
      } else if (vex.status() == VexStatement.Status.AFFECTED || vex.status() == VexStatement.Status.UNDER_INVESTIGATION) {
        String category = switch (vex.response()) {
          case UPDATE -> "vendor_fix";
          case WILL_NOT_FIX -> "no_fix_planned";
          case CAN_NOT_FIX, NONE -> "none_available";
        };
        remediations.computeIfAbsent(List.of(category, vex.detail()), k -> new java.util.LinkedHashSet<>()).add(pid);
      }
    }
    Map<String, Object> productStatus = new LinkedHashMap<>();
    for (String k : List.of("fixed", "known_affected", "known_not_affected", "under_investigation")) {
      if (status.containsKey(k)) {
        productStatus.put(k, status.get(k));
      }
    }
    m.put("product_status", productStatus);
    if (!flags.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      flags.forEach((label, ids) -> list.add(Map.of("label", label, "product_ids", ids)));
      m.put("flags", list);
    }
    if (!remediations.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      remediations.forEach((cd, ids) -> list.add(Map.of("category", cd.get(0), "details", cd.get(1), "product_ids", ids)));
      m.put("remediations", list);
    }
    if (!impacts.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      impacts.forEach((details, ids) -> list.add(Map.of("category", "impact", "details", details, "product_ids", ids)));
      m.put("threats", list);
    }
    return m;
  }
}
