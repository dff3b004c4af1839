package org.patchwarden.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the real CLI jar as child processes, each with its output in files of its own. */
final class ChaosCli {
  private final Path java;
  private final Path jar;
  private final Path logs;
  private final Path cds;
  private final AtomicInteger counter = new AtomicInteger();

  ChaosCli(Path java, Path jar, Path logs) {
    this.java = java;
    this.jar = jar;
    this.logs = logs;
    this.cds = logs.resolve("cds");
    try {
      Files.createDirectories(cds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + cds, e);
    }
  }

  /** A running (or finished) child. */
  final class Run {
    final List<String> args;
    final Process process;
    final Path out;
    final Path err;
    final long startedNanos = System.nanoTime();

    Run(List<String> args, Process process, Path out, Path err) {
      this.args = args;
      this.process = process;
      this.out = out;
      this.err = err;
    }

    int await() {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException("interrupted", e);
      }
    }

    /** kill -9; whether the process was still running when killed. */
    boolean kill() {
      boolean alive = process.isAlive();
      process.destroyForcibly();
      await();
      return alive;
    }

    String output() {
      try {
        return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(output unreadable: " + e.getMessage() + ")";
      }
    }

    /** A clean "busy, try again" refusal: the command refused to start rather than failing half-way. */
    boolean busyRefusal() {
      String text = output().toLowerCase(Locale.ROOT);
      return process.exitValue() != 0 && (text.contains("busy") || text.contains("database is locked"));
    }

    String describe() {
      return "'" + String.join(" ", args) + "' exit " + process.exitValue() + ": " + firstLines(output(), 3)
          + " (output in " + out.getParent() + ")";
    }
  }

  /** Starts {@code patchwarden <home args> args…}. */
  Run start(ChaosStore.Home home, String... args) {
    List<String> cliArgs = new ArrayList<>();
    cliArgs.add("--home");
    cliArgs.add(home.dir().toString());
    cliArgs.addAll(home.cliArgs());
    cliArgs.addAll(List.of(args));
    String verb = args[0] + (args.length > 1 && !args[1].startsWith("-") ? "-" + args[1] : "");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + cds.resolve(verb + ".jsa"),
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", jar.toString()));
    command.addAll(cliArgs);
    int n = counter.incrementAndGet();
    Path out = home.dir().resolve("run-" + n + "-" + verb + ".out");
    Path err = home.dir().resolve("run-" + n + "-" + verb + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PATCHWARDEN_"));
    try {
      return new Run(List.of(args), pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs a command to its end; returns it with its exit value set. */
  Run run(ChaosStore.Home home, String... args) {
    Run r = start(home, args);
    r.await();
    return r;
  }

  static String firstLines(String text, int n) {
    return String.join(" / ", text.strip().lines().limit(n).toList());
  }
}
