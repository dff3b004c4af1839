package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The laws every {@link Version} promises, checked on one scheme's versions: {@code text()} is the
 * input, the order is reflexive, antisymmetric and transitive, equals and hashCode agree with
 * compareTo, and {@code parse(normalized())} gives an equal version whose normal form is the same.
 *
 * <p>A seeded instance ({@link #seeded}) names its seed in every failure; the scheme tests draw
 * their generated versions from {@link #random}.
 */
final class OrderLaws {
  private final VersionScheme scheme;
  private final long seed;
  private final boolean isSeeded;

  private OrderLaws(VersionScheme scheme, long seed, boolean isSeeded) {
    this.scheme = scheme;
    this.seed = seed;
    this.isSeeded = isSeeded;
  }

  /** Laws for fixed inputs: failures name the input only. */
  static OrderLaws of(VersionScheme scheme) {
    return new OrderLaws(scheme, 0, false);
  }

  /** Laws for generated inputs, under the seed of {@code test} (see {@link Seeds}). */
  static OrderLaws seeded(VersionScheme scheme, String test) {
    return new OrderLaws(scheme, Seeds.seed(test), true);
  }

  /** The random source number {@code stream} of this seed: 0, 1, 2 … give independent draws. */
  Random random(int stream) {
    return new Random(seed + stream);
  }

  /** Parses {@code text}, which must be valid, and checks that {@code text()} is the input. */
  Version parse(String text) {
    Version v = scheme.parse(text);
    if (!text.equals(v.text())) {
      fail("text() " + VectorFile.show(v.text()) + " is not the input " + VectorFile.show(text));
    }
    return v;
  }

  /**
   * Parses {@code text}, or returns null on a clean rejection: an {@link InvalidVersionException}
   * whose message starts {@code invalid <scheme> version}. Any other exception fails.
   */
  Version tryParse(String text) {
    try {
      return parse(text);
    } catch (InvalidVersionException e) {
      assertThat(e.getMessage()).startsWith("invalid " + scheme.name() + " version");
      return null;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("unexpected " + e + " for " + VectorFile.show(text) + suffix(), e);
    }
  }

  /** Parses {@code count} strings of {@code generator}; each must be valid. */
  List<Version> generate(int count, Function<Random, String> generator, Random rnd) {
    List<Version> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(parse(generator.apply(rnd)));
    }
    return out;
  }

  /**
   * Checks one version: reflexive, equal (with the same hash) to a new parse of its text and to
   * the parse of its normalized form, both ways, and that form normalizes to itself.
   */
  void assertStable(Version v) {
    if (v.compareTo(v) != 0 || !v.equals(v)) {
      fail("not reflexive: " + VectorFile.show(v.text()));
    }
    Version again = scheme.parse(v.text());
    if (again.compareTo(v) != 0 || !v.equals(again) || again.hashCode() != v.hashCode()) {
      fail("not stable: " + VectorFile.show(v.text()));
    }
    Version normal = scheme.parse(v.normalized());
    if (v.compareTo(normal) != 0 || normal.compareTo(v) != 0 || !normal.equals(v)
        || !v.equals(normal) || normal.hashCode() != v.hashCode()) {
      fail("normalized " + VectorFile.show(v.normalized()) + " differs from "
          + VectorFile.show(v.text()));
    }
    if (!normal.normalized().equals(v.normalized())) {
      fail("normalized " + VectorFile.show(v.normalized()) + " of " + VectorFile.show(v.text())
          + " normalizes again to " + VectorFile.show(normal.normalized()));
    }
  }

  void assertEachStable(List<? extends Version> versions) {
    for (Version v : versions) {
      assertStable(v);
    }
  }

  /**
   * Checks one pair: antisymmetric, {@code a} reflexive, equals (both ways) exactly when compareTo
   * is 0, and then the same hashCode. Returns the sign of {@code a.compareTo(b)}.
   */
  int assertPair(Version a, Version b) {
    int ab = Integer.signum(a.compareTo(b));
    int ba = Integer.signum(b.compareTo(a));
    if (ab != -ba || a.compareTo(a) != 0) {
      fail("not antisymmetric: " + VectorFile.show(a.text()) + " vs " + VectorFile.show(b.text())
          + ": " + ab + ", " + ba);
    }
    if (a.equals(b) != (ab == 0) || b.equals(a) != (ab == 0)
        || (ab == 0 && a.hashCode() != b.hashCode())) {
      fail("equals/hashCode disagree with compareTo: " + VectorFile.show(a.text()) + " vs "
          + VectorFile.show(b.text()));
    }
    return ab;
  }

  /** Checks {@code pairs} pairs drawn from {@code pool}; returns how many were equal. */
  int assertRandomPairs(List<? extends Version> pool, Random rnd, int pairs) {
    int equal = 0;
    for (int i = 0; i < pairs; i++) {
      Version a = pool.get(rnd.nextInt(pool.size()));
      Version b = pool.get(rnd.nextInt(pool.size()));
      equal += assertPair(a, b) == 0 ? 1 : 0;
    }
    return equal;
  }

  void assertTransitive(Version a, Version b, Version c) {
    int ab = a.compareTo(b);
    int bc = b.compareTo(c);
    int ac = a.compareTo(c);
    if ((ab <= 0 && bc <= 0 && ac > 0) || (ab >= 0 && bc >= 0 && ac < 0)
        || (ab == 0 && bc == 0 && ac != 0)) {
      fail("not transitive: " + VectorFile.show(a.text()) + ", " + VectorFile.show(b.text())
          + ", " + VectorFile.show(c.text()));
    }
  }

  /** Sorts {@code versions} (TimSort reports some broken orders itself) and checks every pair. */
  void assertSortsPairwise(List<? extends Version> versions) {
    List<Version> sorted = sorted(versions);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        if (sorted.get(i).compareTo(sorted.get(j)) > 0) {
          fail("sorted order broken: " + VectorFile.show(sorted.get(i).text()) + " > "
              + VectorFile.show(sorted.get(j).text()));
        }
      }
    }
  }

  /** Sorts {@code versions} and checks {@code samples} random pairs of positions. */
  void assertSortedAtRandomPairs(List<? extends Version> versions, Random rnd, int samples) {
    List<Version> sorted = sorted(versions);
    for (int i = 0; i < samples; i++) {
      int x = rnd.nextInt(sorted.size());
      int y = rnd.nextInt(sorted.size());
      Version lo = sorted.get(Math.min(x, y));
      Version hi = sorted.get(Math.max(x, y));
      if (lo.compareTo(hi) > 0) {
        fail("not transitive: " + VectorFile.show(lo.text()) + " sorts below "
            + VectorFile.show(hi.text()) + " but compares above it");
      }
    }
  }

  /** Sorts {@code versions} and checks each against the next two. */
  void assertSortedNeighbours(List<? extends Version> versions) {
    List<Version> sorted = sorted(versions);
    for (int i = 0; i + 2 < sorted.size(); i++) {
      if (sorted.get(i).compareTo(sorted.get(i + 1)) > 0
          || sorted.get(i).compareTo(sorted.get(i + 2)) > 0) {
        fail("not transitive around " + VectorFile.show(sorted.get(i).text()));
      }
    }
  }

  private static List<Version> sorted(List<? extends Version> versions) {
    List<Version> sorted = new ArrayList<>(versions);
    sorted.sort(null);
    return sorted;
  }

  /** How many strings a run of {@link #checkOnGeneratedStrings} generated, and how many parsed. */
  record Counts(int generated, int singles, int validSingles, int pairs, int triples) {}

  /**
   * The whole set of laws on raw generated strings, which may be invalid (then they must be
   * rejected cleanly): {@code singles} strings checked alone, {@code pairs} pairs (half fresh, half
   * against a pool of 512, so equal pairs show up too), {@code triples} triples from the pool, and
   * {@code sorted} valid versions sorted and checked pairwise.
   */
  Counts checkOnGeneratedStrings(Function<Random, String> generator, int singles, int pairs,
      int triples, int sorted) {
    Random rnd = random(0);
    int generated = 0;
    int valid = 0;
    for (int i = 0; i < singles; i++) {
      Version v = tryParse(generator.apply(rnd));
      generated++;
      if (v != null) {
        valid++;
        assertStable(v);
      }
    }
    List<Version> pool = new ArrayList<>();
    while (pool.size() < 512) {
      Version v = tryParse(generator.apply(rnd));
      generated++;
      if (v != null) {
        pool.add(v);
      }
    }
    for (int i = 0; i < pairs; i++) {
      Version a = tryParse(generator.apply(rnd));
      Version b = rnd.nextBoolean()
          ? tryParse(generator.apply(rnd))
          : pool.get(rnd.nextInt(pool.size()));
      generated += 2;
      if (a != null && b != null) {
        assertPair(a, b);
      }
    }
    for (int i = 0; i < triples; i++) {
      assertTransitive(pool.get(rnd.nextInt(pool.size())), pool.get(rnd.nextInt(pool.size())),
          pool.get(rnd.nextInt(pool.size())));
    }
    List<Version> list = new ArrayList<>();
    while (list.size() < sorted) {
      Version v = tryParse(generator.apply(rnd));
      generated++;
      if (v != null) {
        list.add(v);
      }
    }
    assertSortsPairwise(list);
    return new Counts(generated, singles, valid, pairs, triples);
  }

  /** Fails with {@code message}, naming the seed that replays the failure. */
  void fail(String message) {
    throw new AssertionError(message + suffix());
  }

  private String suffix() {
    return isSeeded ? Seeds.replay(seed) : "";
  }

  // --- examples: fixed versions ----------------------------------------------------------------

  /** Asserts that {@code versions} ascend strictly: each compares below the next, and the next above. */
  static void assertAscending(VersionScheme scheme, String... versions) {
    for (int i = 0; i + 1 < versions.length; i++) {
      assertThat(scheme.compare(versions[i], versions[i + 1]))
          .as(versions[i] + " < " + versions[i + 1]).isEqualTo(-1);
      assertThat(scheme.compare(versions[i + 1], versions[i]))
          .as(versions[i + 1] + " > " + versions[i]).isEqualTo(1);
    }
  }

  /**
   * Asserts that comparing every pair of {@code versions} 2,000 times allocates less than a
   * kilobyte on this thread (where the JVM can tell): anything allocated per call would show as
   * hundreds of kilobytes.
   */
  static void assertComparesWithoutAllocating(VersionScheme scheme, String... versions) {
    Version[] vs = new Version[versions.length];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = scheme.parse(versions[i]);
    }
    // NB: the JVM itself sometimes allocates on this thread during a measurement (JIT, safepoint
    // bookkeeping); a per-call allocation would show in every attempt, so the smallest counts.
    long least = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 5 && least >= 1_024; attempt++) {
      least = Math.min(least, bytesAllocatedByCompare(vs, 2_000));
    }
    assertThat(least).isLessThan(1_024);
  }

  /**
   * Bytes this thread allocated while comparing every pair of {@code vs} {@code rounds} times,
   * after a warm-up; -1 where the JVM cannot tell.
   */
  private static long bytesAllocatedByCompare(Version[] vs, int rounds) {
    if (!(java.lang.management.ManagementFactory.getThreadMXBean()
        instanceof com.sun.management.ThreadMXBean threads)) {
      return -1;
    }
    long sink = 0;
    for (int i = 0; i < 20_000; i++) {
      sink += vs[i % vs.length].compareTo(vs[(i * 7 + 1) % vs.length]);
    }
    // indexed loops: an iterator would be the only allocation measured
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < vs.length; i++) {
        for (int j = 0; j < vs.length; j++) {
          sink += vs[i].compareTo(vs[j]);
        }
      }
    }
    long after = threads.getCurrentThreadAllocatedBytes();
    // the measuring call itself may allocate a little; the sink keeps the loop alive
    return Math.max(0, after - before - (sink == Long.MIN_VALUE ? 1 : 0));
  }
}
