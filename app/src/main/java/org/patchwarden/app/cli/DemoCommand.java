package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.patchwarden.app.App;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.app.feeds.FeedLoader;
import org.patchwarden.app.inventory.CollectedInventory;
import org.patchwarden.app.inventory.FleetDirectory;
import org.patchwarden.app.inventory.LocalHost;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.ExposureReport;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.usecase.ScanAssets;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The main job on the bundled snapshot, in a home of its own ({@code $PATCHWARDEN_HOME/demo}, its
 * own SQLite database): extract the bundled feeds, load them exactly as {@code feeds load} would,
 * import the demo fleet and assess it as of the snapshot's date. The user's own database is never
 * opened.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run Patchwarden end to end on the bundled snapshot (no network, no ../shared",
      "needed), in a home of its own: $PATCHWARDEN_HOME/demo with its own SQLite",
      "database; your database (--db, PATCHWARDEN_DB) is never opened. Extracts the",
      "bundled real feeds (CISA KEV 2026.08.07, four 2026 CVE records, an NVD record,",
      "EPSS, ATT&CK, KEV->ATT&CK mappings, SSVC, OSV and Debian slices) and loads",
      "them; imports a small fleet (Debian web servers, an AlmaLinux host, a LiteLLM",
      "gateway, a Go service, a PAN-OS firewall, an Ivanti EPMM server, a MetInfo",
      "CMS) and scans this machine; then assesses every finding as of the snapshot's",
      "date and prints this year's findings, a tier summary, overdue findings per",
      "team and the ten most urgent findings."
    })
final class DemoCommand implements Callable<Integer> {
  static final String ROOT = "/demo/feeds/";
  /** How many of this year's findings the headline lists. */
  private static final int HEADLINE = 8;

  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    PrintWriter out = root.terminal().out();
    AppConfig user = root.config();
    AppConfig config = demoConfig(user);
    out.println("Patchwarden demo, in a home of its own: " + config.home() + " (database " + config.dbUrl() + ").");
    out.println("Your own data (" + redacted(user.dbUrl()) + ") is not opened.");

    FeedVersion kev = loadFeeds(out, config);
    LocalDate today = LocalDate.now(root.clock());
    LocalDate asOf = kev.released() == null ? today : LocalDate.ofInstant(kev.released(), ZoneOffset.UTC);
    out.println();
    explainDates(out, asOf, today);

    // The snapshot's day, to its end: first seen, due dates and "overdue" all count from it.
    Clock snapshot = Clock.fixed(asOf.atTime(LocalTime.MAX).truncatedTo(ChronoUnit.SECONDS).toInstant(ZoneOffset.UTC),
        ZoneOffset.UTC);
    try (App app = new App(config, snapshot)) {
      Map<String, Finding> findings = scanFleet(out, app, config.home().resolve("fleet"));
      List<Assessment> open = app.assessFindings(null).assessOpen();
      out.println();
      printYear(out, open, findings, asOf);
      out.println();
      printTiers(out, open, asOf);
      out.println();
      printTeams(out, ExposureReport.ofOpen(open, asOf));
      out.println();
      out.println("The ten most urgent findings (policy: docs/policy.md):");
      var assess = app.assessFindings(null);
      FindingText.prioritised(out, assess.prioritise(
          new org.patchwarden.match.FindingFilter(null, null, null, org.patchwarden.match.FindingStatus.OPEN)), asOf, 10);
      out.println();
      out.println("Grouped by fix, the five most urgent ('patchwarden plan' lists every group):");
      FindingText.plan(out, new org.patchwarden.usecase.PlanFixes(assess).plan(null, null), asOf, 5);
    }
    out.println();
    out.println("Next: 'patchwarden --home " + config.home() + " assess' (every finding), 'plan', 'explain CVE-…', 'findings --tier T0',"
        + " 'feeds status'; or 'patchwarden feeds sync' for today's data in your own home.");
    return 0;
  }

  /** The demo's own home and SQLite database under the user's home; log level and upstreams kept. */
  static AppConfig demoConfig(AppConfig user) {
    Path home = user.home().resolve("demo").toAbsolutePath().normalize();
    return new AppConfig(home, "jdbc:sqlite:" + home.resolve("patchwarden.db"), null, null, user.logLevel(),
        user.upstreams(), null);
  }

  private static String redacted(String dbUrl) {
    return dbUrl.replaceAll("password=[^&]*", "password=***");
  }

  /** Extracts and loads the bundled feeds; returns the KEV catalog now current. */
  private FeedVersion loadFeeds(PrintWriter out, AppConfig config) {
    try (App app = new App(config, root.clock())) {
      Path feeds = extract("feeds", config.home().resolve("feeds"));
      out.println("Bundled feeds extracted to " + feeds);
      out.println();
      Progress progress = new Progress(root.terminal().err(), Progress.stderrIsTerminal());
      FeedLoader loader = app.feedLoader(n -> progress.update(n, "records"));
      for (FeedInput input : FeedScanner.scan(feeds).inputs()) {
        progress.start(input.source());
        try {
          FeedsCommand.printOutcome(out, loader.load(input, "bundled:" + feeds.relativize(input.paths().get(0)), false),
              input.describe());
        } finally {
          progress.finish();
        }
      }
      var d = app.describeKevCatalog().describe(3).orElseThrow();
      out.println();
      KevText.version(out, d.version());
      return d.version();
    }
  }

  private static void explainDates(PrintWriter out, LocalDate asOf, LocalDate today) {
    out.printf("Dates: the bundled snapshot is of %s (its CISA KEV catalog); today is %s.%n", asOf, today);
    out.printf("The demo assesses the fleet as of %s: findings count as first seen that day, a due date is KEV's own%n",
        asOf);
    out.printf("due date or %s plus the tier's window, and \"overdue\" counts the days up to %s, not to today.%n",
        asOf, asOf);
  }

  /** Imports the bundled fleet and this machine; returns every finding by key. */
  private static Map<String, Finding> scanFleet(PrintWriter out, App app, Path dir) {
    Path fleet = extract("fleet", dir);
    out.println();
    out.println("Importing the demo fleet from " + fleet + " and scanning this machine:");
    List<ScanAssets.AssetInventory> inputs = new ArrayList<>(FleetDirectory.read(fleet).inventories());
    try {
      CollectedInventory self = LocalHost.collect(Path.of("/"));
      inputs.add(new ScanAssets.AssetInventory(ScanAssets.newHost(LocalHost.hostName()), false, self.os(),
          self.packages()));
    } catch (IllegalStateException e) {
      out.println("  (this machine has no dpkg, apk or rpm database: " + e.getMessage() + ")");
    }
    Map<String, Finding> byKey = new HashMap<>();
    for (var r : app.scanAssets().scan(inputs)) {
      out.printf("  %-24s %4d packages %5d findings%s%n", r.asset().name(), r.inventory().packages().size(),
          r.findings().size(), r.gaps().isEmpty() ? ""
              : "  NO DATA: " + String.join("; ", r.gaps().stream().map(g -> g.reason()).toList()));
      r.findings().forEach(f -> byKey.put(f.key(), f));
    }
    return byKey;
  }

  /**
   * The findings of the snapshot year's CVEs: those matched by version first, then the KEV-listed
   * products whose versions no source states, each by urgency.
   */
  private static void printYear(PrintWriter out, List<Assessment> open, Map<String, Finding> findings,
      LocalDate asOf) {
    String prefix = "CVE-" + asOf.getYear() + "-";
    List<Assessment> year = open.stream()
        .filter(a -> a.advisoryId().startsWith(prefix) || a.signals().cveIds().stream().anyMatch(c -> c.startsWith(prefix)))
        .sorted(Comparator.comparing((Assessment a) -> a.signals().confidence() == Confidence.PRODUCT_ONLY)
            .thenComparing(Assessment.BY_URGENCY))
        .toList();
    out.printf("This year's vulnerabilities on the fleet (%s…, as of %s):%n", prefix, asOf);
    if (year.isEmpty()) {
      out.println("  none");
      return;
    }
    int shown = 0;
    for (Assessment a : year) {
      if (shown++ == HEADLINE) {
        out.printf("  … %d more ('patchwarden findings --tier T0' in the demo home)%n", year.size() - HEADLINE);
        break;
      }
      Finding f = findings.get(a.findingKey());
      String product = f == null ? "" : f.installed().name() + " " + f.installed().version()
          + (f.fixedVersion().isEmpty() ? " (no fix known)" : " → " + f.fixedVersion());
      String kev = a.signals().kev() == null ? "not in KEV" : "KEV since " + a.signals().kev().dateAdded();
      String due = "due " + a.dueDate() + (a.overdue(asOf) ? " (overdue " + a.daysOverdue(asOf) + " d)" : "");
      String verify = a.signals().confidence() == Confidence.PRODUCT_ONLY ? "  [verify: versions unknown]" : "";
      out.printf("  %s %-15s %-16s %-44s %s, %s%s%n", a.tier(), a.advisoryId(), a.assetName(), product, kev, due,
          verify);
    }
  }

  /** Open findings per tier: how many, how many past due, in KEV, and to verify by hand. */
  private static void printTiers(PrintWriter out, List<Assessment> open, LocalDate asOf) {
    Map<String, int[]> tiers = new TreeMap<>();
    Map<String, String> names = new HashMap<>();
    for (Assessment a : open) {
      String key = String.format("%04d %s", a.tierRank(), a.tier());
      names.put(key, a.tier() + " " + a.tierName());
      int[] n = tiers.computeIfAbsent(key, k -> new int[4]);
      n[0]++;
      n[1] += a.overdue(asOf) ? 1 : 0;
      n[2] += a.signals().kev() != null ? 1 : 0;
      n[3] += a.signals().confidence() != Confidence.CONFIRMED ? 1 : 0;
    }
    out.printf("Open findings by tier, as of %s:%n", asOf);
    out.printf("  %-16s %6s %9s %6s %10s%n", "TIER", "OPEN", "PAST DUE", "KEV", "TO VERIFY");
    tiers.forEach((k, n) -> out.printf("  %-16s %6d %9d %6d %10d%n", names.get(k), n[0], n[1], n[2], n[3]));
    if (tiers.isEmpty()) {
      out.println("  none");
    }
  }

  private static void printTeams(PrintWriter out, ExposureReport exposure) {
    out.printf("Overdue per team, as of %s:%n", exposure.today());
    out.printf("  %-20s %6s %9s %12s%n", "TEAM", "OPEN", "PAST DUE", "MAX OVERDUE");
    exposure.byTeam().forEach(g -> out.printf("  %-20s %6d %9d %10d d%n", g.name(), g.open(), g.pastDue(),
        g.maxDaysOverdue()));
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
