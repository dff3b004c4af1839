package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.app.feeds.FeedLoader;
import org.patchwarden.app.feeds.FeedSync;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.feed.FeedVersion;
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
        FeedsCommand.Changes.class})
final class FeedsCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: load, sync, status or changes (see 'patchwarden feeds --help')");
    return 2;
  }

  static void printUpdate(PrintWriter out, String what, FeedUpdate u) {
    FeedVersion v = u.version();
    if (u.unchanged()) {
      out.printf("%-26s %-22s %8d records  unchanged, nothing written%n", v.source(), v.version(), v.records());
    } else {
      out.printf("%-26s %-22s %8d records  +%d added, %d updated, -%d removed%n", v.source(), v.version(),
          v.records(), u.added(), u.updated(), u.removed());
    }
  }

  /**
   * Re-matches what a changed advisory feed added, updated or removed against the scanned assets,
   * so that findings follow the feeds without a rescan.
   */
  static void rematch(PatchwardenCommand root, PrintWriter out, org.patchwarden.formats.feed.FeedKind kind, FeedUpdate u) {
    boolean advisories = switch (kind) {
      case NVD_API, CVE5, OSV, DEBIAN_DSA, DEBIAN_DLA, DEBIAN_TRACKER_JSON -> true;
      default -> false;
    };
    if (!advisories || u.unchanged() || u.added() + u.updated() + u.removed() == 0) {
      return;
    }
    var r = root.app().rematchAdvisories().afterLoad(u.version().source(), u.version().version());
    if (r.opened() + r.stillOpen() + r.closed() > 0) {
      out.printf("%-26s re-matched against scanned assets: %d new findings, %d still open, %d retracted%n",
          u.version().source(), r.opened(), r.stillOpen(), r.closed());
    }
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
        "Loading an unchanged document writes nothing."
      })
  static final class Load implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Option(names = "--from", required = true, paramLabel = "DIR|FILE", description = "Mirror directory or feed file.")
    Path from;

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
        throw new CliException(1, "no feed document found in " + from
            + " (see 'patchwarden feeds load --help' for the formats understood)");
      }
      Progress progress = new Progress(err, Progress.stderrIsTerminal());
      FeedLoader loader = root.app().feedLoader(n -> progress.update(n, "records"));
      List<String> failures = new ArrayList<>();
      Map<String, String> current = new java.util.HashMap<>();
      root.app().listFeedVersions().list().forEach(v -> current.put(v.source(), v.version()));
      for (FeedInput input : scan.inputs()) {
        String now = current.get(input.source());
        if (!input.declaredVersion().isEmpty() && now != null && now.compareTo(input.declaredVersion()) > 0) {
          // An older catalog in the mirror must not roll the current one back.
          out.printf("%-26s %-22s older than the current %s, skipped (%s)%n", input.source(),
              input.declaredVersion(), now, input.describe());
          continue;
        }
        progress.start(input.source() + " (" + input.describe() + ")");
        try {
          FeedUpdate update = loader.load(input, input.describe());
          current.put(input.source(), update.version().version());
          printUpdate(out, input.source(), update);
          rematch(root, out, input.kind(), update);
        } catch (RuntimeException e) {
          failures.add(input.source() + ": " + e.getMessage());
          out.printf("%-26s FAILED, previous data kept: %s%n", input.source(), e.getMessage());
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
        return 1;
      }
      return 0;
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

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these upstreams (default: every enabled one).")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
      List<Upstream> all = root.app().config().upstreams();
      List<Upstream> chosen = new ArrayList<>();
      for (String name : names) {
        chosen.add(all.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow(() -> new CliException(2,
            "unknown upstream '" + name + "'; known: " + String.join(", ", all.stream().map(Upstream::name).toList()))));
      }
      if (chosen.isEmpty()) {
        chosen = all.stream().filter(Upstream::enabled).toList();
      }
      Progress progress = new Progress(root.terminal().err(), Progress.stderrIsTerminal());
      int failed = 0;
      try (FeedSync sync = root.app().feedSync(n -> progress.update(n, "records"))) {
        for (Upstream u : chosen) {
          progress.start(u.name() + " (" + u.url() + ")");
          FeedSync.Outcome o = sync.sync(u, n -> progress.update(n, "bytes"));
          progress.finish();
          switch (o) {
            case FeedSync.Outcome.NotModified nm -> out.printf("%-26s not modified upstream (304)%n", u.source());
            case FeedSync.Outcome.Loaded l -> {
              printUpdate(out, u.source(), l.update());
              rematch(root, out, u.kind(), l.update());
            }
            case FeedSync.Outcome.Failed f -> {
              failed++;
              out.printf("%-26s FAILED, previous data kept: %s%n", u.source(), f.reason());
            }
          }
          out.flush();
        }
      }
      return failed == 0 ? 0 : 1;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show each loaded feed: version, records, when loaded, from where, and whether it is stale.")
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
        long age = Duration.between(v.loadedAt(), now).toDays();
        String stale = age > staleDays ? "  STALE: loaded " + age + " days ago (limit " + staleDays + ")" : "";
        out.printf("%-26s %-24s %8d  %-20s %s%s%n", v.source(), v.version(), v.records(),
            v.loadedAt().toString().substring(0, 19), v.origin(), stale);
      }
      return 0;
    }
  }

  @Command(name = "changes", mixinStandardHelpOptions = true,
      description = {"List the records that changed when a feed version was loaded (what re-matching works from).",
        "Kinds: ADDED, UPDATED, REMOVED."})
  static final class Changes implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A source as 'feeds status' lists it, e.g. cisa-kev.")
    String source;

    @Option(names = "--version", paramLabel = "VERSION", description = "A loaded version (default: the current one).")
    String version;

    @Override
    public Integer call() {
      PatchwardenCommand root = feeds.root;
      PrintWriter out = root.terminal().out();
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
}
