package org.patchwarden.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.patchwarden.assess.Assessment;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.Finding;
import org.patchwarden.match.TrackedFinding;

/**
 * The stable JSON shapes of findings, documented in docs/findings-json.md: keys are snake_case,
 * never removed or renamed within a schema version, and absent values are empty strings or lists
 * rather than missing keys.
 */
final class FindingJson {
  static final String SCAN_SCHEMA = "patchwarden.scan/1";
  static final String FINDINGS_SCHEMA = "patchwarden.findings/1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FindingJson() {}

  static Map<String, Object> finding(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asset", f.assetName());
    m.put("package", f.installed().name());
    m.put("ecosystem", f.installed().ecosystem());
    m.put("installed_version", f.installed().version());
    m.put("source_package", f.installed().effectiveSourceName());
    m.put("source_version", f.installed().effectiveSourceVersion());
    m.put("purl", f.installed().purl());
    m.put("advisory_id", f.advisoryId());
    m.put("aliases", f.aliases().stream().sorted().toList());
    m.put("fixed_version", f.fixedVersion());
    m.put("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("source", f.feedSource());
    m.put("advisory_ecosystem", f.advisoryEcosystem());
    m.put("matched_name", f.matchedName());
    m.put("matched_version", f.matchedVersion());
    m.put("range", f.range());
    m.put("confidence", f.confidence().name().toLowerCase(java.util.Locale.ROOT));
    return m;
  }

  static Map<String, Object> tracked(TrackedFinding t) {
    Map<String, Object> m = finding(t.finding());
    m.put("tracking", t.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("first_seen", t.firstSeen().toString());
    m.put("last_seen", t.lastSeen().toString());
    m.put("closed_at", t.closedAt() == null ? "" : t.closedAt().toString());
    m.put("fixed_by_revision", t.fixedByRevision());
    m.put("not_affected_reason", t.mark() == null ? "" : t.mark().reason());
    m.put("not_affected_by", t.mark() == null ? "" : t.mark().by());
    m.put("not_affected_at", t.mark() == null ? "" : t.mark().at().toString());
    return m;
  }

  static Map<String, Object> assessment(Assessment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tier", a.tier());
    m.put("tier_name", a.tierName());
    m.put("ssvc", a.ssvc() == null ? "" : a.ssvc().toString());
    m.put("first_seen", a.firstSeen().toString());
    m.put("due_date", a.dueDate().toString());
    m.put("due_basis", a.dueBasis().toString());
    m.put("deciding_signals", a.decidingSignals());
    m.put("rationale", a.rationale());
    m.put("assumptions", a.assumptions());
    return m;
  }

  static Map<String, Object> gap(CoverageGap g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("advisory_ecosystem", g.advisoryEcosystem());
    m.put("packages", g.packages());
    m.put("reason", g.reason());
    return m;
  }

  static Map<String, Object> os(OsRelease os) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", os == null ? "" : os.id());
    m.put("version_id", os == null ? "" : os.versionId());
    m.put("codename", os == null ? "" : os.codename());
    return m;
  }

  static void print(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  static String orDash(String s) {
    return Objects.requireNonNullElse(s, "").isEmpty() ? "-" : s;
  }

  static String cves(Finding f) {
    List<String> cves = f.aliases().stream().filter(a -> a.startsWith("CVE-")).sorted().toList();
    if (f.advisoryId().startsWith("CVE-") || cves.isEmpty()) {
      return f.advisoryId();
    }
    return f.advisoryId() + " (" + (cves.size() <= 2 ? String.join(", ", cves) : cves.get(0) + " +" + (cves.size() - 1)) + ")";
  }
}
