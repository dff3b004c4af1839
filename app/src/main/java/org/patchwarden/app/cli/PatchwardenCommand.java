package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.patchwarden.app.App;
import org.patchwarden.app.config.ConfigException;
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
        InventoryCommand.class, FindingsCommand.class, AssessCommand.class, ExplainCommand.class, VercmpCommand.class,
        PlanCommand.class},
    footer = {
      "",
      "Configuration: flags > environment (PATCHWARDEN_HOME, PATCHWARDEN_DB, PATCHWARDEN_DB_USER,",
      "PATCHWARDEN_DB_PASSWORD, PATCHWARDEN_LOG_LEVEL) > $PATCHWARDEN_HOME/patchwarden.yaml.",
      "Exit codes: 0 success, 1 failure, 2 usage or configuration error."
    })
public final class PatchwardenCommand implements java.util.concurrent.Callable<Integer> {

  @Option(names = "--home", paramLabel = "DIR", description = "Data directory (default: $PATCHWARDEN_HOME or ./patchwarden-data).")
  Path home;

  @Option(names = "--db", paramLabel = "JDBC_URL", description = "Database, e.g. jdbc:postgresql://localhost/patchwarden (default: SQLite file in the data directory).")
  String db;

  @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn (default), info, debug or trace.")
  String logLevel;

  @Option(names = "--debug", description = "Print stack traces of internal errors.")
  boolean debug;

  private final Terminal terminal;
  private final Clock clock;
  private App app;

  PatchwardenCommand(Terminal terminal, Clock clock) {
    this.terminal = terminal;
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
    cl.setErr(terminal.err());
    HelpLayout.apply(cl);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("patchwarden: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> root.handle(ex));
    cl.setExecutionStrategy(parsed -> {
      try {
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

  Terminal terminal() {
    return terminal;
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
