package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.patchwarden.app.App;
import org.patchwarden.app.config.ConfigException;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.app.config.ConfigLoader;
import org.patchwarden.feed.FeedFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: global options, and the wiring of errors to exit codes. */
@Command(
    name = "patchwarden",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Vulnerability and patch-management control plane: which assets are exposed to which",
      "vulnerabilities, what to fix first and by when, and whether each fix really landed.",
      ""
    },
    footer = {
      "",
      "Configuration: flags > environment (PATCHWARDEN_HOME, PATCHWARDEN_DB, PATCHWARDEN_DB_USER,",
      "PATCHWARDEN_DB_PASSWORD, PATCHWARDEN_LOG_LEVEL) > $PATCHWARDEN_HOME/patchwarden.yaml.",
      "Exit codes: 0 success, 1 failure, 2 usage or configuration error, or input refused."
    })
public final class PatchwardenCommand implements java.util.concurrent.Callable<Integer> {

  @Option(names = "--home", paramLabel = "DIR", description = "Data directory (default: $PATCHWARDEN_HOME, else ./patchwarden-data in the current directory).")
  Path home;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database, e.g. jdbc:postgresql://localhost/patchwarden (default: SQLite file in the data directory).")
  String db;

  @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn (default), info, debug or trace.")
  String logLevel;

  @Option(names = "--debug", description = "Print stack traces of internal errors.")
  boolean debug;

  /**
   * Every subcommand, by name, in the order {@code --help} lists them: the one list to extend. They
   * are added to the command line lazily (see {@link #commandLineFor}): building a command's model
   * reflects over its class and nested commands, and a run needs only the one it names.
   */
  static final java.util.SequencedMap<String, Class<?>> SUBCOMMANDS = subcommands(
      "demo", DemoCommand.class,
      "feeds", FeedsCommand.class,
      "advisory", AdvisoryCommand.class,
      "scan", ScanCommand.class,
      "inventory", InventoryCommand.class,
      "asset", AssetCommand.class,
      "findings", FindingsCommand.class,
      "assess", AssessCommand.class,
      "explain", ExplainCommand.class,
      "vercmp", VercmpCommand.class,
      "plan", PlanCommand.class,
      "scanner-report", ScannerReportCommand.class,
      "change", ChangeCommand.class,
      "baseline", BaselineCommand.class,
      "accept-risk", AcceptRiskCommand.class,
      "false-positive", FalsePositiveCommand.class,
      "serve", ServeCommand.class,
      "user", UserCommand.class,
      "team", TeamCommand.class,
      "collect", CollectCommand.class,
      "exercise", ExerciseCommand.class,
      "export", ExportCommand.class);

  /** Options of the root command that take a value, to find the subcommand's name in a command line. */
  private static final java.util.Set<String> VALUE_OPTIONS = java.util.Set.of("--home", "--db", "--log-level");

  /** Commands that only read: they never create a database (see {@link #refuseWithoutDatabase}). */
  private static final java.util.Set<String> READ_ONLY = java.util.Set.of("findings", "assess", "explain", "advisory",
      "feeds status", "feeds changes", "inventory history", "asset set", "asset show", "asset list", "plan",
      "findings mark", "change show", "change list", "change metrics", "change audit",
      "change export", "change approve", "change apply", "change cancel", "change verify", "change plan", "accept-risk", "false-positive",
      "baseline list", "baseline show", "baseline diff", "baseline capture", "baseline evidence", "export");

  /**
   * Commands that change what findings derive from: each holds the database's writer lock while it
   * runs, so that two of them never interleave their re-matches (which lost findings).
   */
  static final java.util.Set<String> MATCHING = java.util.Set.of("feeds load", "feeds sync", "feeds remove",
      "feeds rematch", "inventory import", "scan");

  private final Terminal terminal;
  private final Clock clock;
  private App app;
  /** The terminal as given, for the progress line's own escape sequences only. */
  private final Terminal raw;

  PatchwardenCommand(Terminal terminal, Clock clock) {
    this.raw = terminal;
    this.terminal = terminal.escaped();
    this.clock = clock;
  }

  /** A ready command line for {@code terminal}, on the system clock. */
  public static CommandLine commandLine(Terminal terminal) {
    return commandLine(terminal, Clock.systemUTC());
  }

  /** A ready command line for {@code terminal} whose "now" is {@code clock}, with every subcommand. */
  public static CommandLine commandLine(Terminal terminal, Clock clock) {
    return build(terminal, clock, SUBCOMMANDS.keySet());
  }

  /**
   * A command line for running {@code args}: only the subcommand they name is built (the others
   * cost reflection and class loading for nothing). Without a known subcommand name (no command,
   * a typo, {@code --help}) every subcommand is there, so help and suggestions stay complete;
   * {@code --version} alone needs none.
   */
  public static CommandLine commandLineFor(Terminal terminal, Clock clock, String... args) {
    String name = subcommandName(args);
    if (SUBCOMMANDS.containsKey(name)) {
      return build(terminal, clock, java.util.List.of(name));
    }
    boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    return build(terminal, clock, versionOnly ? java.util.List.of() : SUBCOMMANDS.keySet());
  }

  /** The first word of {@code args} past the root command's options, or "" when there is none. */
  static String subcommandName(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (VALUE_OPTIONS.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return "";
  }

  /** Pairs of name and class; the names repeat the {@code @Command} names (a test checks) to spare reading annotations. */
  private static java.util.SequencedMap<String, Class<?>> subcommands(Object... nameAndClass) {
    java.util.LinkedHashMap<String, Class<?>> byName = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameAndClass.length; i += 2) {
      byName.put((String) nameAndClass[i], (Class<?>) nameAndClass[i + 1]);
    }
    return java.util.Collections.unmodifiableSequencedMap(byName);
  }

  private static CommandLine build(Terminal terminal, Clock clock, java.util.Collection<String> names) {
    PatchwardenCommand root = new PatchwardenCommand(terminal, clock);
    CommandLine cl = new CommandLine(root);
    for (String name : names) {
      cl.addSubcommand(name, SUBCOMMANDS.get(name));
    }
    cl.setOut(terminal.out());
    cl.setErr(root.terminal().err());
    HelpLayout.apply(cl);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("patchwarden: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> root.handle(ex));
    cl.setExecutionStrategy(parsed -> {
      try {
        Integer refused = root.refuseWithoutDatabase(parsed);
        if (refused != null) {
          return refused;
        }
        return root.underWriterLock(parsed, () -> new CommandLine.RunLast().execute(parsed));
      } finally {
        root.closeApp();
      }
    });
    return cl;
  }

  @Override
  public Integer call() {
    terminal.err().println("patchwarden: missing command (see 'patchwarden --help')");
    return 2;
  }

  /** The application, configured on first use from flags, environment and the config file. */
  App app() {
    if (app == null) {
      app = new App(ConfigLoader.load(new ConfigLoader.Flags(home, db, logLevel), terminal.env()), clock);
    }
    return app;
  }

  /** The terminal commands print to: control characters in what they print become escapes. */
  Terminal terminal() {
    return terminal;
  }

  /** Standard error as given, for {@link Progress}, which draws with escape sequences of its own. */
  PrintWriter rawErr() {
    return raw.err();
  }

  /**
   * Standard output as given, for output made only of the program's own tokens (the vercmp
   * protocol's answers), where escaping every line would only cost time.
   */
  PrintWriter rawOut() {
    return raw.out();
  }

  /**
   * A read-only command on a home without a database: says so and returns exit code 2, where opening
   * the database would create an empty one and report "0 findings" as if all were clean. Null when
   * the command may go on (another command, help, or a database that exists).
   */
  private Integer refuseWithoutDatabase(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult last = parsed;
    while (true) {
      if (last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
        return null;
      }
      if (!last.hasSubcommand()) {
        break;
      }
      last = last.subcommand();
    }
    String command = last.commandSpec().qualifiedName(" ").replaceFirst("^patchwarden ?", "");
    if (!READ_ONLY.contains(command)) {
      return null;
    }
    try {
      App a = app();
      if (a.databaseExists()) {
        return null;
      }
      terminal.err().println("patchwarden: no database at " + a.databaseDescription()
          + "; run 'patchwarden demo' or 'feeds load' first");
      return 2;
    } catch (ConfigException e) {
      return handle(e);
    }
  }

  /** Runs {@code command}, holding the writer lock when it is one of the {@link #MATCHING} commands. */
  private int underWriterLock(CommandLine.ParseResult parsed, java.util.function.IntSupplier command) {
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    String name = last.commandSpec().qualifiedName(" ").replaceFirst("^patchwarden ?", "");
    if (!MATCHING.contains(name) || last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
      return command.getAsInt();
    }
    org.patchwarden.match.WriterLock.Held held;
    try {
      held = app().writerLock().acquire(() -> terminal.err().println(
          "patchwarden: another command is writing to " + app().databaseDescription() + "; waiting for it to finish"));
    } catch (RuntimeException e) {
      return handle(e);
    }
    try (held) {
      return command.getAsInt();
    }
  }

  /** The configuration from flags, environment and the config file, without opening the database. */
  AppConfig config() {
    return app != null ? app.config()
        : ConfigLoader.load(new ConfigLoader.Flags(home, db, logLevel), terminal.env());
  }

  /** The clock "now" is read from (pinned by end-to-end tests). */
  Clock clock() {
    return clock;
  }

  private void closeApp() {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  private int handle(Exception ex) {
    PrintWriter err = terminal.err();
    if (ex instanceof CliException e) {
      err.println("patchwarden: " + e.getMessage());
      return e.exitCode();
    }
    if (ex instanceof ConfigException e) {
      err.println("patchwarden: configuration: " + e.getMessage());
      return 2;
    }
    if (ex instanceof org.patchwarden.feed.FeedStoreException e) {
      // One line: the database's own message quotes statements and their data.
      err.println("patchwarden: " + e.getMessage());
      return 1;
    }
    if (ex instanceof FeedFormatException e) {
      // Input refused (malformed, not UTF-8, hostile): the operator's input to fix, not a failure of ours.
      err.println("patchwarden: " + e.getMessage());
      if (debug) {
        ex.printStackTrace(err);
      }
      return 2;
    }
    err.println("patchwarden: error: " + ex + (debug ? "" : " (run with --debug for the stack trace)"));
    if (debug) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    return 1;
  }
}
