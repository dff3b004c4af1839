package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.patchwarden.match.TrackedFinding;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden findings mark}: state that a finding does not affect its asset, or take it back. */
@Command(
    name = "mark",
    mixinStandardHelpOptions = true,
    description = {
      "Mark a finding not affected (e.g. a 'verify' finding checked by hand), with a reason, or reopen it.",
      "The mark names who (--by, else $USER) and when, survives rescans and feed re-matches, and keeps the "
          + "finding out of open counts and of assessment; 'findings --status not_affected' lists marked ones."
    })
final class FindingsMarkCommand implements Callable<Integer> {
  @ParentCommand FindingsCommand findings;

  @Parameters(paramLabel = "FINDING_KEY",
      description = "ASSET|ECOSYSTEM|PACKAGE|ADVISORY, as 'findings --json' prints finding_key; quote it in the shell.")
  String key;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  /** Exactly one of the two. */
  static final class Action {
    @Option(names = "--not-affected", required = true,
        description = "The finding does not affect its asset (needs --reason).")
    boolean notAffected;

    @Option(names = "--reopen", required = true,
        description = "Remove the not-affected mark: the finding is open again while it is still found.")
    boolean reopen;
  }

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why the finding does not affect the asset.")
  String reason;

  @Option(names = "--by", paramLabel = "NAME", description = "Who decides (default: $USER).")
  String by;

  @Option(names = "--json", description = "Print the finding's claims as JSON (docs/findings-json.md).")
  boolean json;

  @Override
  public Integer call() {
    List<TrackedFinding> claims;
    try {
      if (action.notAffected) {
        if (reason == null || reason.isBlank()) {
          throw new CliException(2, "findings mark: --not-affected needs --reason \"why it does not affect "
              + "the asset\"");
        }
        String who = by != null ? by : findings.root.terminal().env().getOrDefault("USER", "");
        if (who.isBlank()) {
          throw new CliException(2, "findings mark: say who decides with --by NAME ($USER is not set)");
        }
        claims = findings.root.app().markFindings().notAffected(key, reason, who);
      } else {
        if (reason != null || by != null) {
          throw new CliException(2, "findings mark: --reason and --by go with --not-affected, not --reopen");
        }
        claims = findings.root.app().markFindings().reopen(key);
      }
    } catch (IllegalArgumentException | NoSuchElementException e) {
      throw new CliException(2, "findings mark: " + e.getMessage());
    }
    PrintWriter out = findings.root.terminal().out();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", FindingJson.FINDINGS_SCHEMA);
      doc.put("findings", claims.stream().map(FindingJson::tracked).toList());
      FindingJson.print(out, doc);
      return 0;
    }
    for (TrackedFinding t : claims) {
      out.printf("%s (%s): %s%s%n", t.finding().key(), t.finding().feedSource(),
          t.status().name().toLowerCase(java.util.Locale.ROOT),
          t.mark() == null ? "" : ", marked by " + t.mark().by() + " at " + t.mark().at() + ": " + t.mark().reason());
    }
    return 0;
  }
}
