package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.patchwarden.app.App;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.app.feeds.FeedLoader;
import org.patchwarden.app.inventory.FleetDirectory;
import org.patchwarden.exercise.ExerciseReport;
import org.patchwarden.exercise.Scenario;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.exercise.ExerciseHtmlWriter;
import org.patchwarden.formats.exercise.ExerciseJsonWriter;
import org.patchwarden.formats.exercise.ScenarioYamlReader;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden exercise …}: tabletop exercises on the demo fleet or on the store's own, read only. */
@Command(name = "exercise", mixinStandardHelpOptions = true,
    description = {
      "Tabletop exercises (docs/exercises.md): a scenario (YAML) of events on a fleet, its feeds and the",
      "policy - a KEV listing, a delayed patch, weekly rescans, failed patches, a stale inventory - simulated",
      "day by day with the real matcher, assessment and change rules. Reports time to detection, time to",
      "verified fix, exposure (asset-days, internet-facing apart), SLA breaches and which control would have",
      "raised each gap first. The scenario's 'fleet:' (or --fleet) says whose: 'demo' (default) reads the bundled",
      "demo snapshot in a home of its own ($PATCHWARDEN_HOME/exercise-demo, prepared once); 'store' reads the",
      "fleet, feeds and asset context of the store this command runs against (--home, --db: SQLite or",
      "PostgreSQL). Either way the simulation works on a copy in memory: the store is only read, never changed."
    },
    subcommands = {ExerciseCommand.Run.class, ExerciseCommand.Compare.class, ExerciseCommand.ListScenarios.class})
final class ExerciseCommand implements Callable<Integer> {
  /** Bump when the prepared snapshot must be rebuilt (a new bundled feed or fleet). */
  static final String PREPARED = "exercise-demo 1";

  @ParentCommand PatchwardenCommand root;

  @Override
  public Integer call() {
    root.terminal().err().println("patchwarden: missing subcommand: run, compare or list (see 'patchwarden exercise --help')");
    return 2;
  }

  /** Options that run and compare share. */
  static final class Common {
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random draws (default: the scenario's own).")
    Long seed;

    @Option(names = "--json", description = "Print the report as JSON (patchwarden.exercise/1) instead of text.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one HTML page with a timeline chart.")
    Path html;

    @Option(names = "--policy", paramLabel = "FILE",
        description = "Policy to assess with (default: $PATCHWARDEN_HOME/policy.yaml, else the shipped one).")
    Path policy;

    @Option(names = "--fleet", paramLabel = "demo|store",
        description = "Whose fleet and feeds, overriding the scenario's 'fleet:': demo (the bundled snapshot) or"
            + " store (this store's own, read only).")
    String fleet;
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a scenario: a file, or the name of a shipped one ('exercise list').")
  static final class Run implements Callable<Integer> {
    @ParentCommand ExerciseCommand parent;

    @Parameters(paramLabel = "SCENARIO", description = "A scenario file, or a shipped scenario's name.")
    String scenario;

    @Option(names = "--compare", paramLabel = "OTHER", description = "Run OTHER too and show both side by side.")
    String compare;

    @picocli.CommandLine.Mixin Common common = new Common();

    @Override
    public Integer call() {
      List<String> names = compare == null ? List.of(scenario) : List.of(scenario, compare);
      return parent.execute(names, common);
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Run two scenarios (e.g. daily-rescans weekly-vs-daily-rescans) and show them side by side.")
  static final class Compare implements Callable<Integer> {
    @ParentCommand ExerciseCommand parent;

    @Parameters(arity = "2", paramLabel = "SCENARIO", description = "Two scenario files or shipped names: A, then B.")
    List<String> scenarios;

    @picocli.CommandLine.Mixin Common common = new Common();

    @Override
    public Integer call() {
      return parent.execute(scenarios, common);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped scenarios.")
  static final class ListScenarios implements Callable<Integer> {
    @ParentCommand ExerciseCommand parent;

    @Override
    public Integer call() {
      PrintWriter out = parent.root.terminal().out();
      out.println("Shipped scenarios ('patchwarden exercise run NAME'; docs/exercises.md):");
      for (String name : shipped()) {
        Scenario s = shippedScenario(name);
        out.printf("  %-26s %3d days, fleet %s, %s%n", name, s.days(), s.fleet().key(),
            s.top() > 0 ? "the fleet's top " + s.top() + " CVEs" : String.join(", ", s.cves()));
        out.println("      " + s.description());
      }
      return 0;
    }
  }

  int execute(List<String> names, Common common) {
    List<Scenario> scenarios = new ArrayList<>();
    for (String name : names) {
      Scenario s = scenario(name);
      scenarios.add(common.seed != null ? s.withSeed(common.seed) : s);
    }
    Scenario.Fleet fleet = fleet(scenarios, common.fleet);
    List<ExerciseReport> reports = fleet == Scenario.Fleet.STORE ? onStore(scenarios, common)
        : onDemo(scenarios, common);
    PrintWriter out = root.terminal().out();
    boolean two = reports.size() == 2;
    if (common.json) {
      out.print(two ? ExerciseJsonWriter.writeComparison(reports.get(0), reports.get(1))
          : ExerciseJsonWriter.write(reports.get(0)));
    } else if (two) {
      ExerciseText.comparison(out, reports.get(0), reports.get(1));
    } else {
      ExerciseText.report(out, reports.get(0));
    }
    if (common.html != null) {
      String html = two ? ExerciseHtmlWriter.writeComparison(reports.get(0), reports.get(1))
          : ExerciseHtmlWriter.write(reports.get(0));
      try {
        Files.writeString(common.html, html, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CliException(1, "exercise: cannot write " + common.html + ": " + e.getMessage());
      }
      root.terminal().err().println("exercise: HTML report written to " + common.html.toAbsolutePath());
    }
    out.flush();
    return 0;
  }

  /** The fleet the scenarios run on: {@code --fleet}, else theirs, which must agree. */
  private static Scenario.Fleet fleet(List<Scenario> scenarios, String option) {
    if (option != null) {
      return Scenario.Fleet.of(option.strip()).orElseThrow(() -> new CliException(2,
          "exercise: --fleet: expected demo or store, got '" + option + "'"));
    }
    Scenario.Fleet first = scenarios.get(0).fleet();
    for (Scenario s : scenarios) {
      if (s.fleet() != first) {
        throw new CliException(2, "exercise: " + scenarios.get(0).source() + " runs on fleet " + first.key() + " but "
            + s.source() + " on fleet " + s.fleet().key() + "; compare runs on one fleet (--fleet demo|store)");
      }
    }
    return first;
  }

  /** Runs on the bundled demo, in its own prepared home; the user's database is never opened. */
  private List<ExerciseReport> onDemo(List<Scenario> scenarios, Common common) {
    AppConfig user = root.config();
    Path policy = common.policy != null ? common.policy
        : Files.isRegularFile(user.home().resolve("policy.yaml")) ? user.home().resolve("policy.yaml") : null;
    AppConfig config = prepare(user);
    try (App app = new App(config, root.clock())) {
      return runAll(app, scenarios, policy);
    }
  }

  /** Runs on the store the command runs against, as every command opens it; RunExercise only reads it. */
  private List<ExerciseReport> onStore(List<Scenario> scenarios, Common common) {
    App app = root.app();
    if (!app.databaseExists()) {
      throw new CliException(2, "exercise: " + scenarios.get(0).source() + " runs on fleet store, but there is no"
          + " database at " + app.databaseDescription() + "; import an inventory and load feeds first, or use"
          + " fleet: demo (--fleet demo)");
    }
    root.terminal().err().println("exercise: on the fleet, feeds and policy of " + app.databaseDescription()
        + " (read only)");
    return runAll(app, scenarios, common.policy);
  }

  private List<ExerciseReport> runAll(App app, List<Scenario> scenarios, Path policy) {
    List<ExerciseReport> reports = new ArrayList<>();
    try {
      LocalDate snapshot = app.describeKevCatalog().describe(1).map(d -> d.version().released())
          .map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC)).orElse(LocalDate.now(root.clock()));
      var exercise = app.runExercise(policy);
      for (Scenario s : scenarios) {
        try {
          reports.add(exercise.run(s, snapshot));
        } catch (IllegalArgumentException e) {
          throw new CliException(2, "exercise: " + e.getMessage());
        }
      }
    } catch (FeedFormatException e) {
      throw new CliException(2, "exercise: " + e.getMessage());
    }
    return reports;
  }

  /** A scenario file, or a shipped scenario by name; refused input is exit code 2. */
  Scenario scenario(String name) {
    Path file = Path.of(name);
    try {
      if (Files.isRegularFile(file)) {
        return ScenarioYamlReader.read(file);
      }
      String shipped = name.replaceFirst("^scenarios/", "").replaceFirst("\\.yaml$", "");
      if (shipped().contains(shipped)) {
        return shippedScenario(shipped);
      }
    } catch (FeedFormatException e) {
      throw new CliException(2, "exercise: " + e.getMessage());
    }
    throw new CliException(2, "exercise: '" + name + "' is neither a scenario file nor a shipped scenario; shipped: "
        + String.join(", ", shipped()));
  }

  /** The names of the shipped scenarios, in the order the index lists them. */
  static List<String> shipped() {
    try (InputStream in = ExerciseCommand.class.getResourceAsStream("/scenarios/index")) {
      if (in == null) {
        throw new IllegalStateException("the shipped scenarios /scenarios/index are missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scenario shippedScenario(String name) {
    try (InputStream in = ExerciseCommand.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalStateException("shipped scenario " + name + ".yaml is missing from the build");
      }
      return ScenarioYamlReader.read(in, name + ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The home the exercises read: {@code $PATCHWARDEN_HOME/exercise-demo} with the bundled feeds and
   * the demo fleet (not this machine, so that runs are alike everywhere), loaded once and then reused.
   */
  AppConfig prepare(AppConfig user) {
    Path home = user.home().resolve("exercise-demo").toAbsolutePath().normalize();
    AppConfig config = new AppConfig(home, "jdbc:sqlite:" + home.resolve("patchwarden.db"), null, null, user.logLevel(),
        user.upstreams(), null, user.maxRemovalShare(), user.remediation());
    Path marker = home.resolve("prepared");
    try {
      if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(PREPARED)) {
        return config;
      }
      PrintWriter err = root.terminal().err();
      err.println("exercise: preparing the demo fleet and feeds once in " + home + " (its own SQLite database) …");
      err.flush();
      deleteTree(home); // a half-prepared home from an interrupted run is rebuilt, never trusted
      Files.createDirectories(home);
      try (App app = new App(config, root.clock())) {
        Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
        FeedLoader loader = app.feedLoader(n -> { });
        for (FeedInput input : FeedScanner.scan(feeds).inputs()) {
          loader.load(input, "bundled:" + feeds.relativize(input.paths().get(0)), false);
        }
        Path fleet = DemoCommand.extract("fleet", home.resolve("fleet"));
        app.scanAssets().scan(FleetDirectory.read(fleet).inventories());
      }
      Files.writeString(marker, PREPARED + "\n");
      return config;
    } catch (IOException e) {
      throw new CliException(1, "exercise: cannot prepare " + home + ": " + e.getMessage());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
