package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.assess.Assessment;
import org.patchwarden.match.FindingFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden explain FINDING|CVE}: the full assessment of findings, with every signal. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain the assessment of one finding (its key, as 'findings --json' prints it) or of every",
      "finding of a vulnerability (CVE-…, DSA-…, GHSA-…): tier, due date, rationale, every signal value",
      "with where it came from, and what was assumed."})
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Parameters(paramLabel = "FINDING|CVE") String what;
  @Option(names = "--policy", paramLabel = "FILE") Path policy;
  @Option(names = "--json", description = "Print JSON.") boolean json;

  @Override
  public Integer call() {
    var assess = root.app().assessFindings(policy);
    List<AssessedFinding> found;
    if (what.contains("|")) {
      String asset = what.substring(0, what.indexOf('|'));
      found = assess.assess(new FindingFilter(asset, null, null, null)).stream()
          .filter(a -> a.assessment().findingKey().equals(what)).toList();
    } else {
      found = assess.assess(new FindingFilter(null, null, what, null));
    }
    if (found.isEmpty()) {
      throw new CliException(1, "no finding matches '" + what + "' ('patchwarden findings' lists them)");
    }
    LocalDate today = LocalDate.now(root.app().clock());
    PrintWriter out = root.terminal().out();
    if (json) {
      FindingJson.print(out, found.stream().map(a -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finding_key", a.assessment().findingKey());
        m.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
        m.putAll(FindingJson.assessment(a.assessment()));
        m.put("signals", a.assessment().signals().toString());
        return m;
      }).toList());
      return 0;
    }
    for (AssessedFinding af : found) {
      Assessment a = af.assessment();
      out.printf("%s  [%s]%n", a.findingKey(), af.status().name().toLowerCase(java.util.Locale.ROOT));
      out.printf("  %s %s, SSVC %s, first seen %s, due %s (%s)%s%n", a.tier(), a.tierName(),
          a.ssvc() == null ? "not evaluated (SSVC data not loaded)" : a.ssvc(), a.firstSeen(), a.dueDate(), a.dueBasis(),
          a.overdue(today) ? ", OVERDUE by " + a.daysOverdue(today) + " days" : "");
      out.println("  rationale: " + a.rationale());
      out.println("  deciding signals: " + (a.decidingSignals().isEmpty() ? "(default tier)" : String.join(", ", a.decidingSignals())));
      out.println("  signals: " + a.signals());
      a.assumptions().forEach(s -> out.println("  assumed: " + s));
      out.println();
    }
    return 0;
  }
}
