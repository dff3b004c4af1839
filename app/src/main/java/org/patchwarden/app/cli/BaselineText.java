package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineAsset;
import org.patchwarden.baseline.BaselineDiff;
import org.patchwarden.baseline.BaselineDiff.Side;
import org.patchwarden.baseline.BaselineSummary;
import org.patchwarden.baseline.DriftPolicy;
import org.patchwarden.baseline.StagingEvidence;
import org.patchwarden.usecase.DiffBaselines;

/** Baselines, their diffs and staging evidence, for people and as JSON. */
final class BaselineText {
  static final String BASELINE_SCHEMA = "patchwarden.baseline/1";
  static final String DIFF_SCHEMA = "patchwarden.baseline-diff/1";
  static final String EVIDENCE_SCHEMA = "patchwarden.staging-evidence/1";

  private BaselineText() {}

  static void list(PrintWriter out, List<BaselineSummary> all) {
    if (all.isEmpty()) {
      out.println("no baselines yet ('baseline capture NAME --assets A,B' takes one)");
      return;
    }
    out.printf("%-32s %7s  %-27s %-12s %6s %8s%n", "NAME", "VERSION", "CAPTURED", "BY", "ASSETS", "PACKAGES");
    for (BaselineSummary s : all) {
      out.printf("%-32s %7d  %-27s %-12s %6d %8d%n", s.name(), s.version(), s.capturedAt(), s.capturedBy(),
          s.assetCount(), s.packageCount());
    }
  }

  static void show(PrintWriter out, Baseline b, boolean packages) {
    out.printf("baseline %s: captured %s%s, %d asset(s), %d package(s)%n", b.label(), b.capturedAt(),
        b.capturedBy().isEmpty() ? "" : " by " + b.capturedBy(), b.assets().size(), b.packageCount());
    b.assetsByRole().forEach((role, names) ->
        out.printf("  %s: %s%n", role.isEmpty() ? "named" : "role " + role, String.join(", ", names)));
    for (BaselineAsset a : b.assets()) {
      out.printf("  %s (inventory revision %d, %s): %d package(s), %d setting(s)%n", a.name(), a.revision(),
          a.os() == null ? "no OS" : a.os().id() + " " + a.os().versionId(), a.packages().size(), a.settings().size());
      a.settings().forEach((k, v) -> out.printf("      %s = %s%n", k, v));
      if (packages) {
        a.packages().forEach(p -> out.printf("      %s %s %s%n", p.ecosystem(), p.name(), p.version()));
      }
    }
  }

  static void diff(PrintWriter out, DiffBaselines.Result r) {
    BaselineDiff d = r.diff();
    out.printf("baseline diff %s (A, test) vs %s (B, production)%n", d.a(), d.b());
    out.printf("  A: %s%n  B: %s%n", String.join(", ", r.a().assets().stream().map(BaselineAsset::name).toList()),
        String.join(", ", r.b().assets().stream().map(BaselineAsset::name).toList()));
    section(out, "Vulnerabilities only on B (production)", d.vulnerabilities().stream()
        .filter(v -> v.onlyOn() == Side.B).map(v -> v.id() + "\n        " + String.join("\n        ", v.where())).toList());
    section(out, "Vulnerabilities only on A (test)", d.vulnerabilities().stream()
        .filter(v -> v.onlyOn() == Side.A).map(v -> v.id() + "\n        " + String.join("\n        ", v.where())).toList());
    section(out, "Packages missing on A (only on production)", d.missing().stream().filter(m -> m.onlyOn() == Side.B)
        .map(m -> m.ecosystem() + " " + m.name() + " " + versions(m.versions()) + " on " + String.join(", ", m.assets()))
        .toList());
    section(out, "Packages missing on B (only on test)", d.missing().stream().filter(m -> m.onlyOn() == Side.A)
        .map(m -> m.ecosystem() + " " + m.name() + " " + versions(m.versions()) + " on " + String.join(", ", m.assets()))
        .toList());
    section(out, "Version differences (A relative to B)", d.versions().stream()
        .map(v -> String.format("%-9s %s %s: A %s, B %s", v.direction().name().toLowerCase(Locale.ROOT), v.ecosystem(),
            v.name(), versions(v.aVersions()), versions(v.bVersions()))).toList());
    section(out, "Settings that differ", d.settings().stream()
        .map(s -> s.key() + ": A " + values(s.aValues()) + ", B " + values(s.bValues())).toList());
    out.printf("Summary: %d vulnerabilit(ies) only on B, %d only on A; %d package(s) missing on A, %d on B;"
            + " %d older on A, %d newer on A; %d setting(s) differ%n", d.vulnerabilityCount(Side.B),
        d.vulnerabilityCount(Side.A), d.missingCount(Side.B), d.missingCount(Side.A), d.olderCount(), d.newerCount(),
        d.settings().size());
    out.println("Verdict: " + r.verdict().describe());
  }

  private static void section(PrintWriter out, String title, List<String> lines) {
    out.printf("%s: %d%n", title, lines.size());
    lines.forEach(l -> out.println("    " + l));
  }

  private static String versions(SortedSet<String> versions) {
    return String.join(" | ", versions);
  }

  private static String values(SortedSet<String> values) {
    return values.isEmpty() ? "(not set)" : String.join(" | ", values);
  }

  static Map<String, Object> json(BaselineSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("version", s.version());
    m.put("capturedAt", s.capturedAt().toString());
    m.put("capturedBy", s.capturedBy());
    m.put("assets", s.assetCount());
    m.put("packages", s.packageCount());
    return m;
  }

  static Map<String, Object> json(Baseline b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", b.name());
    m.put("version", b.version());
    m.put("capturedAt", b.capturedAt().toString());
    m.put("capturedBy", b.capturedBy());
    m.put("assets", b.assets().stream().map(a -> {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("name", a.name());
      j.put("role", a.role());
      j.put("revision", a.revision());
      j.put("os", a.os() == null ? null : Map.of("id", a.os().id(), "versionId", a.os().versionId(),
          "codename", a.os().codename()));
      j.put("packages", a.packages().stream().map(p -> Map.of("ecosystem", p.ecosystem(), "name", p.name(),
          "version", p.version())).toList());
      j.put("settings", a.settings());
      return j;
    }).toList());
    return m;
  }

  static Map<String, Object> json(DiffBaselines.Result r, DriftPolicy policy) {
    BaselineDiff d = r.diff();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", DIFF_SCHEMA);
    m.put("a", d.a());
    m.put("b", d.b());
    m.put("withinPolicy", r.verdict().withinPolicy());
    m.put("breaches", r.verdict().breaches().stream().map(b -> Map.of("rule", b.rule(), "limit", b.limit(),
        "actual", b.actual())).toList());
    m.put("vulnerabilities", d.vulnerabilities().stream().map(v -> Map.of("id", v.id(), "onlyOn", v.onlyOn().name(),
        "where", v.where())).toList());
    m.put("missingPackages", d.missing().stream().map(p -> Map.of("ecosystem", p.ecosystem(), "name", p.name(),
        "onlyOn", p.onlyOn().name(), "versions", List.copyOf(p.versions()), "assets", p.assets())).toList());
    m.put("versionDifferences", d.versions().stream().map(v -> Map.of("ecosystem", v.ecosystem(), "name", v.name(),
        "direction", v.direction().name(), "a", List.copyOf(v.aVersions()), "b", List.copyOf(v.bVersions()))).toList());
    m.put("settings", d.settings().stream().map(s -> Map.of("key", s.key(), "a", List.copyOf(s.aValues()),
        "b", List.copyOf(s.bValues()), "mustMatch", policy.mustMatch(s.key()))).toList());
    return m;
  }

  static Map<String, Object> json(StagingEvidence e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("change", e.changeId());
    m.put("satisfied", e.satisfied());
    m.put("test", e.test());
    m.put("matchedVersion", e.matchedVersion());
    m.put("patchedVersion", e.patchedVersion());
    m.put("production", e.production());
    m.put("verdict", e.verdict());
    m.put("missing", e.missing());
    m.put("recordedAt", e.recordedAt().toString());
    m.put("recordedBy", e.recordedBy());
    return m;
  }

  /** The staging evidence lines of {@code change show}; nothing when none was recorded. */
  static void evidence(PrintWriter out, List<StagingEvidence> all) {
    if (all.isEmpty()) {
      return;
    }
    out.println("  staging evidence:");
    for (StagingEvidence e : all) {
      out.println("    " + e.describe());
    }
  }
}
