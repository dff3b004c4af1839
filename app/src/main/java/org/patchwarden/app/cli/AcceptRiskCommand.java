package org.patchwarden.app.cli;

import java.util.concurrent.Callable;
import org.patchwarden.remediate.RiskAcceptance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden accept-risk}: accept an open finding's risk until an expiry. */
@Command(name = "accept-risk", mixinStandardHelpOptions = true,
    description = {"Accept the risk of an open finding, with a reason, who accepts it, and an expiry: it is listed",
      "as risk-accepted ('findings --status risk-accepted') until then, and open again after. Recorded in the audit log."})
final class AcceptRiskCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;
  @Parameters(paramLabel = "FINDING_KEY", description = "ASSET|ECOSYSTEM|PACKAGE|ADVISORY, as 'findings --json' prints finding_key.") String key;
  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why the risk is accepted.") String reason;
  @Option(names = "--by", paramLabel = "NAME", description = "Who accepts it (default: $USER).") String by;
  @Option(names = "--until", paramLabel = "DATE", required = true, description = "Expiry: 2027-01-31 or 2027-01-31T00:00:00Z.") String until;

  @Override
  public Integer call() {
    String who = ChangeText.who(root, by, "accept-risk");
    RiskAcceptance a = ChangeCommand.refused("accept-risk",
        () -> root.app().acceptRisk().accept(key, reason, who, ChangeText.instant(until, "--until")));
    root.terminal().out().printf("%s: risk accepted by %s until %s: %s%n", a.key(), a.approver(), a.until(), a.reason());
    return 0;
  }
}
