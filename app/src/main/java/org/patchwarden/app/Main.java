package org.patchwarden.app;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.patchwarden.app.cli.PatchwardenCommand;
import org.patchwarden.app.cli.Terminal;

/** The {@code patchwarden} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    StartupTrace.mark("main");
    // Raw descriptors, UTF-8, one 64 kB buffer: the vercmp protocol streams 100k lines per second.
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    int code = run(new Terminal(new FileInputStream(FileDescriptor.in), out, err, System.getenv()), args);
    StartupTrace.mark("exit " + code);
    System.exit(code);
  }

  /** Runs one command line; returns the exit code (0 ok, 1 failure, 2 usage or configuration error). */
  public static int run(Terminal terminal, String... args) {
    return run(terminal, Clock.systemUTC(), args);
  }

  /**
   * Runs one command line with {@code clock} as "now" (end-to-end tests pin today with a fixed
   * clock); returns the exit code.
   */
  public static int run(Terminal terminal, Clock clock, String... args) {
    try {
      picocli.CommandLine commandLine = PatchwardenCommand.commandLineFor(terminal, clock, args);
      StartupTrace.mark("command line built");
      return commandLine.execute(args);
    } finally {
      terminal.out().flush();
      terminal.err().flush();
    }
  }
}
