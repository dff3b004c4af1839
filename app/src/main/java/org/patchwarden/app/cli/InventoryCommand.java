package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.app.inventory.FleetDirectory;
import java.util.concurrent.Callable;
import org.patchwarden.usecase.ScanAssets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden inventory …}: load a fleet's inventories. */
@Command(name = "inventory", mixinStandardHelpOptions = true, description = "Load a fleet's inventories.",
    subcommands = {InventoryCommand.Import.class, InventoryCommand.History.class})
final class InventoryCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: import or history (see 'patchwarden inventory --help')");
    return 2;
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import a fleet directory (layout in docs/inventory-import.md):",
        "  DIR/assets.csv or DIR/assets.yaml: every asset with its context (environment,",
        "    owner team, criticality, internet exposure, tags), for appliances vendor/product/version",
        "  DIR/<asset>/: that asset's inventory files (os-release, dpkg status, rpm-qa.txt,",
        "    apk installed, SBOMs, lockfiles …)",
        "Each asset gets a new inventory revision: its folder's ecosystems replace the previous ones,",
        "other packages (and the OS when there is no os-release) are kept; an unchanged inventory adds",
        "none. The fleet is matched together (shared packages once). Over " + ImportSummary.LISTED
            + " assets it prints a summary",
        "(totals, top assets by findings and KEV, note counts); --verbose lists every asset and note."
      })
  static final class Import implements Callable<Integer> {
    @ParentCommand InventoryCommand inventory;

    @Parameters(paramLabel = "DIR", description = "The fleet directory.")
    Path dir;

    @Option(names = "--json", description = "Print JSON instead of a summary.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "List every asset and note (fleets of more than "
        + ImportSummary.LISTED + " assets get a summary by default).")
    boolean verbose;

    @Override
    public Integer call() {
      if (!Files.isDirectory(dir)) {
        throw new CliException(2, "no such directory: " + dir);
      }
      var app = inventory.root.app();
      PrintWriter out = inventory.root.terminal().out();
      PrintWriter err = inventory.root.terminal().err();
      FleetDirectory.Groups groups;
      try {
        groups = FleetDirectory.groups(dir, app.scanAssets()::matchedRawDigests, FleetDirectory.GROUP);
      } catch (IllegalArgumentException e) {
        throw new CliException(2, e.getMessage());
      }
      OwedMatching.complete(inventory.root);
      // the fleet streams through read -> record -> match -> write a group at a time; a summary keeps
      // a few figures per asset (unchanged assets' findings counted in the store, not read back),
      // the listing and --json every report
      boolean summary = !json && !verbose && groups.listed() > ImportSummary.LISTED;
      // the summary's MOST URGENT column assesses its top assets: the policy and the assessment's
      // classes (~1,300, mostly Jackson) are prepared on another core while the fleet is imported,
      // a quarter of an unchanged re-import's time otherwise
      java.util.concurrent.FutureTask<org.patchwarden.usecase.AssessFindings> assessing =
          new java.util.concurrent.FutureTask<>(() -> app.assessFindings(null));
      if (summary) {
        Thread.ofPlatform().name("patchwarden:assess-prepare").daemon().start(assessing);
      }
      ImportSummary.Tally tally = summary ? new ImportSummary.Tally() : null;
      List<ScanAssets.AssetReport> reports = new java.util.ArrayList<>();
      List<org.patchwarden.usecase.VerifyChanges.Result> verified;
      int[] imported = {0};
      try (groups) {
        verified = app.recordInventory().recordGroups(groups, summary, c -> {
          imported[0]++;
          c.report().warnings().forEach(w -> err.println("warning: " + w));
          if (summary) {
            tally.add(c);
          } else {
            reports.add(c.report());
          }
        });
      } catch (IllegalArgumentException | org.patchwarden.feed.FeedFormatException e) {
        // a file refused (its name, line and reason in the message) stops the import at its group
        throw new CliException(2, e.getMessage() + partly(imported[0], groups.listed()));
      } catch (java.io.UncheckedIOException e) {
        // "cannot read FILE: reason": the operator's input to fix, as a refused file is
        throw new CliException(2, e.getMessage() + ": " + reason(e.getCause()) + partly(imported[0], groups.listed()));
      }
      Map<String, List<String>> notes = groups.notes();
      if (summary) {
        // the top assets' most urgent open findings: one read and one assessment of a few assets
        tally.print(out, notes, prepared(assessing).mostUrgentOpen(tally.topAssets()),
            java.time.LocalDate.now(app.clock()));
        ChangeCommand.printVerification(out, verified);
        return 0;
      }
      if (json) {
        ChangeCommand.printVerification(inventory.root.terminal().err(), verified);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", FindingJson.SCAN_SCHEMA);
        doc.put("assets", reports.stream().map(r -> {
          Map<String, Object> a = new LinkedHashMap<>();
          a.put("asset", r.asset().name());
          a.put("inventory_revision", r.inventory().revision());
          a.put("os", FindingJson.os(r.inventory().os()));
          a.put("packages", r.packageCount());
          a.put("findings", r.findings().stream().map(FindingJson::finding).toList());
          a.put("gaps", r.gaps().stream().map(FindingJson::gap).toList());
          a.put("notes", notes.getOrDefault(r.asset().name(), List.of()));
          a.put("unchanged", r.unchanged());
          a.put("warnings", r.warnings());
          return a;
        }).toList());
        FindingJson.print(out, doc);
        return 0;
      }
      out.printf("%-28s %4s %9s %9s %6s %6s  %s%n", "ASSET", "REV", "PACKAGES", "FINDINGS", "NEW", "FIXED", "NO DATA");
      for (var r : reports) {
        out.printf("%-28s %4d %9d %9d %6d %6d  %s%n", r.asset().name(), r.inventory().revision(),
            r.packageCount(), r.findings().size(), r.update().opened(), r.update().closed(),
            String.join("; ", r.gaps().stream().map(g -> g.advisoryEcosystem() + " (" + g.packages() + ")").toList()));
      }
      notes.forEach((asset, ns) -> ns.forEach(n -> out.println("note: " + asset + ": " + n)));
      ChangeCommand.printVerification(out, verified);
      return 0;
    }
  }

  /** What a preparing thread made, or its failure as the command's own (a policy file refused, say). */
  private static <T> T prepared(java.util.concurrent.FutureTask<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the summary", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Why a file could not be read, in words: the JDK's file exceptions carry only the path. */
  private static String reason(java.io.IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file (removed while importing?)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** What an import refused mid-way had done: the groups before the refused one are imported. */
  private static String partly(int imported, int listed) {
    return imported == 0 ? "" : " (" + imported + " of " + listed + " assets, whole groups, were imported before it)";
  }

  @Command(name = "history", mixinStandardHelpOptions = true,
      description = {"Show an asset's inventory revisions and which packages each one added, removed or changed",
        "(the first revision's packages, and more than 20 changes per revision, with --all)."})
  static final class History implements Callable<Integer> {
    @ParentCommand InventoryCommand inventory;

    @Parameters(paramLabel = "ASSET", description = "The asset's name.") String asset;

    @Option(names = "--all", description = "List every change (default: at most 20 per revision).") boolean all;

    @Override
    public Integer call() {
      var revisions = inventory.root.app().inventoryHistory().history(asset);
      if (revisions.isEmpty()) {
        throw new CliException(1, "asset '" + asset + "' has no inventory ('patchwarden scan' or 'inventory import' makes one)");
      }
      PrintWriter out = inventory.root.terminal().out();
      for (var r : revisions) {
        out.printf("revision %d, scanned %s: %d packages, %d changes%n", r.revision(), r.scannedAt(), r.packages(),
            r.changes().size());
        int shown = 0;
        for (var c : r.changes()) {
          if (!all && r.revision() > 1 && shown++ >= 20 || !all && r.revision() == 1) {
            break;
          }
          out.printf("  %-8s %-4s %-32s %s%n", c.kind(), c.ecosystem(), c.name(),
              c.from().isEmpty() ? c.to() : c.to().isEmpty() ? c.from() : c.from() + " -> " + c.to());
        }
      }
      return 0;
    }
  }
}
