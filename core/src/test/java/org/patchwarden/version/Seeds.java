package org.patchwarden.version;

/**
 * Seeds of the property tests: {@code -Dpatchwarden.seed=N} replays a run, otherwise each run draws
 * a fresh seed. The seed is printed, so any failure can be replayed.
 */
final class Seeds {
  private Seeds() {}

  /** The seed for {@code test}, printed with the line that replays it. */
  static long seed(String test) {
    Long fixed = Long.getLong("patchwarden.seed");
    long seed = fixed != null ? fixed : System.nanoTime();
    System.out.println(test + " seed: " + seed + " (rerun with -Dpatchwarden.seed=" + seed + ")");
    return seed;
  }

  /** The suffix of a failure message that tells how to replay it. */
  static String replay(long seed) {
    return " (seed " + seed + ", rerun with -Dpatchwarden.seed=" + seed + ")";
  }
}
