package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.patchwarden.app.feeds.FeedLoader;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.app.inventory.CollectedInventory;
import org.patchwarden.app.inventory.FleetDirectory;
import org.patchwarden.app.inventory.LocalHost;
import org.patchwarden.usecase.DescribeKevCatalog;
import org.patchwarden.usecase.ScanAssets;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The main job on the bundled snapshot: extract the bundled feeds, load them exactly as {@code
 * feeds load} would, and show what the store now holds.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Patchwarden end to end on the bundled snapshot (no network, no ../shared needed):",
      "extract the bundled real feeds (CISA KEV 2025.08.25, EPSS, ATT&CK, KEV->ATT&CK mappings, SSVC,",
      "OSV and Debian slices) to $PATCHWARDEN_HOME/demo-feeds and load them; import a small demo fleet",
      "(Debian web servers, an AlmaLinux host, Python and Go services, a PAN-OS firewall, an Ivanti EPMM",
      "server), scan this machine, assess every finding and print the ten most urgent."
    })
final class DemoCommand implements Callable<Integer> {
  static final String ROOT = "/demo/feeds/";

  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    PrintWriter out = root.terminal().out();
    var app = root.app();
    out.println("Patchwarden demo: database " + app.config().dbUrl().replaceAll("password=[^&]*", "password=***"));
    Path feeds = extract("feeds", app.config().home().resolve("demo-feeds"));
    out.println("Bundled feeds extracted to " + feeds);
    out.println();

    Progress progress = new Progress(root.terminal().err(), Progress.stderrIsTerminal());
    FeedLoader loader = app.feedLoader(n -> progress.update(n, "records"));
    for (FeedInput input : FeedScanner.scan(feeds).inputs()) {
      progress.start(input.source());
      try {
        FeedsCommand.printUpdate(out, input.source(), loader.load(input, "bundled:" + feeds.relativize(input.paths().get(0))));
      } finally {
        progress.finish();
      }
    }

    DescribeKevCatalog.Description d = app.describeKevCatalog().describe(3).orElseThrow();
    out.println();
    KevText.version(out, d.version());

    Path fleet = extract("fleet", app.config().home().resolve("demo-fleet"));
    out.println();
    out.println("Importing the demo fleet from " + fleet + " and scanning this machine:");
    List<ScanAssets.AssetInventory> inputs = FleetDirectory.read(fleet).inventories();
    try {
      CollectedInventory self = LocalHost.collect(Path.of("/"));
      inputs = new java.util.ArrayList<>(inputs);
      inputs.add(new ScanAssets.AssetInventory(ScanAssets.newHost(LocalHost.hostName()), false, self.os(), self.packages()));
    } catch (IllegalStateException e) {
      out.println("  (this machine has no dpkg, apk or rpm database: " + e.getMessage() + ")");
    }
    for (var r : app.scanAssets().scan(inputs)) {
      out.printf("  %-24s %4d packages %5d findings%s%n", r.asset().name(), r.inventory().packages().size(),
          r.findings().size(), r.gaps().isEmpty() ? ""
              : "  NO DATA: " + String.join("; ", r.gaps().stream().map(g -> g.reason()).toList()));
    }
    out.println();
    out.println("The ten most urgent findings (policy: docs/policy.md):");
    var assess = app.assessFindings(null);
    var today = java.time.LocalDate.now(app.clock());
    FindingText.prioritised(out, assess.prioritise(
        new org.patchwarden.match.FindingFilter(null, null, null, org.patchwarden.match.FindingStatus.OPEN)), today, 10);
    out.println();
    out.println("Grouped by fix, the five most urgent ('patchwarden plan' lists every group):");
    FindingText.plan(out, new org.patchwarden.usecase.PlanFixes(assess).plan(null, null), today, 5);
    out.println();
    out.println("Next: 'patchwarden assess' (all findings, overdue per asset and team), 'patchwarden explain CVE-…',"
        + " 'patchwarden plan', 'patchwarden findings --tier T0', 'patchwarden feeds status'.");
    return 0;
  }

  /**
   * Copies a bundled tree ({@code feeds} or {@code fleet}, listed in {@code /demo/<tree>.index}) to
   * {@code dir}; returns {@code dir}.
   */
  static Path extract(String tree, Path dir) {
    String indexName = "/demo/" + tree + ".index";
    try (InputStream index = DemoCommand.class.getResourceAsStream(indexName)) {
      if (index == null) {
        throw new IllegalStateException("the bundled demo snapshot " + indexName + " is missing from the build");
      }
      List<String> files = new String(index.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
      for (String name : files) {
        Path target = dir.resolve(name).normalize();
        if (!target.startsWith(dir)) {
          throw new IllegalStateException("bundled index names a path outside the demo directory: " + name);
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + tree + "/" + name)) {
          if (in == null) {
            throw new IllegalStateException("bundled demo file missing from the build: " + name);
          }
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the demo snapshot to " + dir, e);
    }
  }
}
