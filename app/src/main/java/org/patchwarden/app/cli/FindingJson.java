package org.patchwarden.app.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.time.LocalDate;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.assess.AssetContext;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.assess.ExposureReport;
import org.patchwarden.assess.KevStatus;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.assess.Signals;
import org.patchwarden.assess.Sourced;
import org.patchwarden.assess.SsvcDecision;
import org.patchwarden.assess.TacticReach;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.assess.FixGroup;
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
  static final String FINDINGS_SCHEMA = "patchwarden.findings/2";
  static final String ASSESSMENT_SCHEMA = "patchwarden.assessment/1";
  static final String EXPLAIN_SCHEMA = "patchwarden.explain/1";
  static final String PLAN_SCHEMA = "patchwarden.plan/1";
  static final String ADVISORY_SCHEMA = "patchwarden.advisory/1";
  // Every shape is built from maps with snake_case keys; the naming strategy keeps a record that
  // slips through from ever printing camelCase.
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  /** Writes to the terminal's writer without closing it. */
  private static final ObjectWriter STREAMING = JSON.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("finding_key", t.finding().key());
    m.putAll(finding(t.finding()));
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
    m.put("ssvc", a.ssvc() == null ? "" : a.ssvc().outcome());
    m.put("first_seen", a.firstSeen().toString());
    m.put("due_date", a.dueDate().toString());
    m.put("due_basis", a.dueBasis().toString());
    m.put("deciding_signals", a.decidingSignals());
    m.put("rationale", a.rationale());
    m.put("assumptions", a.assumptions());
    return m;
  }

  /** A finding, how it is tracked and its assessment: one object of {@code findings --json} and {@code assess --json}. */
  static Map<String, Object> prioritised(PrioritisedFinding p, LocalDate today) {
    Map<String, Object> m = tracked(p.tracked());
    // The tracked instant stays: the assessment's first-seen is the same moment as a date.
    assessment(p.assessment()).forEach(m::putIfAbsent);
    m.put("cve_ids", p.assessment().signals().cveIds());
    m.put("days_overdue", p.tracked().status() == FindingStatus.OPEN ? p.assessment().daysOverdue(today) : 0);
    return m;
  }

  /** Everything {@code explain --json} shows of one finding. */
  static Map<String, Object> explained(PrioritisedFinding p, LocalDate today) {
    Map<String, Object> m = prioritised(p, today);
    Assessment a = p.assessment();
    m.put("ssvc_decision", ssvc(a.ssvc()));
    m.put("signals", signals(a.signals()));
    return m;
  }

  static Map<String, Object> ssvc(SsvcDecision d) {
    if (d == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", d.table());
    m.put("outcome", d.outcome());
    m.put("outcome_key", d.outcomeKey());
    m.put("inputs", d.inputs());
    return m;
  }

  static Map<String, Object> signals(Signals s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cve_ids", s.cveIds());
    m.put("confidence", lower(s.confidence()));
    m.put("cvss", cvss(s.cvss()));
    m.put("epss", s.epss() == null ? null : epss(s.epss()));
    m.put("kev", kev(s.kev()));
    m.put("tactics", s.tactics().stream().map(FindingJson::tactic).toList());
    m.put("exploitation", sourced(s.exploitation(), lower(s.exploitation().value())));
    m.put("automatable", sourced(s.automatable(), s.automatable().value()));
    m.put("technical_impact", sourced(s.technicalImpact(), lower(s.technicalImpact().value())));
    m.put("fixed_version", s.fixedVersion());
    m.put("published", s.published() == null ? "" : s.published().toString());
    m.put("mission_impact", lower(s.missionImpact()));
    m.put("asset", assetContext(s.asset()));
    m.put("assumptions", s.assumptions());
    return m;
  }

  private static Map<String, Object> cvss(CvssScore c) {
    if (c == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", c.version());
    m.put("vector", c.vector());
    m.put("score", c.score());
    m.put("stated_score", c.statedScore());
    m.put("computed", c.computed());
    m.put("by", c.by());
    m.put("cve_id", c.cveId());
    m.put("note", c.note());
    return m;
  }

  static Map<String, Object> epss(EpssScore e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cve_id", e.cveId());
    m.put("score", e.score());
    m.put("percentile", e.percentile());
    return m;
  }

  private static Map<String, Object> kev(KevStatus k) {
    if (k == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cve_id", k.cveId());
    m.put("date_added", k.dateAdded().toString());
    m.put("due_date", k.dueDate() == null ? "" : k.dueDate().toString());
    m.put("known_ransomware", k.knownRansomware());
    m.put("source", k.source());
    return m;
  }

  private static Map<String, Object> tactic(TacticReach t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tactic_id", t.tacticId());
    m.put("tactic_name", t.tacticName());
    m.put("technique_id", t.techniqueId());
    m.put("mapping_type", t.mappingType());
    m.put("cve_id", t.cveId());
    m.put("strong", t.strong());
    return m;
  }

  private static Map<String, Object> sourced(Sourced<?> s, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", value);
    m.put("provenance", lower(s.provenance()));
    m.put("from", s.from());
    return m;
  }

  private static Map<String, Object> assetContext(AssetContext c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.assetName());
    m.put("known", c.known());
    m.put("environment", c.environment());
    m.put("owner_team", c.ownerTeam());
    m.put("criticality", c.criticality());
    m.put("internet_facing", c.internetFacing());
    return m;
  }

  /** One group of {@code plan --json}. */
  static Map<String, Object> fixGroup(FixGroup g, LocalDate today) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", lower(g.action()));
    m.put("asset", g.assetName());
    m.put("ecosystem", g.ecosystem());
    m.put("package", g.packageName());
    m.put("installed_version", g.installedVersion());
    m.put("target_version", g.targetVersion());
    m.put("summary", FindingText.action(g));
    m.put("findings", g.findings().size());
    m.put("kev_findings", g.kevFindings());
    m.put("top_tier", g.topTier());
    m.put("earliest_due", g.earliestDue().toString());
    m.put("days_overdue", Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(g.earliestDue(), today)));
    m.put("cve_ids", g.cveIds());
    m.put("finding_keys", g.findings().stream().map(p -> p.finding().key()).toList());
    return m;
  }

  /** One asset or team of the exposure report. */
  static Map<String, Object> exposure(ExposureReport.Group g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", g.name());
    m.put("open", g.open());
    m.put("past_due", g.pastDue());
    m.put("max_days_overdue", g.maxDaysOverdue());
    m.put("total_days_overdue", g.totalDaysOverdue());
    m.put("longest_exposure_days", g.longestExposureDays());
    m.put("overdue_findings", g.overdueFindings());
    return m;
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }

  static Map<String, Object> gap(CoverageGap g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("advisory_ecosystem", g.advisoryEcosystem());
    m.put("packages", g.packages());
    m.put("reason", g.reason());
    return m;
  }

  /** A stored gap as listed beside findings: which asset, and why its packages were not checked. */
  static Map<String, Object> coverageGap(CoverageGap g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asset", g.assetName());
    m.putAll(gap(g));
    return m;
  }

  static Map<String, Object> os(OsRelease os) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", os == null ? "" : os.id());
    m.put("version_id", os == null ? "" : os.versionId());
    m.put("codename", os == null ? "" : os.codename());
    return m;
  }

  /**
   * Writes {@code value} to {@code out} as it is serialized, then a newline. Rendered into one string
   * first, the findings of a 10,000-host fleet (900,000) did not fit in a 6 GB heap.
   */
  static void print(PrintWriter out, Object value) {
    try {
      STREAMING.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON", e);
    }
    out.println();
  }

  /**
   * The items as {@code each} renders them, one at a time while the list is serialized, so that a
   * large list is never held rendered whole.
   */
  static <T> List<Object> rendered(List<T> items, Function<? super T, ?> each) {
    return new AbstractList<>() {
      @Override
      public Object get(int index) {
        return each.apply(items.get(index));
      }

      @Override
      public int size() {
        return items.size();
      }
    };
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
