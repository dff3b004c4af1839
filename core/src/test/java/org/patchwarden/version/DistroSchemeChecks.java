package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Order-law and garbage checks shared by the deb, rpm and apk scheme tests. */
final class DistroSchemeChecks {
  private DistroSchemeChecks() {}

  /** How many strings a run of {@link #checkOrderLaws} generated, and how many singles parsed. */
  record Counts(int generated, int singles, int validSingles, int pairs, int triples) {}

  /**
   * Checks reflexivity, antisymmetry, transitivity, equals/hashCode against compareTo and the
   * normalized() round trip on generated versions; invalid generated strings must fail cleanly.
   */
  static Counts checkOrderLaws(VersionScheme scheme, Function<Random, String> generator, long seed,
      int singles, int pairs, int triples, int sorted) {
    Random rnd = new Random(seed);
    int generated = 0;
    int valid = 0;
    for (int i = 0; i < singles; i++) {
      String s = generator.apply(rnd);
      generated++;
      Version v = tryParse(scheme, s);
      if (v == null) {
        continue;
      }
      valid++;
      Version again = scheme.parse(s);
      Version normal = scheme.parse(v.normalized());
      if (v.compareTo(v) != 0 || !v.equals(v) || !v.equals(again)
          || again.hashCode() != v.hashCode() || !s.equals(v.text())) {
        fail("not reflexive or not stable: " + DistroVectors.show(s));
      }
      if (v.compareTo(normal) != 0 || normal.compareTo(v) != 0 || !normal.equals(v)
          || normal.hashCode() != v.hashCode()) {
        fail("normalized " + DistroVectors.show(v.normalized()) + " differs from "
            + DistroVectors.show(s));
      }
    }
    List<Version> pool = new ArrayList<>();
    while (pool.size() < 512) {
      Version v = tryParse(scheme, generator.apply(rnd));
      generated++;
      if (v != null) {
        pool.add(v);
      }
    }
    for (int i = 0; i < pairs; i++) {
      // half fresh pairs, half against a pool member, so equal pairs show up too
      Version a = tryParse(scheme, generator.apply(rnd));
      Version b = rnd.nextBoolean()
          ? tryParse(scheme, generator.apply(rnd))
          : pool.get(rnd.nextInt(pool.size()));
      generated += 2;
      if (a == null || b == null) {
        continue;
      }
      int ab = Integer.signum(a.compareTo(b));
      int ba = Integer.signum(b.compareTo(a));
      if (ab != -ba) {
        fail("not antisymmetric: " + a.text() + " vs " + b.text() + ": " + ab + ", " + ba);
      }
      if (a.equals(b) != (ab == 0) || (ab == 0 && a.hashCode() != b.hashCode())) {
        fail("equals/hashCode disagree with compareTo: " + a.text() + " vs " + b.text());
      }
    }
    for (int i = 0; i < triples; i++) {
      Version a = pool.get(rnd.nextInt(pool.size()));
      Version b = pool.get(rnd.nextInt(pool.size()));
      Version c = pool.get(rnd.nextInt(pool.size()));
      int ab = a.compareTo(b);
      int bc = b.compareTo(c);
      int ac = a.compareTo(c);
      if ((ab <= 0 && bc <= 0 && ac > 0) || (ab >= 0 && bc >= 0 && ac < 0)
          || (ab == 0 && bc == 0 && ac != 0)) {
        fail("not transitive: " + a.text() + ", " + b.text() + ", " + c.text());
      }
    }
    List<Version> list = new ArrayList<>();
    while (list.size() < sorted) {
      Version v = tryParse(scheme, generator.apply(rnd));
      generated++;
      if (v != null) {
        list.add(v);
      }
    }
    list.sort(null); // TimSort reports some contract violations itself
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        if (list.get(i).compareTo(list.get(j)) > 0) {
          fail("sorted order broken: " + list.get(i).text() + " > " + list.get(j).text());
        }
      }
    }
    return new Counts(generated, singles, valid, pairs, triples);
  }

  /**
   * Bytes this thread allocated while comparing every pair of {@code versions} {@code rounds}
   * times, after a warm-up; -1 where the JVM cannot tell.
   */
  static long bytesAllocatedByCompare(List<Version> versions, int rounds) {
    if (!(java.lang.management.ManagementFactory.getThreadMXBean()
        instanceof com.sun.management.ThreadMXBean threads)) {
      return -1;
    }
    Version[] vs = versions.toArray(new Version[0]);
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

  /** Parses, or returns null on a clean rejection; any other exception fails the test. */
  static Version tryParse(VersionScheme scheme, String s) {
    try {
      return scheme.parse(s);
    } catch (InvalidVersionException e) {
      assertThat(e.getMessage()).startsWith("invalid " + scheme.name() + " version");
      return null;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("unexpected " + e + " for " + DistroVectors.show(s), e);
    }
  }

  /** Garbage inputs: each is either rejected cleanly or parses to a version equal to itself. */
  static List<String> garbage() {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(" ");
    out.add("\t\t");
    out.add("\u0000");
    out.add("1.0\u0000");
    out.add("\u0001\u0002\u0003");
    out.add("1.0\n");
    out.add("\n1:1.0");
    out.add("1.0\r\n2");
    out.add("1.0\u007f");
    out.add("\uD800");
    out.add("1.\uDC00");
    out.add("\uFEFF1.0");
    out.add("٣.٤");
    out.add("1".repeat(60));
    out.add("1." + "9".repeat(60));
    out.add("9".repeat(60) + ":1.0");
    out.add("1.0-" + "0".repeat(60) + "1");
    out.add("1:" + "9".repeat(60));
    out.add("1.0_rc" + "9".repeat(60) + "-r" + "9".repeat(60));
    out.add("x".repeat(10_000));
    out.add("1.".repeat(5_000));
    out.add("1.".repeat(5_000) + "1");
    out.add("-".repeat(10_000));
    out.add(":".repeat(10_000));
    out.add("~".repeat(10_000));
    out.add("^".repeat(10_000));
    out.add("1" + "a".repeat(10_000));
    out.add("1" + "_p".repeat(5_000));
    out.add("[(".repeat(5_000));
    out.add("1.0" + " ".repeat(10_000));
    out.add(" ".repeat(10_000) + "1.0");
    return out;
  }
}
