package org.patchwarden.version;

import java.util.Arrays;

/**
 * Decimal numbers of any length, as the schemes that put no bound on them keep them: a
 * {@code long} when there are at most {@link #MAX_LONG_DIGITS} significant digits (every real
 * version), otherwise the significant digits as a string. Any long is below any such string, so
 * comparing never allocates.
 *
 * <p>Two layouts share these rules: a long beside a nullable digit string (Maven, generic, Go), and
 * a single long that is either the value or {@code -(i + 1)}, an index into a version's array of
 * digit strings ({@link Encoder}: PEP 440, RubyGems).
 */
final class Digits {
  /** The most significant digits a {@code long} holds for every value: 10^18 - 1 fits. */
  static final int MAX_LONG_DIGITS = 18;

  private static final String[] NONE = new String[0];

  private Digits() {}

  /** The value of the ASCII digits {@code s[from, to)}: at most 18 significant digits. */
  static long value(String s, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  /** Compares digit strings without leading zeros: the longer is larger, else the later in order. */
  static int compareSignificant(String x, String y) {
    if (x.length() != y.length()) {
      return x.length() < y.length() ? -1 : 1;
    }
    return Integer.signum(x.compareTo(y));
  }

  /**
   * Compares two numbers, each a {@code long} value or, when its digit string is not null, that
   * string (more than 18 significant digits, so above any long).
   */
  static int compare(long va, String da, long vb, String db) {
    if (da == null && db == null) {
      return Long.compare(va, vb);
    }
    if (da == null) {
      return -1;
    }
    if (db == null) {
      return 1;
    }
    return compareSignificant(da, db);
  }

  /** Compares two encoded numbers (see {@link Encoder}), each with its version's digit strings. */
  static int compareEncoded(long a, String[] aBigs, long b, String[] bBigs) {
    if (a >= 0 && b >= 0) {
      return Long.compare(a, b);
    }
    if (a >= 0) {
      return -1;
    }
    if (b >= 0) {
      return 1;
    }
    return compareSignificant(aBigs[(int) (-a - 1)], bBigs[(int) (-b - 1)]);
  }

  /** The hash of an encoded number: equal numbers hash alike. */
  static int hashEncoded(long v, String[] bigs) {
    return v >= 0 ? Long.hashCode(v) : bigs[(int) (-v - 1)].hashCode();
  }

  /** An encoded number in decimal, without leading zeros. */
  static String toStringEncoded(long v, String[] bigs) {
    return v >= 0 ? Long.toString(v) : bigs[(int) (-v - 1)];
  }

  /**
   * Encodes the numbers of one version as longs: the value when it fits, else {@code -(i + 1)} for
   * the {@code i}-th digit string in {@link #bigs}.
   */
  static final class Encoder {
    private String[] bigs;
    private int count;

    /** The encoding of the ASCII digits {@code s[from, to)}; an empty run is 0. */
    long encode(String s, int from, int to) {
      int z = from;
      while (z < to - 1 && s.charAt(z) == '0') {
        z++;
      }
      if (to - z <= MAX_LONG_DIGITS) {
        return value(s, z, to);
      }
      if (bigs == null) {
        bigs = new String[2];
      } else if (count == bigs.length) {
        bigs = Arrays.copyOf(bigs, count * 2);
      }
      bigs[count++] = s.substring(z, to);
      return -count;
    }

    /** The digit strings the encoded numbers refer to. */
    String[] bigs() {
      return bigs == null ? NONE : count == bigs.length ? bigs : Arrays.copyOf(bigs, count);
    }
  }
}
