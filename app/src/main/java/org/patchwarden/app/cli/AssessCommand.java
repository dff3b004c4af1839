package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.patchwarden.assess.ExposureReport;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden assess}: assess every open finding with the policy. */
@Command(
    name = "assess",
    mixinStandardHelpOptions = true,
    description = {
      "Assess every open finding: CVSS (computed from vectors), EPSS, CISA KEV, ATT&CK tactics, SSVC",
      "(CISA's decision table from the loaded SSVC data) and the asset's context decide a tier, a due",
      "date (from when the finding was first seen; an earlier KEV due date wins) and a rationale.",
      "Prints the most urgent findings, then overdue findings and exposure per asset and per team, then",
      "under NO DATA the assets whose packages no loaded data covers (not clean: unknown).",
      "The policy is --policy FILE, else $PATCHWARDEN_HOME/policy.yaml, else the shipped default (docs/policy.md).",
      "The database used is printed on stderr."
    })
final class AssessCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "How many findings to list in detail (default 20, at least 1).") int top;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;
  @Option(names = "--json", description = "Print JSON (docs/assess-json.md): every open finding, and exposure per asset and team.") boolean json;

  @Override
  public Integer call() {
    FindingOptions.checkPositive("--top", top);
    var assess = root.app().assessFindings(policy);
    OwedMatching.warn(root);
    List<PrioritisedFinding> open = assess.prioritise(new FindingFilter(null, null, null, FindingStatus.OPEN));
    LocalDate today = LocalDate.now(root.app().clock());
    ExposureReport exposure = ExposureReport.ofOpen(open.stream().map(PrioritisedFinding::assessment).toList(), today);
    List<CoverageGap> gaps = root.app().listCoverageGaps().current(null);
    PrintWriter out = root.terminal().out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", FindingJson.ASSESSMENT_SCHEMA);
      doc.put("today", today.toString());
      doc.put("findings", open.stream().map(p -> FindingJson.prioritised(p, today)).toList());
      doc.put("by_asset", exposure.byAsset().stream().map(FindingJson::exposure).toList());
      doc.put("by_team", exposure.byTeam().stream().map(FindingJson::exposure).toList());
      doc.put("coverage_gaps", gaps.stream().map(FindingJson::coverageGap).toList());
      FindingJson.print(out, doc);
      return 0;
    }
    DatabaseLine.print(root);
    Map<String, Integer> tiers = new TreeMap<>();
    open.forEach(p -> tiers.merge(p.assessment().tier() + " " + p.assessment().tierName(), 1, Integer::sum));
    out.println("Open findings by tier: " + (tiers.isEmpty() ? "none" : tiers.toString().replaceAll("[{}]", "")));
    FindingText.prioritised(out, open, today, top);
    out.println();
    out.printf("%-28s %6s %9s %12s %14s%n", "ASSET", "OPEN", "PAST DUE", "MAX OVERDUE", "MAX EXPOSURE");
    exposure.byAsset().forEach(g -> out.printf("%-28s %6d %9d %10d d %12d d%n", g.name(), g.open(), g.pastDue(),
        g.maxDaysOverdue(), g.longestExposureDays()));
    out.printf("%n%-28s %6s %9s %12s %14s%n", "TEAM", "OPEN", "PAST DUE", "MAX OVERDUE", "MAX EXPOSURE");
    exposure.byTeam().forEach(g -> out.printf("%-28s %6d %9d %10d d %12d d%n", g.name(), g.open(), g.pastDue(),
        g.maxDaysOverdue(), g.longestExposureDays()));
    FindingText.noData(out, gaps);
    return 0;
  }
}
