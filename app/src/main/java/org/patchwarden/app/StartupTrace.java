package org.patchwarden.app;

/**
 * Start-up timing marks on stderr when {@code PATCHWARDEN_TRACE_STARTUP} is set: milliseconds since
 * the JVM started at each step (command line built, configuration read, database open, command done),
 * to see where a short command's time goes. Off, a mark costs one static field read.
 */
public final class StartupTrace {
  private static final boolean ON = System.getenv("PATCHWARDEN_TRACE_STARTUP") != null;
  private static long jvmStartMillis;

  private StartupTrace() {}

  /** Prints {@code step} with the time since the JVM started, when tracing is on. */
  public static void mark(String step) {
    if (ON) {
      print(step);
    }
  }

  private static synchronized void print(String step) {
    if (jvmStartMillis == 0) {
      // Loaded only when tracing: the management classes are not part of a normal start.
      jvmStartMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }
    System.err.printf("[startup] %5d ms  %s%n", System.currentTimeMillis() - jvmStartMillis, step);
  }
}
