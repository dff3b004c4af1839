package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
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

  @Override
  public Integer call() {
    PrintWriter out = root.terminal().out();
    VulnerabilityProfile p = root.app().describeVulnerability().describe(id.strip())
        .orElseThrow(() -> new CliException(1, "no loaded feed knows '" + id + "' ('patchwarden feeds status' lists what is loaded)"));
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
