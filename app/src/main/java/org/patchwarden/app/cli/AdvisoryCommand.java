package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.Severity;
import org.patchwarden.advisory.TechniqueUse;
import org.patchwarden.advisory.VulnerabilityProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden advisory ID}: one vulnerability as every loaded feed describes it. */
@Command(
    name = "advisory",
    mixinStandardHelpOptions = true,
    description = {
      "Show one vulnerability as every loaded feed describes it: the records of each source (merged",
      "through aliases: CVE, GHSA, GO, PYSEC, DSA/DLA, ALSA …), its CISA KEV entry, EPSS score, and the",
      "ATT&CK techniques and tactics it enables."
    })
final class AdvisoryCommand implements Callable<Integer> {
  private static final int MAX_PACKAGES = 20;

  @ParentCommand PatchwardenCommand root;

  @Parameters(paramLabel = "ID", description = "CVE-…, GHSA-…, GO-…, PYSEC-…, DSA-…, ALSA-… as the feeds spell it.")
  String id;

  @Option(names = "--all", description = "List every affected package (default: the first " + MAX_PACKAGES + " per record).")
  boolean all;

  @Option(names = "--json", description = "Print JSON (docs/advisory-json.md); every affected package is listed.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = root.terminal().out();
    VulnerabilityProfile p = root.app().describeVulnerability().describe(id.strip())
        .orElseThrow(() -> new CliException(1, "no loaded feed knows '" + id + "' ('patchwarden feeds status' lists what is loaded)"));
    if (json) {
      FindingJson.print(out, json(p));
      return 0;
    }
    DatabaseLine.print(root);
    out.println(p.id() + (p.advisory() == null ? "" : "  (ids: " + String.join(", ", p.advisory().ids().stream().sorted().toList()) + ")"));
    if (p.advisory() != null) {
      p.advisory().records().stream().filter(r -> r.id().equals(id.strip())).findFirst().ifPresent(r -> {
        List<String> cves = r.aliases().stream().filter(a -> a.startsWith("CVE-")).sorted().toList();
        if (cves.size() > 1) {
          out.println("  " + r.id() + " covers " + cves.size() + " CVEs (" + String.join(", ", cves) + "); showing "
              + p.id() + ", ask for another by its CVE id");
        }
      });
    }
    if (p.kev() != null) {
      var k = p.kev();
      out.printf("CISA KEV: added %s, due %s, ransomware use: %s%n  %s — %s %s%n  required action: %s%n", k.dateAdded(),
          k.dueDate(), k.ransomwareUse(), k.vulnerabilityName(), k.vendorProject(), k.product(), k.requiredAction());
    } else {
      out.println("CISA KEV: not listed");
    }
    out.println(p.epss() == null ? "EPSS: no score loaded"
        : String.format("EPSS: %.5f (percentile %.5f)", p.epss().score(), p.epss().percentile()));
    if (p.techniques().isEmpty()) {
      out.println("ATT&CK: no technique mapping loaded");
    }
    for (TechniqueUse t : p.techniques()) {
      out.printf("ATT&CK: %s %s [%s]%s%n", t.mapping().techniqueId(), t.technique() == null ? "(unknown technique)" : t.technique().name(),
          t.mapping().mappingType(), t.tactics().isEmpty() ? ""
              : " -> " + t.tactics().stream().map(a -> a.name() + " " + a.id()).collect(Collectors.joining(", ")));
    }
    if (p.advisory() != null) {
      for (AdvisoryRecord r : p.advisory().records()) {
        printRecord(out, r);
      }
    }
    return 0;
  }

  static Map<String, Object> json(VulnerabilityProfile p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", FindingJson.ADVISORY_SCHEMA);
    m.put("id", p.id());
    m.put("ids", p.advisory() == null ? List.of(p.id()) : p.advisory().ids().stream().sorted().toList());
    m.put("kev", p.kev() == null ? null : kev(p.kev()));
    m.put("epss", p.epss() == null ? null : FindingJson.epss(p.epss()));
    m.put("techniques", p.techniques().stream().map(t -> {
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("technique_id", t.mapping().techniqueId());
      u.put("technique_name", t.technique() == null ? "" : t.technique().name());
      u.put("mapping_type", t.mapping().mappingType());
      u.put("tactics", t.tactics().stream().map(a -> Map.of("id", a.id(), "name", a.name())).toList());
      return u;
    }).toList());
    m.put("records", p.advisory() == null ? List.of() : p.advisory().records().stream().map(AdvisoryCommand::record).toList());
    return m;
  }

  private static Map<String, Object> kev(KevEntry k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cve_id", k.cveId());
    m.put("vendor_project", k.vendorProject());
    m.put("product", k.product());
    m.put("vulnerability_name", k.vulnerabilityName());
    m.put("date_added", String.valueOf(k.dateAdded()));
    m.put("due_date", k.dueDate() == null ? "" : k.dueDate().toString());
    m.put("ransomware_use", k.ransomwareUse());
    m.put("required_action", k.requiredAction());
    return m;
  }

  private static Map<String, Object> record(AdvisoryRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", r.source());
    m.put("id", r.id());
    m.put("aliases", r.aliases().stream().sorted().toList());
    m.put("summary", r.summary());
    m.put("published", r.published() == null ? "" : r.published().toString());
    m.put("modified", r.modified() == null ? "" : r.modified().toString());
    m.put("withdrawn", r.withdrawn());
    m.put("severities", r.severities().stream().map(s -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("type", s.type());
      v.put("vector", s.vector());
      v.put("score", s.score());
      v.put("by", s.by());
      return v;
    }).toList());
    m.put("cwes", r.cwes());
    m.put("affected", r.affected().stream().map(a -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("ecosystem", a.ecosystem());
      v.put("name", a.name());
      v.put("purl", a.purl() == null ? "" : a.purl());
      v.put("status", FindingJson.lower(a.status()));
      v.put("ranges", a.ranges().stream().map(AdvisoryCommand::range).toList());
      v.put("versions", a.versions());
      v.put("note", a.note());
      return v;
    }).toList());
    return m;
  }

  private static Map<String, Object> range(AffectedRange r) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (r) {
      case AffectedRange.Events e -> {
        m.put("type", e.type());
        m.put("events", e.events().stream().map(ev -> Map.of(ev.kind().field(), ev.version())).toList());
      }
      case AffectedRange.CpeMatch c -> {
        m.put("type", "cpe");
        m.put("criteria", c.criteria());
        m.put("start_including", Objects.toString(c.startIncluding(), ""));
        m.put("start_excluding", Objects.toString(c.startExcluding(), ""));
        m.put("end_including", Objects.toString(c.endIncluding(), ""));
        m.put("end_excluding", Objects.toString(c.endExcluding(), ""));
      }
    }
    return m;
  }

  private void printRecord(PrintWriter out, AdvisoryRecord r) {
    out.printf("%n[%s] %s%s%s%s%n", r.source(), r.id(), r.withdrawn() ? "  WITHDRAWN" : "",
        r.published() == null ? "" : "  published " + r.published(), r.modified() == null ? "" : "  modified " + r.modified());
    if (!r.summary().isBlank()) {
      out.println("  " + oneLine(r.summary()));
    }
    if (!r.aliases().isEmpty()) {
      out.println("  aliases: " + String.join(", ", r.aliases().stream().sorted().toList()));
    }
    for (Severity s : r.severities()) {
      out.printf("  %s %s%s%s%n", s.type(), s.vector(), s.score() == null ? "" : " " + s.score(), s.by().isEmpty() ? "" : " (by " + s.by() + ")");
    }
    if (!r.cwes().isEmpty()) {
      out.println("  " + String.join(", ", r.cwes()));
    }
    List<AffectedPackage> affected = r.affected();
    int shown = all ? affected.size() : Math.min(MAX_PACKAGES, affected.size());
    for (AffectedPackage a : affected.subList(0, shown)) {
      out.printf("  %s %s %s%s%s%n", a.ecosystem(), a.name(), a.status(), ranges(a),
          a.note().isEmpty() ? "" : "  (" + oneLine(a.note()) + ")");
    }
    if (shown < affected.size()) {
      out.printf("  … %d more affected packages (--all lists them)%n", affected.size() - shown);
    }
  }

  private static String ranges(AffectedPackage a) {
    StringBuilder s = new StringBuilder();
    for (AffectedRange r : a.ranges()) {
      s.append(' ');
      switch (r) {
        case AffectedRange.Events e -> s.append(e.events().stream()
            .map(ev -> ev.kind().field() + " " + ev.version()).collect(Collectors.joining(", ", "{", "}")));
        case AffectedRange.CpeMatch c -> s.append(c.startIncluding() != null ? "[" + c.startIncluding()
                : c.startExcluding() != null ? "(" + c.startExcluding() : "(")
            .append(",")
            .append(c.endIncluding() != null ? c.endIncluding() + "]" : c.endExcluding() != null ? c.endExcluding() + ")" : ")")
            .append(c.cpeVersion().equals("*") ? "" : " version " + c.cpeVersion());
      }
    }
    if (!a.versions().isEmpty()) {
      s.append(" versions ").append(String.join(", ", a.versions().subList(0, Math.min(10, a.versions().size()))))
          .append(a.versions().size() > 10 ? " …" : "");
    }
    return s.toString();
  }

  private static String oneLine(String s) {
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() > 200 ? flat.substring(0, 199) + "…" : flat;
  }
}
