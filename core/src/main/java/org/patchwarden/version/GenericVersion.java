package org.patchwarden.version;

import java.util.Arrays;

/**
 * A version of appliance firmware or a CPE product ({@code 10.2.9-h1}, {@code 12.1.0.2},
 * {@code 17.9.4a}, {@code 15.2(4)M3}), read as the release numbers followed by qualifier groups.
 *
 * <p>The text splits into numbers (ASCII digits) and words (letters), at separators
 * ({@code . - _ + ( ) : ~ , /} and inner spaces) and wherever digits and letters meet. The leading
 * numbers are group 0, the release; each word opens a further group holding the numbers after it
 * ({@code 10.2.9-h1} is {@code [10,2,9] [h 1]}). Versions compare group by group:
 *
 * <ul>
 *   <li>numbers numerically at any length, padded with zeros, so {@code 7.4 == 7.4.0};
 *   <li>a pre-release word ({@code dev < snapshot < alpha < beta < milestone < pre < preview < rc})
 *       sorts below a missing group, so {@code 1.0-rc1 < 1.0};
 *   <li>any other word is a post-release qualifier (hotfix {@code h1}, {@code p2}, {@code patch},
 *       {@code sp}, Cisco's rebuild letter {@code a}, Juniper's {@code R3-S5} …) and sorts above a
 *       missing group, post words among themselves alphabetically, so
 *       {@code 10.2.9 < 10.2.9-h1 < 10.2.9-h10 < 10.2.10} and {@code 17.9.4 < 17.9.4a < 17.9.4b};
 *   <li>single letters are post-release ({@code 1.1.1w}); {@code a}/{@code b} are not read as
 *       alpha/beta, and release words such as {@code ga} or {@code final} get no special meaning.
 * </ul>
 *
 * <p>Separators are not significant ({@code 1.0-1 == 1.0.1}), case is ignored, a leading {@code v}
 * before a digit is dropped, blanks around the text are trimmed. Empty or blank text, control
 * characters and other symbols ({@code * # @ [ ] …}) are invalid.
 */
public final class GenericVersion implements Version {
  /** Ranks of the pre-release words; post-release words share {@link #POST}. */
  private static final String[] PRE_WORDS = {"dev", "snapshot", "alpha", "beta", "milestone", "pre", "preview", "rc"};

  static final int RELEASE = PRE_WORDS.length; // a missing group, and group 0
  static final int POST = RELEASE + 1;

  private final GenericVersionScheme scheme;
  private final String text;
  // Group g: word words[g] (null for group 0) of rank ranks[g], numbers [groupStart[g], groupStart[g+1]).
  private final String[] words;
  private final int[] ranks;
  private final int[] groupStart;
  private final long[] numbers; // the value when it has at most 18 digits
  private final String[] bigNumbers; // significant digits when longer, else null
  private final int hash;

  private GenericVersion(GenericVersionScheme scheme, String text, String[] words, int[] ranks,
      int[] groupStart, long[] numbers, String[] bigNumbers) {
    this.scheme = scheme;
    this.text = text;
    this.words = words;
    this.ranks = ranks;
    this.groupStart = groupStart;
    this.numbers = numbers;
    this.bigNumbers = bigNumbers;
    this.hash = 31 * (31 * Arrays.hashCode(words) + Arrays.hashCode(groupStart))
        + 31 * Arrays.hashCode(numbers) + Arrays.hashCode(bigNumbers);
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
   * Lower case, trailing zeros of each group dropped, groups joined by {@code -}:
   * {@code 10.2.9-h1}, {@code 7.4}, {@code 17.9.4-a}, {@code 15.2.4-m3}.
   */
  @Override
  public String normalized() {
    StringBuilder sb = new StringBuilder(text.length() + 4);
    for (int g = 0; g < words.length; g++) {
      if (g > 0) {
        sb.append('-').append(words[g]);
      } else if (groupStart[1] == 0) {
        sb.append('0');
      }
      for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
        if (i > groupStart[g]) {
          sb.append('.');
        }
        if (bigNumbers[i] != null) {
          sb.append(bigNumbers[i]);
        } else {
          sb.append(numbers[i]);
        }
      }
    }
    return sb.toString();
  }

  @Override
  public int compareTo(Version other) {
    if (!(other instanceof GenericVersion o)) {
      throw new IllegalArgumentException(
          "cannot compare a generic version with a " + (other == null ? "null" : other.scheme().name()) + " version");
    }
    int ga = words.length;
    int gb = o.words.length;
    int n = Math.max(ga, gb);
    for (int g = 0; g < n; g++) {
      // A missing group ranks as a release with no numbers.
      int ra = g < ga ? ranks[g] : RELEASE;
      int rb = g < gb ? o.ranks[g] : RELEASE;
      if (ra != rb) {
        return ra < rb ? -1 : 1;
      }
      if (ra == POST) {
        int c = words[g].compareTo(o.words[g]);
        if (c != 0) {
          return c < 0 ? -1 : 1;
        }
      }
      int c = compareNumbers(o, g);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private int compareNumbers(GenericVersion o, int g) {
    int ia = g < words.length ? groupStart[g] : 0;
    int ea = g < words.length ? groupStart[g + 1] : 0;
    int ib = g < o.words.length ? o.groupStart[g] : 0;
    int eb = g < o.words.length ? o.groupStart[g + 1] : 0;
    // Trailing zeros were dropped at parse time, so a longer list is a larger one once equal so far.
    while (ia < ea && ib < eb) {
      int c = Digits.compare(numbers[ia], bigNumbers[ia], o.numbers[ib], o.bigNumbers[ib]);
      if (c != 0) {
        return c;
      }
      ia++;
      ib++;
    }
    return Integer.compare(ea - ia, eb - ib);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericVersion v
        && hash == v.hash
        && Arrays.equals(words, v.words)
        && Arrays.equals(groupStart, v.groupStart)
        && Arrays.equals(numbers, v.numbers)
        && Arrays.equals(bigNumbers, v.bigNumbers);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return text;
  }

  static boolean isSeparator(int c) {
    return switch (c) {
      case '.', '-', '_', '+', '(', ')', ':', '~', ',', '/', ' ' -> true;
      default -> false;
    };
  }

  /** Parses {@code input}, or throws InvalidVersionException naming the offending character. */
  static GenericVersion parse(GenericVersionScheme scheme, String input) {
    String name = GenericVersionScheme.NAME;
    if (input == null) {
      throw new InvalidVersionException(name, null, "no version given");
    }
    int from = 0;
    int to = input.length();
    while (from < to && input.charAt(from) == ' ') {
      from++;
    }
    while (to > from && input.charAt(to - 1) == ' ') {
      to--;
    }
    if (from == to) {
      throw new InvalidVersionException(name, input, "empty version");
    }
    if ((input.charAt(from) == 'v' || input.charAt(from) == 'V') && from + 1 < to && isAsciiDigit(input.charAt(from + 1))) {
      from++;
    }
    Builder b = new Builder();
    int i = from;
    while (i < to) {
      int c = input.codePointAt(i);
      if (isAsciiDigit(c)) {
        int start = i;
        while (i < to && isAsciiDigit(input.charAt(i))) {
          i++;
        }
        b.number(input, start, i);
      } else if (Character.isLetter(c)) {
        StringBuilder word = new StringBuilder();
        while (i < to) {
          int l = input.codePointAt(i);
          if (!Character.isLetter(l)) {
            break;
          }
          word.appendCodePoint(Character.toLowerCase(l));
          i += Character.charCount(l);
        }
        b.word(word.toString());
      } else if (isSeparator(c)) {
        i++;
      } else {
        throw new InvalidVersionException(name, input, Character.getType(c) == Character.CONTROL
            ? String.format("control character U+%04X at %d", c, i)
            : String.format("unexpected character '%s' at %d", new String(Character.toChars(c)), i));
      }
    }
    if (!b.sawToken) {
      throw new InvalidVersionException(name, input, "no digits or letters");
    }
    return b.build(scheme, input);
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static final class Builder {
    boolean sawToken;
    String[] words = new String[4];
    int[] ranks = new int[4];
    int[] groupStart = new int[5];
    int groups = 1; // group 0 always exists
    long[] numbers = new long[8];
    String[] bigNumbers = new String[8];
    int count;

    Builder() {
      ranks[0] = RELEASE;
    }

    void word(String w) {
      sawToken = true;
      closeGroup();
      if (groups == words.length) {
        words = Arrays.copyOf(words, groups * 2);
        ranks = Arrays.copyOf(ranks, groups * 2);
        groupStart = Arrays.copyOf(groupStart, groups * 2 + 1);
      }
      words[groups] = w;
      ranks[groups] = rank(w);
      groupStart[groups] = count;
      groups++;
    }

    /** Drops the trailing zeros of the group being closed: 7.4.0 is 7.4. */
    private void closeGroup() {
      int start = groupStart[groups - 1];
      while (count > start && bigNumbers[count - 1] == null && numbers[count - 1] == 0) {
        count--;
      }
    }

    void number(String s, int from, int to) {
      sawToken = true;
      while (from < to && s.charAt(from) == '0') {
        from++;
      }
      if (count == numbers.length) {
        numbers = Arrays.copyOf(numbers, count * 2);
        bigNumbers = Arrays.copyOf(bigNumbers, count * 2);
      }
      int len = to - from;
      if (len <= Digits.MAX_LONG_DIGITS) {
        numbers[count] = Digits.value(s, from, to);
        bigNumbers[count] = null;
      } else {
        numbers[count] = 0;
        bigNumbers[count] = s.substring(from, to);
      }
      count++;
    }

    GenericVersion build(GenericVersionScheme scheme, String input) {
      closeGroup();
      int[] starts = Arrays.copyOf(groupStart, groups + 1);
      starts[groups] = count;
      return new GenericVersion(scheme, input, Arrays.copyOf(words, groups), Arrays.copyOf(ranks, groups),
          starts, Arrays.copyOf(numbers, count), Arrays.copyOf(bigNumbers, count));
    }

    private static int rank(String w) {
      for (int r = 0; r < PRE_WORDS.length; r++) {
        if (PRE_WORDS[r].equals(w)) {
          return r;
        }
      }
      return POST;
    }
  }
}
