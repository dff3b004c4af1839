package org.patchwarden.version;

import java.util.Arrays;
import java.util.Locale;

/**
 * A Maven version, ordered exactly as maven-artifact 3.9.11's {@code ComparableVersion}.
 *
 * <p>{@code ComparableVersion} builds a tree of list items, but every list it creates is appended as
 * the last element of the current list and parsing then only descends, so the tree is a chain: each
 * list holds some scalars followed by at most one sub-list. We store that chain flat, as scalar
 * tokens with a {@link #CHILD} marker where a sub-list starts, which lets {@link #compareTo} walk two
 * versions iteratively without allocating.
 */
public final class MavenVersion implements Version {
  // Token kinds. The three number kinds are ComparableVersion's IntItem, LongItem and
  // BigIntegerItem: chosen by the digit count once leading ASCII zeros are stripped (<= 9, <= 18,
  // more), and ordered by kind before value.
  static final byte INT = 0;
  static final byte LONG = 1;
  static final byte BIG = 2;
  static final byte STR = 3;
  static final byte CHILD = 4;

  // Qualifier ranks, the index in ComparableVersion's QUALIFIERS list; unknown words rank last.
  static final int ALPHA = 0;
  static final int BETA = 1;
  static final int MILESTONE = 2;
  static final int RC = 3;
  static final int SNAPSHOT = 4;
  static final int RELEASE = 5;
  static final int SP = 6;
  static final int UNKNOWN = 7;

  private static final String[] RANK_SPELLING = {"alpha", "beta", "milestone", "rc", "snapshot", "ga", "sp"};

  private final MavenVersionScheme scheme;
  private final String text;
  private final byte[] kinds;
  // Numbers: the value when it has at most 18 digits; STR: the qualifier rank.
  private final long[] values;
  // Numbers: significant digits when longer than 18; STR: the word when its rank is UNKNOWN.
  private final String[] words;
  private final int hash;
  private String normalized;

  MavenVersion(MavenVersionScheme scheme, String text, byte[] kinds, long[] values, String[] words) {
    this.scheme = scheme;
    this.text = text;
    this.kinds = kinds;
    this.values = values;
    this.words = words;
    int h = 1;
    for (int i = 0; i < kinds.length; i++) {
      h = 31 * h + kinds[i];
      h = 31 * h + Long.hashCode(values[i]);
      h = 31 * h + (words[i] == null ? 0 : words[i].hashCode());
    }
    this.hash = h;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  /**
   * A spelling that parses back to an equal version: list scalars joined by {@code .}, a sub-list
   * after {@code -}. ComparableVersion's own {@code getCanonical()} is not used because it does
   * not always round-trip (a {@code ga} inside a version prints as an empty segment, which reparses
   * as {@code 0}).
   */
  @Override
  public String normalized() {
    String n = normalized;
    if (n == null) {
      n = buildNormalized();
      normalized = n;
    }
    return n;
  }

  private String buildNormalized() {
    StringBuilder out = new StringBuilder(text.length() + 4);
    boolean levelEmpty = true;
    for (int i = 0; i < kinds.length; i++) {
      switch (kinds[i]) {
        case CHILD -> {
          // An empty list before a sub-list prints as 0, which normalization removes again.
          if (levelEmpty) {
            out.append('0');
          }
          out.append('-');
          levelEmpty = true;
        }
        case INT, LONG, BIG -> {
          if (!levelEmpty) {
            out.append('.');
          }
          appendNumber(out, kinds[i], values[i], words[i]);
          levelEmpty = false;
        }
        default -> {
          if (!levelEmpty) {
            out.append('.');
          }
          int rank = (int) values[i];
          out.append(rank == UNKNOWN ? words[i] : RANK_SPELLING[rank]);
          levelEmpty = false;
        }
      }
    }
    int last = kinds.length - 1;
    if (last > 0 && kinds[last] == STR && kinds[last - 1] != CHILD) {
      // NB: a word ending the text moves into a sub-list of its own when its list already holds
      // something ("1.x" is 1-x), unless a '.' closes it first ("1.x." keeps x in the list).
      out.append('.');
    }
    if (out.length() == 0) {
      out.append('0');
    }
    return out.toString();
  }

  /** Spells a number so that it parses back to the same kind and value. */
  private static void appendNumber(StringBuilder out, byte kind, long value, String digits) {
    String plain = digits != null ? digits : Long.toString(value);
    int minLength = kind == INT ? 1 : kind == LONG ? 10 : 19;
    if (plain.length() >= minLength) {
      out.append(plain);
    } else if (value == 0 && digits == null) {
      // NB: an all-zero run is not stripped at all, so ten zeros make a LongItem.
      out.append("0".repeat(minLength));
    } else {
      // NB: only ASCII '0' is stripped; a padding of ARABIC-INDIC DIGIT ZERO keeps the kind.
      out.append("\u0660".repeat(minLength - plain.length())).append(plain);
    }
  }

  @Override
  public int compareTo(Version other) {
    if (!(other instanceof MavenVersion o)) {
      throw new IllegalArgumentException(
          "cannot compare a maven version with a " + (other == null ? "null" : other.scheme().name()) + " version");
    }
    return compareItems(this, o);
  }

  /** ComparableVersion's ListItem.compareTo over two flattened chains. */
  private static int compareItems(MavenVersion a, MavenVersion b) {
    byte[] ka = a.kinds;
    byte[] kb = b.kinds;
    int ia = 0;
    int ib = 0;
    while (true) {
      boolean aEnd = ia >= ka.length;
      boolean bEnd = ib >= kb.length;
      if (aEnd && bEnd) {
        return 0;
      }
      if (aEnd) {
        // The shorter list pads with null: the rest of the longer one decides against null.
        return -nullScan(b, ib);
      }
      if (bEnd) {
        return nullScan(a, ia);
      }
      byte ta = ka[ia];
      byte tb = kb[ib];
      if (ta == CHILD) {
        if (tb == CHILD) {
          // Both lists end with a sub-list: the answer is the sub-lists' answer.
          ia++;
          ib++;
          continue;
        }
        return tb == STR ? 1 : -1; // 1-1 > 1-sp, 1-1 < 1.0.x
      }
      if (tb == CHILD) {
        return ta == STR ? -1 : 1; // 1.any < 1-1, 1.1 > 1-1
      }
      int c = compareScalars(a, ia, b, ib);
      if (c != 0) {
        return c;
      }
      ia++;
      ib++;
    }
  }

  private static int compareScalars(MavenVersion a, int ia, MavenVersion b, int ib) {
    byte ta = a.kinds[ia];
    byte tb = b.kinds[ib];
    if (ta != STR) {
      if (tb == STR) {
        return 1; // 1.1 > 1-sp
      }
      if (ta != tb) {
        return ta < tb ? -1 : 1; // NB: an IntItem is below any LongItem, whatever the values
      }
      // A digit string always has more than 18 significant digits, so it beats any long here.
      return Digits.compare(a.values[ia], a.words[ia], b.values[ib], b.words[ib]);
    }
    if (tb != STR) {
      return -1;
    }
    int ra = (int) a.values[ia];
    int rb = (int) b.values[ib];
    if (ra != rb) {
      return ra < rb ? -1 : 1;
    }
    if (ra == UNKNOWN) {
      return Integer.signum(a.words[ia].compareTo(b.words[ib]));
    }
    return 0;
  }

  /** Compares the items from {@code i} on against null, as a longer list's tail is. */
  private static int nullScan(MavenVersion v, int i) {
    for (; i < v.kinds.length; i++) {
      byte t = v.kinds[i];
      if (t <= BIG) {
        if (v.words[i] != null || v.values[i] != 0) {
          return 1;
        }
      } else if (t == STR) {
        int rank = (int) v.values[i];
        if (rank != RELEASE) {
          return rank < RELEASE ? -1 : 1;
        }
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    // NB: after ComparableVersion's normalization every non-empty list compares non-zero against
    // null, so compareTo == 0 exactly when the normalized chains are identical.
    return o instanceof MavenVersion v
        && hash == v.hash
        && Arrays.equals(kinds, v.kinds)
        && Arrays.equals(values, v.values)
        && Arrays.equals(words, v.words);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Parses like {@code ComparableVersion.parseVersion}; any string is a version. */
  static MavenVersion parse(MavenVersionScheme scheme, String input) {
    return new Parser(input).run(scheme);
  }

  /** The one-pass tokenizer of ComparableVersion, building the chain level by level. */
  private static final class Parser {
    private final String original;
    private final String v;
    private byte[] kinds = new byte[8];
    private long[] values = new long[8];
    private String[] words = new String[8];
    private int count;
    // levelStart[k]: index of the first scalar of list k (lists are nested k = 0, 1, 2 ...).
    private int[] levelStart = new int[4];
    private int depth;

    Parser(String input) {
      this.original = input;
      this.v = input.toLowerCase(Locale.ENGLISH);
    }

    MavenVersion run(MavenVersionScheme scheme) {
      String s = v;
      int n = s.length();
      boolean isDigit = false;
      int start = 0;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c == '.') {
          if (i == start) {
            addZero();
          } else {
            addItem(isDigit, start, i);
          }
          start = i + 1;
        } else if (c == '-') {
          if (i == start) {
            addZero();
          } else {
            addItem(isDigit, start, i);
          }
          start = i + 1;
          newLevel();
        } else if (Character.isDigit(c)) {
          // NB: ComparableVersion uses Character.isDigit, so any Unicode decimal digit is a digit.
          if (!isDigit && i > start) {
            // "x1": the word goes into a list of its own, the number into a sub-list of that.
            if (currentLevelNonEmpty()) {
              newLevel();
            }
            addString(start, i, true);
            start = i;
            newLevel();
          }
          isDigit = true;
        } else {
          if (isDigit && i > start) {
            addNumber(start, i);
            start = i;
            newLevel();
          }
          isDigit = false;
        }
      }
      if (n > start) {
        if (!isDigit && currentLevelNonEmpty()) {
          newLevel();
        }
        addItem(isDigit, start, n);
      }
      return normalizeAndBuild(scheme);
    }

    private boolean currentLevelNonEmpty() {
      return count > levelStart[depth];
    }

    private void newLevel() {
      depth++;
      if (depth == levelStart.length) {
        levelStart = Arrays.copyOf(levelStart, depth * 2);
      }
      levelStart[depth] = count;
    }

    private void addItem(boolean isDigit, int from, int to) {
      if (isDigit) {
        addNumber(from, to);
      } else {
        addString(from, to, false);
      }
    }

    private void grow() {
      if (count == kinds.length) {
        int cap = count * 2;
        kinds = Arrays.copyOf(kinds, cap);
        values = Arrays.copyOf(values, cap);
        words = Arrays.copyOf(words, cap);
      }
    }

    private void addZero() {
      grow();
      kinds[count] = INT;
      values[count] = 0;
      words[count] = null;
      count++;
    }

    private void addNumber(int from, int to) {
      String s = v;
      // stripLeadingZeroes: ASCII '0' only, and an all-zero run is kept whole.
      int stripped = from;
      while (stripped < to && s.charAt(stripped) == '0') {
        stripped++;
      }
      int kindLength = stripped == to ? to - from : to - stripped;
      int i = stripped;
      // The value: other scripts' zeros in front count for the kind but not for the value.
      while (i < to && Character.digit(s.charAt(i), 10) == 0) {
        i++;
      }
      grow();
      kinds[count] = kindLength <= 9 ? INT : kindLength <= Digits.MAX_LONG_DIGITS ? LONG : BIG;
      int len = to - i;
      if (len <= Digits.MAX_LONG_DIGITS) {
        long value = 0;
        for (; i < to; i++) {
          value = value * 10 + Character.digit(s.charAt(i), 10);
        }
        values[count] = value;
        words[count] = null;
      } else {
        char[] digits = new char[len];
        for (int k = 0; k < len; k++) {
          digits[k] = (char) ('0' + Character.digit(s.charAt(i + k), 10));
        }
        values[count] = 0;
        words[count] = new String(digits);
      }
      count++;
    }

    private void addString(int from, int to, boolean followedByDigit) {
      String s = v;
      int len = to - from;
      int rank = UNKNOWN;
      if (followedByDigit && len == 1) {
        // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
        switch (s.charAt(from)) {
          case 'a' -> rank = ALPHA;
          case 'b' -> rank = BETA;
          case 'm' -> rank = MILESTONE;
          default -> { }
        }
      }
      if (rank == UNKNOWN) {
        rank = qualifierRank(s, from, len);
      }
      grow();
      kinds[count] = STR;
      values[count] = rank;
      words[count] = rank == UNKNOWN ? s.substring(from, to) : null;
      count++;
    }

    private static int qualifierRank(String s, int from, int len) {
      return switch (len) {
        case 2 -> s.startsWith("rc", from) || s.startsWith("cr", from) ? RC
            : s.startsWith("sp", from) ? SP
            : s.startsWith("ga", from) ? RELEASE
            : UNKNOWN;
        case 4 -> s.startsWith("beta", from) ? BETA : UNKNOWN;
        case 5 -> s.startsWith("alpha", from) ? ALPHA : s.startsWith("final", from) ? RELEASE : UNKNOWN;
        case 7 -> s.startsWith("release", from) ? RELEASE : UNKNOWN;
        case 8 -> s.startsWith("snapshot", from) ? SNAPSHOT : UNKNOWN;
        case 9 -> s.startsWith("milestone", from) ? MILESTONE : UNKNOWN;
        default -> UNKNOWN;
      };
    }

    private boolean isNull(int i) {
      if (kinds[i] != STR) {
        return words[i] == null && values[i] == 0;
      }
      return values[i] == RELEASE;
    }

    /**
     * ListItem.normalize, deepest list first: drop the trailing null scalars (0, "", ga …) of each
     * list, including those just before a sub-list, and drop sub-lists left empty.
     */
    private MavenVersion normalizeAndBuild(MavenVersionScheme scheme) {
      int[] end = new int[depth + 1];
      int keptDepth = -1; // deepest list that survives with content
      boolean childNonEmpty = false;
      for (int k = depth; k >= 0; k--) {
        int from = levelStart[k];
        int to = k == depth ? count : levelStart[k + 1];
        while (to > from && isNull(to - 1)) {
          to--;
        }
        end[k] = to;
        boolean nonEmpty = to > from || childNonEmpty;
        if (!childNonEmpty) {
          keptDepth = k - 1; // no sub-list below k survives
        }
        childNonEmpty = nonEmpty;
      }
      // keptDepth + 1 is the last list that is kept (lists 0..keptDepth have a surviving child).
      int last = keptDepth + 1;
      int size = 0;
      for (int k = 0; k <= last; k++) {
        size += end[k] - levelStart[k];
        if (k < last) {
          size++;
        }
      }
      byte[] ks = new byte[size];
      long[] vs = new long[size];
      String[] ws = new String[size];
      int o = 0;
      for (int k = 0; k <= last; k++) {
        for (int i = levelStart[k]; i < end[k]; i++) {
          ks[o] = kinds[i];
          vs[o] = values[i];
          ws[o] = words[i];
          o++;
        }
        if (k < last) {
          ks[o++] = CHILD;
        }
      }
      return new MavenVersion(scheme, original, ks, vs, ws);
    }
  }
}
