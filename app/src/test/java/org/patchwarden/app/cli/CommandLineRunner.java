package org.patchwarden.app.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.patchwarden.app.Main;

/** Runs the real command line in-process and captures what it printed. */
final class CommandLineRunner {
  record Result(int exitCode, String out, String err) {}

  private CommandLineRunner() {}

  static Result run(Map<String, String> env, String stdin, String... args) {
    return run(Clock.systemUTC(), env, stdin, args);
  }

  /** Runs with {@code clock} as "now", so that dates in the output are fixed. */
  static Result run(Clock clock, Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out), new PrintWriter(err), env), clock, args);
    return new Result(code, out.toString(), err.toString());
  }
}
