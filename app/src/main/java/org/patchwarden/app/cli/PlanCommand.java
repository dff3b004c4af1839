package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.assess.FixAction;
import org.patchwarden.assess.FixGroup;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.usecase.PlanFixes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden plan}: open findings grouped into the upgrades that close them. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Group open findings into the fixes that close them, most urgent first (top tier, then earliest",
      "due date): per asset and installed package, one upgrade to the highest fixed version needed, which",
      "closes them all. Findings no fixed version closes yet, and KEV-listed products whose affected",
      "versions are unknown (verify by hand), get groups of their own. Below the plan, NO DATA lists the",
      "assets whose packages no loaded data covers (not clean: unknown). The database used is printed on stderr."
    })
final class PlanCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--asset", paramLabel = "NAME", description = "Only this asset's findings (a known asset name).") String asset;
  @Option(names = "--tier", paramLabel = "TIER", description = "Only findings of this tier of the policy, e.g. T0.") String tier;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;
  @Option(names = "--json", description = "Print JSON (docs/plan-json.md).") boolean json;

  @Override
  public Integer call() {
    var assess = root.app().assessFindings(policy);
    FindingOptions.checkAsset(assess, asset);
    String onlyTier = FindingOptions.checkTier(assess, tier);
    List<FixGroup> groups = new PlanFixes(assess).plan(asset, onlyTier);
    LocalDate today = LocalDate.now(root.app().clock());
    List<CoverageGap> gaps = root.app().listCoverageGaps().current(asset);
    PrintWriter out = root.terminal().out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", FindingJson.PLAN_SCHEMA);
      doc.put("today", today.toString());
      doc.put("groups", groups.stream().map(g -> FindingJson.fixGroup(g, today)).toList());
      doc.put("coverage_gaps", gaps.stream().map(FindingJson::coverageGap).toList());
      FindingJson.print(out, doc);
      return 0;
    }
    DatabaseLine.print(root);
    FindingText.plan(out, groups, today, Integer.MAX_VALUE);
    if (!groups.isEmpty()) {
      out.printf("%n%d upgrades close %d findings; %d findings have no fix yet; %d findings to verify (KEV-listed products, affected versions unknown).%n",
          count(groups, FixAction.UPGRADE, false), count(groups, FixAction.UPGRADE, true),
          count(groups, FixAction.NO_FIX_YET, true), count(groups, FixAction.VERIFY, true));
    }
    FindingText.noData(out, gaps);
    return 0;
  }

  private static int count(List<FixGroup> groups, FixAction action, boolean findings) {
    return groups.stream().filter(g -> g.action() == action).mapToInt(g -> findings ? g.findings().size() : 1).sum();
  }
}
