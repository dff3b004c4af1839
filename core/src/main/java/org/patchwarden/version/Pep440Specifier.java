package org.patchwarden.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One PEP 440 version specifier ({@code ~=1.4.2}, {@code ==1.*}, {@code >1.0} …) evaluated like
 * pypa {@code packaging} 23.0 {@code Specifier.contains(v, prereleases=True)}. Not plain intervals:
 * {@code <} and {@code >} exclude pre-/post-releases and locals of the bound itself, {@code ==}
 * ignores the candidate's local label unless the bound has one, and {@code ===} compares strings.
 */
final class Pep440Specifier implements VersionRange {

  /** The operators of PEP 440, spelled as in a specifier. */
  enum Op {
    COMPATIBLE("~="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    LESS_EQUAL("<="),
    GREATER_EQUAL(">="),
    LESS("<"),
    GREATER(">"),
    ARBITRARY("===");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** packaging's {@code _prefix_regex}: splits {@code 4rc1} into {@code 4} and {@code rc1}. */
  private static final Pattern PREFIX = Pattern.compile("([0-9]+)((?:a|b|c|rc)[0-9]+)");
  /**
   * The release-only prefix allowed before {@code .*} in {@code ==}/{@code !=}. Possessive, so a
   * 100 kB run of digits without '!' fails the epoch group in linear time.
   */
  private static final Pattern WILDCARD_PREFIX =
      Pattern.compile("[vV]?+(?:[0-9]++!)?+[0-9]++(?:\\.[0-9]++)*+");

  private final Op op;
  /** The version text as written (stripped): {@code ~=} and {@code ===} work on the raw text. */
  private final String spec;
  /** The bound; for wildcards, the release prefix before {@code .*}; null for {@code ===}. */
  private final Pep440Version version;
  private final boolean wildcard;
  private final String specLower;
  /**
   * For wildcard matching ({@code ==X.*}, {@code !=X.*}, the prefix half of {@code ~=}): the
   * prefix split the way packaging splits it. When every item is a number, {@code prefix} holds
   * them as a release, for a fast path taken when the candidate has no epoch either.
   */
  private final Pep440Version prefix;
  private final List<String> prefixSplit;

  private Pep440Specifier(Op op, String spec, Pep440Version version, boolean wildcard,
      Pep440Version prefix, List<String> prefixSplit) {
    this.op = op;
    this.spec = spec;
    this.version = version;
    this.wildcard = wildcard;
    this.specLower = op == Op.ARBITRARY ? spec.toLowerCase(Locale.ROOT) : null;
    this.prefix = prefix;
    this.prefixSplit = prefixSplit;
  }

  // ---------------------------------------------------------------- parsing

  /** {@code SpecifierSet(text)}: comma-separated, blank items skipped, empty set holds all. */
  static VersionRange parseSet(Pep440VersionScheme scheme, String text) {
    if (text == null) {
      throw new InvalidRangeException(scheme.name(), null, "null range");
    }
    List<VersionRange> specs = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ',') {
        String item = pyStrip(text, start, i);
        if (!item.isEmpty()) {
          specs.add(parse(scheme, text, item));
        }
        start = i + 1;
      }
    }
    if (specs.isEmpty()) {
      // NB: packaging's all() over no specifiers: an empty SpecifierSet contains every version.
      return VersionRange.any();
    }
    return specs.size() == 1 ? specs.get(0) : new VersionRange.AllOf(specs);
  }

  /** Validates like packaging's {@code Specifier._regex}; {@code item} is already stripped. */
  private static Pep440Specifier parse(Pep440VersionScheme scheme, String text, String item) {
    Op op;
    if (item.startsWith("===")) {
      op = Op.ARBITRARY;
    } else if (item.startsWith("~=")) {
      op = Op.COMPATIBLE;
    } else if (item.startsWith("==")) {
      op = Op.EQUAL;
    } else if (item.startsWith("!=")) {
      op = Op.NOT_EQUAL;
    } else if (item.startsWith("<=")) {
      op = Op.LESS_EQUAL;
    } else if (item.startsWith(">=")) {
      op = Op.GREATER_EQUAL;
    } else if (item.startsWith("<")) {
      op = Op.LESS;
    } else if (item.startsWith(">")) {
      op = Op.GREATER;
    } else {
      throw bad(scheme, text, item, "no operator (~=, ==, !=, <=, >=, <, >, ===)");
    }
    String v = pyStrip(item, op.symbol.length(), item.length());
    if (op == Op.ARBITRARY) {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == ';' || c == ')' || Pep440Version.isPySpace(c)) {
          String what = c == ';' || c == ')' ? "'" + c + "'" : String.format("blank U+%04X", (int) c);
          throw bad(scheme, text, item, what + " in an arbitrary (===) version");
        }
      }
      return new Pep440Specifier(op, v, null, false, null, null);
    }
    if (v.isEmpty()) {
      throw bad(scheme, text, item, "no version after " + op.symbol);
    }
    if (v.endsWith(".*")) {
      if (op != Op.EQUAL && op != Op.NOT_EQUAL) {
        throw bad(scheme, text, item, "'.*' is only allowed with == and !=");
      }
      String base = v.substring(0, v.length() - 2);
      if (!WILDCARD_PREFIX.matcher(base).matches()) {
        throw bad(scheme, text, item, "'.*' must follow a plain release (like 1.2.*)");
      }
      // _compare_equal: canonicalize_version(spec[:-2], strip_trailing_zero=False), then split.
      List<String> split = versionSplit(Pep440Version.parse(scheme, base).normalized());
      return new Pep440Specifier(op, v, null, true, numericPrefix(scheme, split), split);
    }
    Pep440Version parsed;
    try {
      parsed = Pep440Version.parse(scheme, v);
    } catch (InvalidVersionException e) {
      throw new InvalidRangeException(scheme.name(), text, e.getMessage(), e);
    }
    if (parsed.hasLocal() && op != Op.EQUAL && op != Op.NOT_EQUAL) {
      throw bad(scheme, text, item, "a local version (+...) is only allowed with == and !=");
    }
    if (op == Op.COMPATIBLE) {
      if (parsed.release.length < 2) {
        throw bad(scheme, text, item, "~= needs at least two release segments");
      }
      return compatible(scheme, v, parsed);
    }
    return new Pep440Specifier(op, v, parsed, false, null, null);
  }

  /**
   * {@code ~=V} is {@code >=V} plus a prefix match built from the raw text of V, as packaging
   * 23.0's {@code _compare_compatible} does it.
   */
  private static Pep440Specifier compatible(Pep440VersionScheme scheme, String v, Pep440Version parsed) {
    // NB: packaging splits the specifier text as written, not its normal form, and recognises
    // suffixes by case-sensitive prefixes (dev, a, b, rc, post): so "~=1.4.5c1" or "~=1.4.5.DEV1"
    // keep 1.4.5 as the prefix where "~=1.4.5rc1" keeps 1.4.
    List<String> split = versionSplit(v);
    int keep = 0;
    while (keep < split.size() && isNotSuffix(split.get(keep))) {
      keep++;
    }
    String joined = String.join(".", split.subList(0, Math.max(keep - 1, 0)));
    // _compare_equal on "<joined>.*": canonicalize_version(joined), which leaves invalid text as is.
    String canonical;
    try {
      canonical = Pep440Version.parse(scheme, joined).normalized();
    } catch (InvalidVersionException e) {
      canonical = joined;
    }
    List<String> prefixSplit = versionSplit(canonical);
    return new Pep440Specifier(Op.COMPATIBLE, v, parsed, false, numericPrefix(scheme, prefixSplit), prefixSplit);
  }

  /** The split prefix as a release when every item is a number (so no epoch), else null. */
  private static Pep440Version numericPrefix(Pep440VersionScheme scheme, List<String> split) {
    for (String s : split) {
      if (!isAsciiDigits(s)) {
        return null;
      }
    }
    return Pep440Version.parse(scheme, String.join(".", split));
  }

  private static InvalidRangeException bad(Pep440VersionScheme scheme, String text, String item, String why) {
    return new InvalidRangeException(scheme.name(), text, "specifier '" + InvalidVersionException.shorten(item) + "': " + why);
  }

  /** Python's {@code str.strip()} of {@code s[from:to]}. */
  private static String pyStrip(String s, int from, int to) {
    while (from < to && Pep440Version.isPySpace(s.charAt(from))) {
      from++;
    }
    while (to > from && Pep440Version.isPySpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /**
   * packaging 23.0's {@code _version_split}: dot items, with {@code 4rc1} split in two. NB: it
   * knows nothing of epochs, so {@code 1!2.0} splits into {@code 1!2} and {@code 0}.
   */
  static List<String> versionSplit(String version) {
    List<String> result = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= version.length(); i++) {
      if (i == version.length() || version.charAt(i) == '.') {
        String item = version.substring(start, i);
        var m = PREFIX.matcher(item);
        if (m.matches()) {
          result.add(m.group(1));
          result.add(m.group(2));
        } else {
          result.add(item);
        }
        start = i + 1;
      }
    }
    return result;
  }

  private static boolean isNotSuffix(String segment) {
    return !(segment.startsWith("dev") || segment.startsWith("a") || segment.startsWith("b")
        || segment.startsWith("rc") || segment.startsWith("post"));
  }

  private static boolean isAsciiDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Pep440Version.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------- evaluation

  @Override
  public boolean contains(Version candidate) {
    Pep440Version p = Pep440Version.cast(candidate);
    return switch (op) {
      case ARBITRARY -> specLower.equals(p.normalized());
      case EQUAL -> equal(p);
      case NOT_EQUAL -> !equal(p);
      case LESS_EQUAL -> Pep440Version.compare(p, version, false) <= 0;
      case GREATER_EQUAL -> Pep440Version.compare(p, version, false) >= 0;
      case LESS -> Pep440Version.compare(p, version, true) < 0
          // NB: <3.1 must not admit 3.1.dev0 or 3.1a1 — unless the bound is itself a pre-release.
          && !(!version.isPrerelease() && p.isPrerelease() && Pep440Version.compareBase(p, version) == 0);
      case GREATER -> Pep440Version.compare(p, version, true) > 0
          && !(!version.isPostrelease() && p.isPostrelease() && Pep440Version.compareBase(p, version) == 0)
          && !(p.hasLocal() && Pep440Version.compareBase(p, version) == 0);
      case COMPATIBLE -> Pep440Version.compare(p, version, false) >= 0 && prefixMatch(p);
    };
  }

  private boolean equal(Pep440Version p) {
    if (wildcard) {
      return prefixMatch(p);
    }
    // A bound without a local label compares against the candidate's public version.
    return Pep440Version.compare(p, version, version.hasLocal()) == 0;
  }

  /**
   * packaging 23.0's prefix match: the candidate's public form, trailing zeros of the release
   * dropped, is split; its leading numbers are zero-padded to the prefix's count of leading numbers,
   * cut to the prefix's length and compared item by item as strings.
   */
  private boolean prefixMatch(Pep440Version p) {
    if (prefix != null && p.epoch == 0) {
      long[] want = prefix.release;
      for (int i = 0; i < want.length; i++) {
        long have = i < p.release.length ? p.release[i] : 0;
        if (Digits.compareEncoded(have, p.bigs, want[i], prefix.bigs) != 0) {
          return false;
        }
      }
      return true;
    }
    // NB: with an epoch the first item reads "1!2", which is no number: "==0.*" then matches every
    // version with an epoch (all padding), and "==1!2.0.*" does not match 1!2.0 (stripped to "1!2").
    List<String> left = versionSplit(p.publicForm(new StringBuilder(), true).toString());
    int leftNumeric = numericRun(left);
    int rightNumeric = numericRun(prefixSplit);
    List<String> padded = new ArrayList<>(left.subList(0, leftNumeric));
    for (int i = leftNumeric; i < rightNumeric; i++) {
      padded.add("0");
    }
    padded.addAll(left.subList(leftNumeric, left.size()));
    return padded.size() >= prefixSplit.size()
        && padded.subList(0, prefixSplit.size()).equals(prefixSplit);
  }

  private static int numericRun(List<String> items) {
    int n = 0;
    while (n < items.size() && isAsciiDigits(items.get(n))) {
      n++;
    }
    return n;
  }

  @Override
  public String toString() {
    return op.symbol + spec;
  }
}
