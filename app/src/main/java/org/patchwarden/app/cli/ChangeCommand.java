package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeConflict;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeWindow;
import org.patchwarden.remediate.IllegalTransition;
import org.patchwarden.remediate.ScannerReport;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.export.AnsiblePlaybookWriter;
import org.patchwarden.formats.scanner.ScannerReports;
import org.patchwarden.remediate.RemediationCommands;
import org.patchwarden.usecase.VerifyChanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden change …}: plan, approve, apply and verify patch changes. */
@Command(name = "change", mixinStandardHelpOptions = true,
    description = {
      "Plan, approve, apply and verify patch changes that fix open findings.",
      "A change upgrades packages on some assets; approvals: never your own change (remediation.approvals:",
      "0, 1 or 2). Recorded as applied, it is verified: each asset's next",
      "inventory (scan or import, which verify automatically) must show every package at or above its fixed",
      "version with no advisory still matching, within remediation.verify-hours (24) of applying, or the",
      "change fails ('revert or investigate', with evidence) or goes unverified. Every step is in 'change audit'."
    },
    subcommands = {ChangeCommand.Plan.class, ChangeCommand.Approve.class, ChangeCommand.Apply.class,
        ChangeCommand.Cancel.class, ChangeCommand.Verify.class, ChangeCommand.Show.class, ChangeCommand.ListChanges.class,
        ChangeCommand.Export.class, ChangeCommand.Metrics.class, ChangeCommand.Audit.class})
final class ChangeCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  /** The change with this id, or a usage error naming the subcommand. */
  Change existing(String subcommand, long id) {
    return root.app().listChanges().find(id)
        .orElseThrow(() -> new CliException(2, "change " + subcommand + ": no change " + id + " ('change list' shows them)"));
  }

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: plan, approve, apply, cancel, verify, show, list, "
        + "export, metrics or audit (see 'patchwarden change --help')");
    return 2;
  }

  /** Runs a step, turning refused input and illegal transitions into exit code 2 and a lost race into 1. */
  static <T> T refused(String command, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalTransition | IllegalArgumentException | NoSuchElementException e) {
      throw new CliException(2, command + ": " + e.getMessage());
    } catch (ChangeConflict e) {
      throw new CliException(1, command + ": " + e.getMessage());
    }
  }

  static void printJson(PrintWriter out, Change c) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", ChangeText.CHANGE_SCHEMA);
    doc.put("change", ChangeText.json(c));
    FindingJson.print(out, doc);
  }

  /** Prints what verification decided, one line per change that it touched. */
  static void printVerification(PrintWriter out, List<VerifyChanges.Result> results) {
    for (VerifyChanges.Result r : results) {
      List<ChangeFinding> decided = r.decided();
      if (decided.isEmpty() && !r.stateChanged()) {
        continue;
      }
      long verified = decided.stream().filter(f -> f.outcome() == ChangeFinding.Outcome.VERIFIED).count();
      out.printf("change %d: %s (%d verified fixed, %d failed in this check)%n", r.after().id(),
          ChangeText.state(r.after()), verified, decided.size() - verified);
      for (ChangeFinding f : decided) {
        if (f.outcome() == ChangeFinding.Outcome.FAILED) {
          out.printf("  FAILED %s: %s%n", f.key(), f.evidence());
        }
      }
    }
  }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      description = {"Propose a change that upgrades the open findings (of --tier) on --assets to the versions",
        "that fix them, and print it with the command per asset. Findings already in an unfinished change are",
        "left out. A tier in remediation.auto-approve-tiers on assets all stated non-production is approved at once."})
  static final class Plan implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Option(names = "--tier", paramLabel = "TIER", description = "Only findings of this tier, e.g. T0.") String tier;
    @Option(names = "--assets", paramLabel = "A,B", split = ",", required = true, description = "The assets, comma-separated.") List<String> assets;
    @Option(names = "--window", paramLabel = "START/END", description = "Planned window, e.g. 2026-12-05T20:00:00Z/2026-12-05T23:00:00Z.") String window;
    @Option(names = "--title", paramLabel = "TEXT", description = "A title (default: tier and assets).") String title;
    @Option(names = "--by", paramLabel = "NAME", description = "Who plans it (default: $USER).") String by;
    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      String who = ChangeText.who(change.root, by, "change plan");
      ChangeWindow w = null;
      if (window != null) {
        String[] parts = window.split("/");
        if (parts.length != 2) {
          throw new CliException(2, "change plan: --window '" + window + "' is not START/END");
        }
        w = refused("change plan", () -> new ChangeWindow(ChangeText.instant(parts[0], "--window"),
            ChangeText.instant(parts[1], "--window")));
      }
      ChangeWindow fw = w;
      Change c = refused("change plan", () -> change.root.app().planChange(policy)
          .plan(tier, assets.stream().map(String::strip).toList(), fw, title, who));
      PrintWriter out = change.root.terminal().out();
      if (json) {
        printJson(out, c);
      } else {
        ChangeText.show(out, c);
      }
      return 0;
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a planned change (not your own).")
  static final class Approve implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Parameters(paramLabel = "ID", description = "The change's id.") long id;
    @Option(names = "--by", paramLabel = "NAME", description = "Who approves (default: $USER).") String by;

    @Override
    public Integer call() {
      String who = ChangeText.who(change.root, by, "change approve");
      Change c = refused("change approve", () -> change.root.app().approveChange().approve(id, who));
      change.root.terminal().out().printf("change %d: %s%n", c.id(), ChangeText.state(c));
      return 0;
    }
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {"Record an approved change as applied: the verification deadline starts",
        "(remediation.verify-hours). A change that failed verification or went unverified may be applied again."})
  static final class Apply implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Parameters(paramLabel = "ID", description = "The change's id.") long id;
    @Option(names = "--by", paramLabel = "NAME", description = "Who applied it (default: $USER).") String by;

    @Override
    public Integer call() {
      String who = ChangeText.who(change.root, by, "change apply");
      Change c = refused("change apply", () -> change.root.app().applyChange().apply(id, who));
      change.root.terminal().out().printf("change %d: %s%n", c.id(), ChangeText.state(c));
      return 0;
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a change that was not applied.")
  static final class Cancel implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Parameters(paramLabel = "ID", description = "The change's id.") long id;
    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why.") String reason;
    @Option(names = "--by", paramLabel = "NAME", description = "Who cancels it (default: $USER).") String by;

    @Override
    public Integer call() {
      String who = ChangeText.who(change.root, by, "change cancel");
      Change c = refused("change cancel", () -> change.root.app().applyChange().cancel(id, who, reason));
      change.root.terminal().out().printf("change %d: %s%n", c.id(), ChangeText.state(c));
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify applied changes (one, or all) against the assets' newest inventories and current",
        "findings; changes whose deadline passed without a rescan become unverified. 'scan' and",
        "'inventory import' run this for the assets they scan."})
  static final class Verify implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Parameters(paramLabel = "ID", arity = "0..1", description = "The change's id (default: every applied change).") Long id;
    @Option(names = "--scanner-report", paramLabel = "FILE", description = {"A Greenbone/OpenVAS XML or Nessus report "
        + "(repeatable): a CVE it still lists on a host named like an asset of the change fails that finding; a host "
        + "it did not reach proves nothing."}) List<Path> scannerReports = new ArrayList<>();

    @Override
    public Integer call() {
      List<ScannerReport> reports = new ArrayList<>();
      for (Path file : scannerReports) {
        try {
          reports.add(ScannerReports.read(file));
        } catch (FeedFormatException | java.io.UncheckedIOException e) {
          throw new CliException(2, "change verify: " + e.getMessage());
        }
      }
      var results = refused("change verify", () -> change.root.app().verifyChanges().verify(id, reports));
      PrintWriter out = change.root.terminal().out();
      printVerification(out, results);
      boolean anythingDecided = results.stream().anyMatch(r -> r.stateChanged() || !r.decided().isEmpty());
      if (id != null && !anythingDecided) {
        // printVerification already gave the state of a change this check decided something on.
        Change c = change.root.app().listChanges().find(id).orElseThrow();
        out.printf("change %d: %s%n", c.id(), ChangeText.state(c));
      } else if (id == null && !anythingDecided) {
        out.printf("%d applied change(s) checked; nothing new decided%n", results.size());
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a change: state, approvals, commands per asset, findings with evidence, staging evidence ('baseline evidence').")
  static final class Show implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Parameters(paramLabel = "ID", description = "The change's id.") long id;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      Change c = change.existing("show", id);
      var evidence = change.root.app().stagingEvidence(c.id());
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", ChangeText.CHANGE_SCHEMA);
        doc.put("change", ChangeText.json(c));
        doc.put("stagingEvidence", evidence.stream().map(BaselineText::json).toList());
        FindingJson.print(change.root.terminal().out(), doc);
      } else {
        ChangeText.show(change.root.terminal().out(), c);
        BaselineText.evidence(change.root.terminal().out(), evidence);
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List changes, newest first.")
  static final class ListChanges implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Option(names = "--state", paramLabel = "STATE", description = "planned, approved, applied, verified, verification-failed, unverified or cancelled.") String state;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      if (state != null && !List.of("planned", "approved", "applied", "verified", "verification-failed", "unverified",
          "cancelled").contains(state.strip().toLowerCase(java.util.Locale.ROOT))) {
        throw new CliException(2, "change list: --state '" + state + "' is not planned, approved, applied, verified, "
            + "verification-failed, unverified or cancelled");
      }
      List<Change> changes = change.root.app().listChanges().list(state);
      PrintWriter out = change.root.terminal().out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", ChangeText.CHANGE_SCHEMA);
        doc.put("changes", changes.stream().map(ChangeText::json).toList());
        FindingJson.print(out, doc);
        return 0;
      }
      ChangeText.table(out, changes);
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Write a change as an Ansible playbook: one play per asset, apt/dnf/apk tasks with the fixed",
        "versions, the steps no package module applies as debug tasks."})
  static final class Export implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Parameters(paramLabel = "ID", description = "The change's id.") long id;
    @Option(names = "--ansible", paramLabel = "FILE", required = true, description = "The playbook to write.") Path file;

    @Override
    public Integer call() {
      Change c = change.existing("export", id);
      var upgrades = RemediationCommands.upgrades(c);
      try (var out = java.nio.file.Files.newBufferedWriter(file)) {
        AnsiblePlaybookWriter.write(upgrades, out);
      } catch (java.io.IOException e) {
        throw new CliException(1, "change export: cannot write " + file + ": " + e.getMessage());
      }
      change.root.terminal().out().printf("change %d: Ansible playbook written to %s (%d upgrade(s) on %d asset(s))%n",
          c.id(), file, upgrades.size(), c.assets().size());
      return 0;
    }
  }

  @Command(name = "metrics", mixinStandardHelpOptions = true,
      description = "Mean and p90 time from first seen to verified fixed per tier and team, pass rate, unverified changes, time in approval.")
  static final class Metrics implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      var m = change.root.app().listChanges().metrics();
      if (json) {
        FindingJson.print(change.root.terminal().out(), ChangeText.json(m));
      } else {
        ChangeText.metrics(change.root.terminal().out(), m);
      }
      return 0;
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "The append-only audit log: of one change, or everything.")
  static final class Audit implements Callable<Integer> {
    @ParentCommand ChangeCommand change;
    @Parameters(paramLabel = "ID", arity = "0..1", description = "The change's id (default: the whole log).") Long id;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() {
      var entries = change.root.app().listChanges().audit(id);
      PrintWriter out = change.root.terminal().out();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", ChangeText.AUDIT_SCHEMA);
        doc.put("entries", entries.stream().map(ChangeText::json).toList());
        FindingJson.print(out, doc);
        return 0;
      }
      ChangeText.audit(out, entries);
      return 0;
    }
  }
}
