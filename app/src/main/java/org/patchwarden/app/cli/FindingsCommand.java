package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden findings}: list tracked findings with filters, most urgent first. */
@Command(
    name = "findings",
    mixinStandardHelpOptions = true,
    subcommands = {FindingsMarkCommand.class},
    description = {
      "List tracked findings (open by default), most urgent first: by tier, then due date (see",
      "'patchwarden assess' for how the policy decides both). Each line names the package, the installed",
      "version, the version that fixes it and the CVEs; assumptions are listed once below the table, and",
      "below them, under NO DATA, the assets whose packages no loaded data covers (not clean: unknown).",
      "The database used is printed on stderr."
    })
final class FindingsCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--asset", paramLabel = "NAME", description = "Only this asset's findings (a known asset name).") String asset;
  @Option(names = "--package", paramLabel = "NAME", description = "Installed or matched (source) package name.") String pkg;
  @Option(names = "--cve", paramLabel = "ID", description = "An advisory id or alias: CVE-…, DSA-…, GHSA-…") String cve;
  @Option(names = "--kev", description = "Only vulnerabilities in CISA KEV.") boolean kevOnly;
  @Option(names = "--status", paramLabel = "STATUS", defaultValue = "open", description = "open (default), fixed, retracted, not_affected or all; "
      + "or where it stands in remediation: planned, applied, verified, failed, risk-accepted, false-positive.") String status;
  @Option(names = "--tier", paramLabel = "TIER", description = "Only this tier of the policy, e.g. T0.") String tier;
  @Option(names = "--overdue", description = "Only findings past their due date.") boolean overdue;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;
  @Option(names = "--json", description = "Print JSON (docs/findings-json.md).") boolean json;

  /** The statuses only the remediation loop knows (the others are the finding's own). */
  private static final java.util.Set<org.patchwarden.remediate.RemediationStatus> REMEDIATION = java.util.EnumSet.of(
      org.patchwarden.remediate.RemediationStatus.PLANNED, org.patchwarden.remediate.RemediationStatus.APPLIED,
      org.patchwarden.remediate.RemediationStatus.VERIFIED, org.patchwarden.remediate.RemediationStatus.FAILED,
      org.patchwarden.remediate.RemediationStatus.RISK_ACCEPTED, org.patchwarden.remediate.RemediationStatus.FALSE_POSITIVE);

  /**
   * Only the findings in {@code remediation}; or, for open findings, those not planned, applied or
   * risk-accepted (a failed one is open again). Unchanged when no change or acceptance exists.
   */
  private List<PrioritisedFinding> inRemediation(List<PrioritisedFinding> list,
      org.patchwarden.remediate.RemediationStatus remediation, FindingStatus wanted) {
    if (remediation == null && wanted != FindingStatus.OPEN) {
      return list;
    }
    var changes = root.app().listChanges();
    if (!changes.anyRemediation()) {
      return remediation == null ? list : List.of();
    }
    var statuses = changes.statuses(list.stream().map(PrioritisedFinding::tracked).toList());
    return list.stream().filter(p -> {
      var s = statuses.get(p.finding().key());
      return remediation != null ? s == remediation
          : s == org.patchwarden.remediate.RemediationStatus.OPEN || s == org.patchwarden.remediate.RemediationStatus.FAILED;
    }).toList();
  }

  @Override
  public Integer call() {
    var remediation = org.patchwarden.remediate.RemediationStatus.parse(status)
        .filter(r -> REMEDIATION.contains(r)).orElse(null);
    FindingStatus wanted = remediation != null ? null : switch (status.toLowerCase(Locale.ROOT)) {
      case "open" -> FindingStatus.OPEN;
      case "fixed" -> FindingStatus.FIXED;
      case "retracted" -> FindingStatus.RETRACTED;
      case "not_affected", "not-affected" -> FindingStatus.NOT_AFFECTED;
      case "all" -> null;
      default -> throw new CliException(2, "--status '" + status + "' is not open, fixed, retracted, not_affected, all, "
          + "planned, applied, verified, failed, risk-accepted or false-positive");
    };
    var assess = root.app().assessFindings(policy);
    org.patchwarden.app.StartupTrace.mark("assessment policy ready");
    OwedMatching.warn(root);
    FindingOptions.checkAsset(assess, asset);
    String onlyTier = FindingOptions.checkTier(assess, tier);
    LocalDate today = LocalDate.now(root.app().clock());
    List<PrioritisedFinding> list = assess.prioritise(new FindingFilter(asset, pkg, cve, wanted)).stream()
        .filter(p -> onlyTier == null || p.assessment().tier().equals(onlyTier))
        .filter(p -> !overdue || p.tracked().status() == FindingStatus.OPEN && p.assessment().overdue(today))
        .filter(p -> !kevOnly || p.assessment().signals().inKev())
        .toList();
    org.patchwarden.app.StartupTrace.mark("findings read and assessed");
    list = inRemediation(list, remediation, wanted);
    List<CoverageGap> gaps = root.app().listCoverageGaps().current(asset);
    PrintWriter out = root.terminal().out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", FindingJson.FINDINGS_SCHEMA);
      doc.put("today", today.toString());
      doc.put("findings", FindingJson.rendered(list, p -> FindingJson.prioritised(p, today)));
      doc.put("coverage_gaps", gaps.stream().map(FindingJson::coverageGap).toList());
      FindingJson.print(out, doc);
      return 0;
    }
    org.patchwarden.app.StartupTrace.mark("remediation and coverage gaps read");
    DatabaseLine.print(root);
    FindingText.table(out, list, today);
    FindingText.noData(out, gaps);
    org.patchwarden.app.StartupTrace.mark("printed");
    return 0;
  }
}
