package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.formats.feed.kev.CisaKevJsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden feeds …}: load vulnerability feeds from files and show what is loaded. */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = "Load vulnerability feeds and show what is loaded.",
    subcommands = {FeedsCommand.Load.class, FeedsCommand.Status.class})
final class FeedsCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: load or status (see 'patchwarden feeds --help')");
    return 2;
  }

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Load a feed document from a local file (offline mirror).",
        "Understood so far: the CISA KEV catalog JSON (known_exploited_vulnerabilities.json).",
        "The load is atomic: a malformed file is refused and the current data stays."
      })
  static final class Load implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The feed file to load.")
    Path from;

    @Override
    public Integer call() throws IOException {
      if (Files.isDirectory(from)) {
        throw new CliException(2, from + " is a directory; give the KEV catalog file itself"
            + " (e.g. " + from.resolve("known_exploited_vulnerabilities.json") + ")");
      }
      FeedVersion v;
      try (InputStream in = Files.newInputStream(from)) {
        v = feeds.root.app().loadKevCatalog().load(new CisaKevJsonReader(in, from.toString()), from.toAbsolutePath().toString());
      } catch (NoSuchFileException e) {
        throw new CliException(2, "no such file: " + from);
      }
      KevText.version(feeds.root.terminal().out(), v);
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the current version of each loaded feed.")
  static final class Status implements Callable<Integer> {
    @ParentCommand FeedsCommand feeds;

    @Override
    public Integer call() {
      PrintWriter out = feeds.root.terminal().out();
      var versions = feeds.root.app().listFeedVersions().list();
      if (versions.isEmpty()) {
        out.println("No feed loaded yet. Try 'patchwarden demo' or 'patchwarden feeds load --from FILE'.");
        return 0;
      }
      out.printf("%-12s %-14s %-28s %8s  %s%n", "SOURCE", "VERSION", "LOADED", "RECORDS", "ORIGIN");
      for (FeedVersion v : versions) {
        out.printf("%-12s %-14s %-28s %8d  %s%n", v.source(), v.version(), v.loadedAt(), v.records(), v.origin());
      }
      return 0;
    }
  }
}
