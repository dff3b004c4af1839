package org.patchwarden.version;

import java.util.Arrays;
import java.util.Objects;

/**
 * An Alpine package version, {@code digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}}, tokenized by
 * apk-tools 3.0's state machine ({@code token_first}/{@code token_next}) and ordered like
 * {@code apk_version_compare}.
 *
 * <p>Parsing stores the token list, so comparing walks two arrays and never allocates.
 */
final class ApkVersion implements Version {
  // Token types in apk-tools' order: the order matters, a later token type sorts lower.
  static final byte INITIAL_DIGIT = 0;
  static final byte DIGIT = 1;
  static final byte LETTER = 2;
  static final byte SUFFIX = 3;
  static final byte SUFFIX_NO = 4;
  static final byte COMMIT_HASH = 5;
  static final byte REVISION_NO = 6;
  static final byte END = 7;

  // Suffix values in apk-tools' order; NONE is the pivot between pre- and post-release suffixes.
  private static final int SUFFIX_INVALID = 0;
  private static final int SUFFIX_NONE = 5;
  private static final String[] SUFFIX_NAMES = {
    "", "alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"
  };

  private final VersionScheme scheme;
  private final String text;
  private final int count;
  private final byte[] types;
  // Numbers (wrapped like apk's uint64_t), the letter, or the suffix value, per token.
  private final long[] values;
  // (start << 32) | end of each token's text, for the tokens compared as strings.
  private final long[] spans;
  private int hash;

  private ApkVersion(VersionScheme scheme, String text, int count, byte[] types, long[] values,
      long[] spans) {
    this.scheme = scheme;
    this.text = text;
    this.count = count;
    this.types = types;
    this.values = values;
    this.spans = spans;
  }

  /** Accumulates the token list while running apk's validation state machine. */
  private static final class Tokenizer {
    private final String text;
    private final int n;
    private int pos;
    private int count;
    private byte[] types;
    private long[] values;
    private long[] spans;

    Tokenizer(String text) {
      this.text = text;
      this.n = text.length();
      int capacity = Math.min(n, 16);
      types = new byte[capacity];
      values = new long[capacity];
      spans = new long[capacity];
    }

    private void add(byte type, long value, int start, int end) {
      if (count == types.length) {
        int capacity = Math.max(4, count * 2);
        types = Arrays.copyOf(types, capacity);
        values = Arrays.copyOf(values, capacity);
        spans = Arrays.copyOf(spans, capacity);
      }
      types[count] = type;
      values[count] = value;
      spans[count] = ((long) start << 32) | end;
      count++;
    }

    /** Reads a run of digits as apk's apk_blob_pull_uint does; false when there is none. */
    private boolean digits(byte type) {
      int start = pos;
      long value = 0;
      while (pos < n) {
        char c = text.charAt(pos);
        if (c < '0' || c > '9') {
          break;
        }
        // NB: apk accumulates in a uint64_t without an overflow check: numbers wrap modulo 2^64.
        value = value * 10 + (c - '0');
        pos++;
      }
      if (pos == start) {
        return false;
      }
      add(type, value, start, pos);
      return true;
    }

    /** Runs the whole state machine; returns null when valid, else the reason. */
    String run() {
      if (!digits(INITIAL_DIGIT)) {
        return "must start with a digit";
      }
      while (pos < n) {
        byte last = types[count - 1];
        char c = text.charAt(pos);
        int at = pos;
        if (c >= 'a' && c <= 'z') {
          if (last > DIGIT) {
            return unexpected(at);
          }
          add(LETTER, c, pos, pos + 1);
          pos++;
        } else if (c == '.' || (c >= '0' && c <= '9')) {
          byte type;
          if (c == '.') {
            if (last > DIGIT) {
              return unexpected(at);
            }
            pos++;
            type = DIGIT;
          } else if (last == SUFFIX) {
            type = SUFFIX_NO;
          } else {
            // a digit straight after a letter, a hash or a number that ended early
            return unexpected(at);
          }
          if (!digits(type)) {
            return "expected a number after '.' at offset " + at;
          }
        } else if (c == '_') {
          if (last > SUFFIX_NO) {
            return unexpected(at);
          }
          pos++;
          int start = pos;
          while (pos < n && text.charAt(pos) >= 'a' && text.charAt(pos) <= 'z') {
            pos++;
          }
          int suffix = suffixValue(text, start, pos);
          if (suffix == SUFFIX_INVALID) {
            return "unknown suffix '_" + text.substring(start, pos) + "' at offset " + at;
          }
          add(SUFFIX, suffix, start, pos);
        } else if (c == '~') {
          if (last >= COMMIT_HASH) {
            return unexpected(at);
          }
          pos++;
          int start = pos;
          while (pos < n && isHex(text.charAt(pos))) {
            pos++;
          }
          if (pos == start) {
            return "expected a lower-case hex commit hash after '~' at offset " + at;
          }
          add(COMMIT_HASH, 0, start, pos);
        } else if (c == '-') {
          if (last >= REVISION_NO || pos + 1 >= n || text.charAt(pos + 1) != 'r') {
            return unexpected(at);
          }
          pos += 2;
          if (!digits(REVISION_NO)) {
            return "expected a number after '-r' at offset " + at;
          }
        } else {
          return unexpected(at);
        }
      }
      return null;
    }

    private String unexpected(int at) {
      char c = text.charAt(at);
      String shown = c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
      return "unexpected '" + shown + "' at offset " + at;
    }
  }

  private static boolean isHex(char c) {
    // NB: apk's hex class is lower-case only; "~ABC" is invalid.
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static int suffixValue(String s, int from, int to) {
    int len = to - from;
    if (len == 0) {
      return SUFFIX_INVALID;
    }
    for (int v = 1; v < SUFFIX_NAMES.length; v++) {
      String name = SUFFIX_NAMES[v];
      if (name.length() == len && s.regionMatches(from, name, 0, len)) {
        return v;
      }
    }
    return SUFFIX_INVALID;
  }

  static ApkVersion parse(VersionScheme scheme, String text) {
    if (text == null) {
      throw new InvalidVersionException(ApkVersionScheme.NAME, null, "version is null");
    }
    Tokenizer t = new Tokenizer(text);
    String error = text.isEmpty() ? "empty version" : t.run();
    if (error != null) {
      throw new InvalidVersionException(ApkVersionScheme.NAME, text, error);
    }
    return new ApkVersion(scheme, text, t.count, t.types, t.values, t.spans);
  }

  private static int start(long span) {
    return (int) (span >>> 32);
  }

  private static int end(long span) {
    return (int) span;
  }

  /** apk_blob_sort: byte order, then the shorter first. */
  private static int blobSort(String a, long aSpan, String b, long bSpan) {
    int ai = start(aSpan);
    int ae = end(aSpan);
    int bi = start(bSpan);
    int be = end(bSpan);
    for (; ai < ae && bi < be; ai++, bi++) {
      char ca = a.charAt(ai);
      char cb = b.charAt(bi);
      if (ca != cb) {
        return ca < cb ? -1 : 1;
      }
    }
    int al = ae - ai;
    int bl = be - bi;
    return al == bl ? 0 : (al < bl ? -1 : 1);
  }

  private boolean leadingZero(int i) {
    return text.charAt(start(spans[i])) == '0';
  }

  /** apk's token_cmp for two tokens of the same type. */
  private int tokenCompare(int i, ApkVersion o) {
    byte type = types[i];
    if (type == COMMIT_HASH || (type == DIGIT && (leadingZero(i) || o.leadingZero(i)))) {
      // NB: a dotted number with a leading zero compares as a string (Gentoo rule): 1.05 < 1.1.
      return blobSort(text, spans[i], o.text, o.spans[i]);
    }
    return Long.compareUnsigned(values[i], o.values[i]);
  }

  // Hot path, benchmarked with JMH (goal: >= 50M compares/s on pre-parsed versions): it must not
  // allocate. Keep it to index arithmetic on the stored text: no substring, boxing or streams.
  @Override
  public int compareTo(Version v) {
    Objects.requireNonNull(v, "version");
    if (!(v instanceof ApkVersion o)) {
      throw new IllegalArgumentException(
          "cannot compare an apk version with a " + v.scheme().name() + " version");
    }
    int i = 0;
    byte ta;
    byte tb;
    while (true) {
      ta = i < count ? types[i] : END;
      tb = i < o.count ? o.types[i] : END;
      if (ta != tb) {
        break;
      }
      if (ta == END) {
        return 0;
      }
      int c = tokenCompare(i, o);
      if (c != 0) {
        return c;
      }
      i++;
    }
    // Equal so far; the one going on is newer, unless it goes on with a pre-release suffix. Else
    // the token type earlier in apk's order wins (a dotted number beats a letter, ... the end).
    if (ta == SUFFIX && values[i] < SUFFIX_NONE) {
      return -1;
    }
    if (tb == SUFFIX && o.values[i] < SUFFIX_NONE) {
      return 1;
    }
    return ta > tb ? -1 : 1;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof ApkVersion other && compareTo(other) == 0);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 1;
      for (int i = 0; i < count; i++) {
        byte type = types[i];
        h = 31 * h + type;
        if (type == COMMIT_HASH || (type == DIGIT && leadingZero(i))) {
          for (int k = start(spans[i]), e = end(spans[i]); k < e; k++) {
            h = 31 * h + text.charAt(k);
          }
        } else {
          h = 31 * h + Long.hashCode(values[i]);
        }
      }
      hash = h;
    }
    return h;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  /** apk has no other spelling of a version: the text is its own canonical form. */
  @Override
  public String normalized() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
