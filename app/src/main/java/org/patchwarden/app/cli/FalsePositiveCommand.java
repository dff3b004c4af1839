package org.patchwarden.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden false-positive}: a finding that is not real, with a reason. */
@Command(name = "false-positive", mixinStandardHelpOptions = true,
    description = {"Mark a finding a false positive, with a reason: it leaves open counts and assessment, stays",
      "marked across rescans ('findings --status false-positive'; 'findings mark --reopen' takes it back), and the",
      "audit log records it."})
final class FalsePositiveCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;
  @Parameters(paramLabel = "FINDING_KEY", description = "ASSET|ECOSYSTEM|PACKAGE|ADVISORY, as 'findings --json' prints finding_key.") String key;
  @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why it is not real.") String reason;
  @Option(names = "--by", paramLabel = "NAME", description = "Who decides (default: $USER).") String by;

  @Override
  public Integer call() {
    String who = ChangeText.who(root, by, "false-positive");
    var claims = ChangeCommand.refused("false-positive", () -> root.app().acceptRisk().falsePositive(key, reason, who));
    root.terminal().out().printf("%s: false positive (%d claim(s)), marked by %s: %s%n", key, claims.size(), who,
        reason.strip());
    return 0;
  }
}
