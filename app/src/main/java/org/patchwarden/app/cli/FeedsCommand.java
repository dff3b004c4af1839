package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.app.feeds.FeedLoader;
import org.patchwarden.app.feeds.FeedSync;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.feed.FeedAge;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.LoadMode;
import org.patchwarden.usecase.UpdateFeed;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden feeds …}: load vulnerability feeds from a mirror or upstream, and show what is loaded. */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = "Load vulnerability feeds (offline mirror or upstream) and show what is loaded.",
    subcommands = {FeedsCommand.Load.class, FeedsCommand.Sync.class, FeedsCommand.Status.class,
        FeedsCommand.Changes.class, FeedsCommand.Remove.class, FeedsCommand.Rematch.class})
final class FeedsCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println(
        "patchwarden: missing subcommand: load, sync, status, changes, remove or rematch (see 'patchwarden feeds --help')");
    return 2;
  }

  static void printUpdate(PrintWriter out, String what, FeedUpdate u) {
    printUpdate(out, u, LoadMode.REPLACE);
  }

  private static void printUpdate(PrintWriter out, FeedUpdate u, LoadMode mode) {
    FeedVersion v = u.version();
    if (u.unchanged()) {
      out.printf("%-26s %-22s %8d records  unchanged, nothing written%n", v.source(), v.version(), v.records());
    } else if (mode == LoadMode.MERGE && u.added() != v.records()) {
      out.printf("%-26s %-22s %8d records  +%d added, %d updated (merged: records not in this load kept;"
          + " --replace makes it the whole source)%n", v.source(), v.version(), v.records(), u.added(), u.updated());
    } else {
      out.printf("%-26s %-22s %8d records  +%d added, %d updated, -%d removed%n", v.source(), v.version(),
          v.records(), u.added(), u.updated(), u.removed());
    }
  }

  /**
   * Prints what loading one document did, re-matching included; returns why it did not fully
   * succeed (the load committed but the findings did not follow), else null.
   *
   * @param where the document's paths or URL, for a refused older catalog
   */
  static String printOutcome(PrintWriter out, UpdateFeed.Outcome outcome, String where) {
    switch (outcome) {
      case UpdateFeed.Outcome.Older o -> {
        // An older catalog in the mirror must not roll the current one back.
        out.printf("%-26s %-22s older than the current %s, skipped (%s)%n", o.source(), o.version(), o.current(), where);
        return null;
      }
      case UpdateFeed.Outcome.Refused r -> {
        out.printf("%-26s %-22s REFUSED, nothing written, previous data kept: %s (--force loads it anyway)%n",
            r.source(), r.version(), r.reason());
        return r.reason();
      }
      case UpdateFeed.Outcome.Loaded l -> {
        printUpdate(out, l.update(), l.mode());
        return printRematch(out, l.source(), l.rematch());
      }
    }
  }

  private static String printRematch(PrintWriter out, String source, UpdateFeed.Rematch r) {
    if (r.failed().isPresent()) {
      out.printf("%-26s loaded and committed, but re-matching the findings FAILED: %s;"
          + " the re-match stays pending until the next feeds load/sync, scan or import, or"
          + " 'patchwarden feeds rematch', completes it%n", source, r.failure());
      return source + ": loaded, re-match failed: " + r.failure();
    }
    var t = r.total();
    if (t.opened() + t.stillOpen() + t.closed() > 0) {
      out.printf("%-26s re-matched against scanned assets: %d new findings, %d still open, %d retracted%n",
          source, t.opened(), t.stillOpen(), t.closed());
    }
    return null;
  }

  /** A source as {@code feeds status} names it; an upstream's name as {@code feeds sync} takes it ({@code osv-go}) also works. */
  static String sourceName(PatchwardenCommand root, String name) {
    return root.app().config().upstreams().stream().filter(u -> u.name().equals(name)).map(Upstream::source)
        .findFirst().orElse(name);
  }

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Load feed documents from a local mirror (air-gapped sites): a directory tree or one file.",
        "Formats are recognised by layout and content: CISA KEV (JSON, CSV), FIRST EPSS (CSV, gzip),",
        "NVD CVE API 2.0 pages, CVE JSON 5 (cvelistV5 layout), OSV (JSON, YAML, directories, all.zip),",
        "Debian DSA/DLA lists and tracker JSON, MITRE ATT&CK STIX, KEV->ATT&CK mappings, CISA SSVC data.",
        "Each source loads atomically: a malformed document is refused and that source's data stays.",
        "Loading an unchanged document writes nothing; an older KEV catalog or EPSS file is skipped.",
        "Sources are named from their content (OSV: osv:<ecosystem>, e.g. osv:go, osv:pypi), never from",
        "folder names. OSV, CVE 5 and NVD files add to and update their source (one file never removes",
        "the others); --replace makes what is loaded the whole source. Changed advisories and KEV",
        "re-match the scanned assets at once."
      })
  static final class Load implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Option(names = "--from", required = true, paramLabel = "DIR|FILE", description = "Mirror directory or feed file.")
    Path from;

    @Option(names = "--replace", description = {"Make what is loaded the whole of each OSV, CVE 5 or NVD source:",
        "records it does not hold are removed (and their findings retracted). Default: add and update.",
        "Removing more than feeds.max-removal-share of a source needs --force."})
    boolean replace;

    @Option(names = "--force", description = {"Load even a replacement that would remove more than",
        "feeds.max-removal-share (default 50%%) of a source's records, e.g. an empty KEV catalog."})
    boolean force;

    @Override
    public Integer call() {
      if (!Files.exists(from)) {
        throw new CliException(2, "no such file or directory: " + from);
      }
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
      PrintWriter err = root.terminal().err();
      FeedScanner.Scan scan = FeedScanner.scan(from);
      if (scan.inputs().isEmpty()) {
        throw new CliException(2, "no feed document found in " + from
            + " (see 'patchwarden feeds load --help' for the formats understood)");
      }
      OwedMatching.complete(root);
      Progress progress = new Progress(root.rawErr(), Progress.stderrIsTerminal());
      FeedLoader loader = root.app().feedLoader(n -> progress.update(n, "records"), force);
      List<String> failures = new ArrayList<>();
      List<String> unmatched = new ArrayList<>();
      for (FeedInput input : scan.inputs()) {
        progress.start(input.source() + " (" + input.describe() + ")");
        try {
          UpdateFeed.Outcome outcome = loader.load(input, input.describe(), replace);
          String problem = printOutcome(out, outcome, input.describe());
          if (problem != null) {
            (outcome instanceof UpdateFeed.Outcome.Refused ? failures : unmatched).add(problem);
          }
        } catch (RuntimeException e) {
          failures.add(input.source() + ": " + e.getMessage());
          out.printf("%-26s FAILED, nothing written, previous data kept: %s%n", input.source(), e.getMessage());
        } finally {
          progress.finish();
          out.flush();
        }
      }
      for (Map.Entry<String, List<Path>> s : scan.skipped().entrySet()) {
        out.printf("skipped %d file(s), %s: e.g. %s%n", s.getValue().size(), s.getKey(), s.getValue().get(0));
      }
      if (!failures.isEmpty()) {
        err.println("patchwarden: " + failures.size() + " source(s) failed to load; their previous data is kept:");
        failures.forEach(f -> err.println("  " + f));
      }
      if (!unmatched.isEmpty()) {
        err.println("patchwarden: " + unmatched.size() + " source(s) loaded, but their findings were not re-matched:");
        unmatched.forEach(f -> err.println("  " + f));
      }
      return failures.isEmpty() && unmatched.isEmpty() ? 0 : 1;
    }
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Download the enabled upstream feeds and load them (conditional GET, retries with backoff,",
        "a size cap, content validated by loading before the mirror copy is replaced).",
        "Upstream URLs default to the real sources; override with feeds.<name>.url in patchwarden.yaml,",
        "switch with feeds.<name>.enabled. Downloads are mirrored under $PATCHWARDEN_HOME/mirror.",
        "nvd (off by default) pages through the NVD API, 6 s between requests unless an API key is set",
        "(feeds.nvd.api-key or PATCHWARDEN_NVD_API_KEY)."
      })
  static final class Sync implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Parameters(paramLabel = "NAME", arity = "0..*",
        description = "Only these upstreams, by name (osv-go) or source (osv:go); default: every enabled one.")
    List<String> names = new ArrayList<>();

    @Option(names = "--force", description = {"Load even a download that would remove more than",
        "feeds.max-removal-share (default 50%%) of a source's records."})
    boolean force;

    @Override
    public Integer call() {
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
      List<Upstream> all = root.app().config().upstreams();
      List<Upstream> chosen = new ArrayList<>();
      for (String name : names) {
        chosen.add(all.stream().filter(u -> u.name().equals(name) || u.source().equals(name)).findFirst()
            .orElseThrow(() -> new CliException(2,
            "unknown upstream '" + name + "'; known: " + String.join(", ", all.stream().map(Upstream::name).toList()))));
      }
      if (chosen.isEmpty()) {
        chosen = all.stream().filter(Upstream::enabled).toList();
      }
      OwedMatching.complete(root);
      Progress progress = new Progress(root.rawErr(), Progress.stderrIsTerminal());
      int failed = 0;
      try (FeedSync sync = root.app().feedSync(n -> progress.update(n, "records"), force)) {
        for (Upstream u : chosen) {
          progress.start(u.name() + " (" + u.url() + ")");
          FeedSync.Outcome o = sync.sync(u, n -> progress.update(n, "bytes"));
          progress.finish();
          switch (o) {
            case FeedSync.Outcome.NotModified nm -> out.printf("%-26s not modified upstream (304)%n", u.source());
            case FeedSync.Outcome.Loaded l -> {
              if (printOutcome(out, l.result(), u.url()) != null) {
                failed++;
              }
            }
            case FeedSync.Outcome.Older old -> out.printf("%-26s %-22s older than the current %s, skipped (%s)%n",
                u.source(), old.version(), old.current(), u.url());
            case FeedSync.Outcome.Failed f -> {
              failed++;
              out.printf("%-26s FAILED, nothing written, previous data kept: %s%n", u.source(), f.reason());
            }
          }
          out.flush();
        }
      }
      return failed == 0 ? 0 : 1;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = {"Show each loaded feed: version, records, when loaded, from where, and whether it is stale.",
        "Staleness counts from the data's own date where the feed states one (KEV catalog release,",
        "EPSS score date, newest OSV/NVD/CVE 5 change), else from the load. Limits: the upstream's",
        "(KEV and EPSS 2 days, OSV and Debian 7, ATT&CK 90, mappings 180), 7 days for other sources."})
  static final class Status implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Override
    public Integer call() {
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
      var versions = root.app().listFeedVersions().list();
      if (versions.isEmpty()) {
        out.println("No feed loaded yet. Try 'patchwarden demo', 'patchwarden feeds load --from DIR' or 'patchwarden feeds sync'.");
        return 0;
      }
      Instant now = root.app().clock().instant();
      out.printf("%-26s %-24s %8s  %-20s %s%n", "SOURCE", "VERSION", "RECORDS", "LOADED (UTC)", "ORIGIN");
      for (FeedVersion v : versions) {
        int staleDays = root.app().config().upstreams().stream()
            .filter(u -> u.source().equals(v.source())).mapToInt(Upstream::staleAfterDays).findFirst().orElse(7);
        String stale = FeedAge.of(v, now).staleness(staleDays).map(t -> "  " + t).orElse("");
        out.printf("%-26s %-24s %8d  %-20s %s%s%n", v.source(), v.version(), v.records(),
            v.loadedAt().toString().substring(0, 19), v.origin(), stale);
      }
      return 0;
    }
  }

  // NB: no mixinStandardHelpOptions here: its -V/--version would clash with the feed --version option.
  @Command(name = "changes",
      description = {"List the records that changed when a feed version was loaded (what re-matching works from).",
        "Kinds: ADDED, UPDATED, REMOVED."})
  static final class Changes implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "SOURCE",
        description = "A source as 'feeds status' lists it (cisa-kev, osv:go), or an upstream name (osv-go).")
    String source;

    @Option(names = "--version", paramLabel = "VERSION", description = "A loaded version (default: the current one).")
    String version;

    @Override
    public Integer call() {
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
      String source = sourceName(root, this.source);
      var versions = root.app().listFeedVersions();
      String v = version;
      if (v == null) {
        v = versions.current(source).map(FeedVersion::version).orElseThrow(() -> new CliException(2,
            "no feed '" + source + "' is loaded; 'patchwarden feeds status' lists the loaded ones"));
      }
      var changes = versions.changes(source, v);
      for (var c : changes) {
        out.printf("%-8s %s%n", c.kind(), c.key());
      }
      out.printf("%s %s: %d added, %d updated, %d removed%n", source, v,
          changes.stream().filter(c -> c.kind() == org.patchwarden.feed.FeedChange.Kind.ADDED).count(),
          changes.stream().filter(c -> c.kind() == org.patchwarden.feed.FeedChange.Kind.UPDATED).count(),
          changes.stream().filter(c -> c.kind() == org.patchwarden.feed.FeedChange.Kind.REMOVED).count());
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = {"Remove an advisory source (osv:…, nvd, cve5, debian-…): its records and version go, each",
        "removal is recorded (see 'feeds changes'), its open findings are retracted and KEV-product",
        "findings are re-matched. A later load brings the source back."})
  static final class Remove implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Parameters(index = "0", paramLabel = "SOURCE",
        description = "A source as 'feeds status' lists it (osv:go), or an upstream name (osv-go).")
    String source;

    @Override
    public Integer call() {
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
      String name = sourceName(root, source);
      List<String> known = root.app().listFeedVersions().list().stream().map(FeedVersion::source)
          .filter(UpdateFeed::isAdvisorySource).toList();
      if (!known.contains(name)) {
        throw new CliException(2, "no advisory source '" + source + "' is loaded; known: "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
      UpdateFeed.Removal r = root.app().updateFeed().remove(name);
      out.printf("%-26s removed: -%d records%n", name, r.removed().size());
      return printRematch(out, name, r.rematch()) == null ? 0 : 1;
    }
  }

  @Command(name = "rematch", mixinStandardHelpOptions = true,
      description = {"Complete the matching an interrupted command left owed: re-match each feed version",
        "committed without its re-match, and match each asset whose newest inventory has no recorded",
        "findings. Loads, syncs, scans and imports do this first on their own; 'findings' and",
        "'assess' warn while any is owed."})
  static final class Rematch implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Override
    public Integer call() {
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
      List<String> done = OwedMatching.describe(root.app().completeMatching().complete());
      if (done.isEmpty()) {
        out.println("nothing owed: the findings follow every committed feed version and inventory");
      }
      done.forEach(out::println);
      return 0;
    }
  }
}
