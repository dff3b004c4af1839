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
    subcommands = {DemoCommand.class, FeedsCommand.class, AdvisoryCommand.class, ScanCommand.class,
        InventoryCommand.class, AssetCommand.class, FindingsCommand.class, AssessCommand.class, ExplainCommand.class,
        VercmpCommand.class, PlanCommand.class, ChangeCommand.class, AcceptRiskCommand.class,
        FalsePositiveCommand.class},
    footer = {
      "",
      "Configuration: flags > environment (PATCHWARDEN_HOME, PATCHWARDEN_DB, PATCHWARDEN_DB_USER,",
      "PATCHWARDEN_DB_PASSWORD, PATCHWARDEN_LOG_LEVEL) > $PATCHWARDEN_HOME/patchwarden.yaml.",
      "Exit codes: 0 success, 1 failure, 2 usage or configuration error."
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

  /** Commands that only read: they never create a database (see {@link #refuseWithoutDatabase}). */
  private static final java.util.Set<String> READ_ONLY = java.util.Set.of("findings", "assess", "explain", "advisory",
      "feeds status", "feeds changes", "inventory history", "asset set", "asset show", "asset list", "plan",
      "findings mark", "change show", "change list", "change metrics", "change audit",
      "change approve", "change apply", "change cancel", "change verify", "change plan", "accept-risk", "false-positive");

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

  /** A ready command line for {@code terminal} whose "now" is {@code clock}. */
  public static CommandLine commandLine(Terminal terminal, Clock clock) {
    PatchwardenCommand root = new PatchwardenCommand(terminal, clock);
    CommandLine cl = new CommandLine(root);
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
        return new CommandLine.RunLast().execute(parsed);
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
      err.println("patchwarden: " + e.getMessage());
      if (debug) {
        ex.printStackTrace(err);
      }
      return 1;
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
