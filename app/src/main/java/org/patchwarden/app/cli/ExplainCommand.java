package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.assess.Signals;
import org.patchwarden.assess.Sourced;
import org.patchwarden.match.FindingFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden explain FINDING|CVE}: the full assessment of findings, with every signal. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain the assessment of one finding (its finding_key, as 'findings --json' prints it) or of",
      "every finding of a vulnerability (CVE-…, DSA-…, GHSA-…): tier, due date, rationale, every signal",
      "value with where it came from, and what was assumed. The database used is printed on stderr."})
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Parameters(paramLabel = "FINDING|CVE",
      description = "A finding key (asset|ecosystem|package|advisory) or an advisory id or alias (CVE-…, DSA-…, GHSA-…).")
  String what;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;
  @Option(names = "--json", description = "Print JSON (docs/explain-json.md).") boolean json;

  @Override
  public Integer call() {
    var assess = root.app().assessFindings(policy);
    String key = what.strip();
    List<PrioritisedFinding> found;
    if (key.contains("|")) {
      String asset = key.substring(0, key.indexOf('|'));
      found = assess.knowsAsset(asset) ? assess.prioritise(new FindingFilter(asset, null, null, null)).stream()
          .filter(p -> p.finding().key().equals(key)).toList() : List.of();
    } else {
      found = assess.prioritise(new FindingFilter(null, null, key, null));
    }
    if (found.isEmpty()) {
      throw new CliException(1, "no finding matches '" + what + "' ('patchwarden findings' lists them)");
    }
    LocalDate today = LocalDate.now(root.app().clock());
    PrintWriter out = root.terminal().out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", FindingJson.EXPLAIN_SCHEMA);
      doc.put("today", today.toString());
      doc.put("findings", found.stream().map(p -> FindingJson.explained(p, today)).toList());
      FindingJson.print(out, doc);
      return 0;
    }
    DatabaseLine.print(root);
    for (PrioritisedFinding p : found) {
      Assessment a = p.assessment();
      var f = p.finding();
      out.printf("%s  [%s]%n", a.findingKey(), FindingJson.lower(p.tracked().status()));
      out.printf("  %s, %s %s (%s)%n", FindingText.change(f), f.advisoryEcosystem(), f.advisoryId(), f.feedSource());
      out.printf("  %s %s, SSVC %s, first seen %s, due %s (%s)%s%n", a.tier(), a.tierName(),
          a.ssvc() == null ? "not evaluated (SSVC data not loaded)" : ssvc(a), a.firstSeen(), a.dueDate(),
          a.dueBasis().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          a.overdue(today) ? ", OVERDUE by " + a.daysOverdue(today) + " days" : "");
      out.println("  rationale: " + FindingText.withoutAssumptions(a));
      out.println("  deciding signals: " + (a.decidingSignals().isEmpty() ? "(default tier)" : String.join(", ", a.decidingSignals())));
      out.println("  signals:");
      signals(out, a.signals());
      a.assumptions().forEach(s -> out.println("  assumed: " + s));
      out.println();
    }
    return 0;
  }

  private static String ssvc(Assessment a) {
    return a.ssvc().outcome() + " (" + a.ssvc().table() + ": " + a.ssvc().inputs().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
  }

  private static void signals(PrintWriter out, Signals s) {
    out.println("    CVEs: " + (s.cveIds().isEmpty() ? "none" : String.join(", ", s.cveIds())));
    out.println("    confidence: " + FindingJson.lower(s.confidence()).replace('_', ' '));
    var c = s.cvss();
    out.println("    CVSS: " + (c == null ? "none stated" : "CVSS " + c.version() + " " + c.score() + " " + c.vector()
        + (c.by().isEmpty() ? "" : " by " + c.by()) + (c.cveId().isEmpty() ? "" : " for " + c.cveId())
        + (c.note().isEmpty() ? "" : " (" + c.note() + ")")));
    out.println("    EPSS: " + (s.epss() == null ? "no score loaded"
        : String.format("%.5f (percentile %.5f) for %s", s.epss().score(), s.epss().percentile(), s.epss().cveId())));
    var k = s.kev();
    out.println("    CISA KEV: " + (k == null ? "not listed" : k.cveId() + " added " + k.dateAdded()
        + (k.dueDate() == null ? ", no due date" : ", due " + k.dueDate())
        + (k.knownRansomware() ? ", known ransomware use" : "") + " (" + k.source() + ")"));
    s.tactics().forEach(t -> out.printf("    ATT&CK: %s → %s %s (%s%s, %s)%n", t.techniqueId(), t.tacticId(), t.tacticName(),
        t.mappingType(), t.strong() ? "" : ", weak", t.cveId()));
    out.println("    exploitation: " + sourced(s.exploitation()));
    out.println("    automatable: " + sourced(s.automatable()));
    out.println("    technical impact: " + sourced(s.technicalImpact()));
    out.println("    fixed version: " + (s.fixAvailable() ? s.fixedVersion() : "none known"));
    out.println("    published: " + (s.published() == null ? "unknown" : s.published().toString().substring(0, 10)));
    var ctx = s.asset();
    out.printf("    asset: %s, %s, team %s, criticality %d, %s%s%n", ctx.assetName(), ctx.environment(),
        ctx.ownerTeam().isEmpty() ? "unknown" : ctx.ownerTeam(), ctx.criticality(),
        ctx.internetFacing() ? "internet-facing" : "not internet-facing", ctx.known() ? "" : " (no asset record: all assumed)");
  }

  private static String sourced(Sourced<?> s) {
    Object v = s.value();
    String value = v instanceof Boolean b ? (b ? "yes" : "no") : v instanceof Enum<?> e ? FindingJson.lower(e) : String.valueOf(v);
    return value + " (" + FindingJson.lower(s.provenance()) + ": " + s.from() + ")";
  }
}
