package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden findings}: list tracked findings with filters. */
@Command(
    name = "findings",
    mixinStandardHelpOptions = true,
    subcommands = {FindingsMarkCommand.class},
    description = {
      "List tracked findings (open by default), most urgent first when assessed.",
      "--tier and --overdue assess the findings with the policy (see 'patchwarden assess')."
    })
final class FindingsCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--asset", paramLabel = "NAME") String asset;
  @Option(names = "--package", paramLabel = "NAME", description = "Installed or matched (source) package name.") String pkg;
  @Option(names = "--cve", paramLabel = "ID", description = "An advisory id or alias: CVE-…, DSA-…, GHSA-…") String cve;
  @Option(names = "--kev", description = "Only vulnerabilities in CISA KEV.") boolean kevOnly;
  @Option(names = "--status", paramLabel = "STATUS", defaultValue = "open", description = "open (default), fixed, retracted, not_affected or all.") String status;
  @Option(names = "--tier", paramLabel = "TIER", description = "Only this tier, e.g. T0.") String tier;
  @Option(names = "--overdue", description = "Only findings past their due date.") boolean overdue;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;
  @Option(names = "--json", description = "Print JSON (docs/findings-json.md).") boolean json;

  @Override
  public Integer call() {
    FindingStatus wanted = switch (status.toLowerCase(Locale.ROOT)) {
      case "open" -> FindingStatus.OPEN;
      case "fixed" -> FindingStatus.FIXED;
      case "retracted" -> FindingStatus.RETRACTED;
      case "not_affected", "not-affected" -> FindingStatus.NOT_AFFECTED;
      case "all" -> null;
      default -> throw new CliException(2, "--status '" + status + "' is not open, fixed, retracted, not_affected or all");
    };
    FindingFilter filter = new FindingFilter(asset, pkg, cve, wanted);
    PrintWriter out = root.terminal().out();
    if (tier == null && !overdue) {
      List<TrackedFinding> list = root.app().listFindings().list(filter, kevOnly);
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", FindingJson.FINDINGS_SCHEMA);
        doc.put("findings", list.stream().map(FindingJson::tracked).toList());
        FindingJson.print(out, doc);
        return 0;
      }
      out.printf("%-22s %-28s %-24s %-26s %-20s %-10s %s%n", "ASSET", "ADVISORY", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "FIRST SEEN");
      for (TrackedFinding t : list) {
        var f = t.finding();
        out.printf("%-22s %-28s %-24s %-26s %-20s %-10s %s%n", f.assetName(), FindingJson.cves(f), f.installed().name(),
            f.installed().version(), FindingJson.orDash(f.fixedVersion()), t.status().name().toLowerCase(Locale.ROOT),
            t.firstSeen().toString().substring(0, 10));
        if (t.mark() != null) {
          out.printf("  not affected: %s (%s, %s)%n", t.mark().reason(), t.mark().by(), t.mark().at());
        }
      }
      out.printf("%d findings%n", list.size());
      return 0;
    }
    LocalDate today = LocalDate.now(root.app().clock());
    List<AssessedFinding> assessed = root.app().assessFindings(policy).assess(filter).stream()
        .filter(a -> tier == null || a.assessment().tier().equalsIgnoreCase(tier))
        .filter(a -> !overdue || a.assessment().overdue(today))
        .filter(a -> !kevOnly || a.assessment().signals().inKev())
        .toList();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", FindingJson.FINDINGS_SCHEMA);
      doc.put("today", today.toString());
      doc.put("findings", assessed.stream().map(a -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finding_key", a.assessment().findingKey());
        m.put("asset", a.assessment().assetName());
        m.put("advisory_id", a.assessment().advisoryId());
        m.put("status", a.status().name().toLowerCase(Locale.ROOT));
        m.putAll(FindingJson.assessment(a.assessment()));
        m.put("days_overdue", a.assessment().daysOverdue(today));
        return m;
      }).toList());
      FindingJson.print(out, doc);
      return 0;
    }
    AssessCommand.printAssessments(out, assessed.stream().map(AssessedFinding::assessment).toList(), today, Integer.MAX_VALUE);
    return 0;
  }
}
