package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.patchwarden.feed.SafeText;

/**
 * Progress of a long load on stderr: a self-rewriting line when stderr is a terminal, plain log
 * lines otherwise (so that CI logs and pipes stay readable).
 */
final class Progress {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final boolean interactive;
  private String label = "";
  private long started;
  private long lastDraw;

  Progress(PrintWriter err, boolean interactive) {
    this.err = err;
    this.interactive = interactive;
  }

  /** Whether this process's stderr is a terminal (Linux: fd 2 points at a tty). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }

  void start(String label) {
    this.label = SafeText.escape(label); // file names are input too, and this writer is not escaped
    started = System.nanoTime();
    lastDraw = 0;
    if (!interactive) {
      err.println("loading " + this.label + " …");
      err.flush();
    }
  }

  /** Reports a running count (records or bytes, named by {@code unit}). */
  void update(long count, String unit) {
    if (!interactive) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double seconds = (now - started) / 1e9;
    err.printf("\r\033[K  %s  %,d %s  %.1f s", label, count, unit, seconds);
    err.flush();
  }

  void finish() {
    if (interactive) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
