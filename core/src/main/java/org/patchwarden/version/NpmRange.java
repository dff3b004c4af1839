package org.patchwarden.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An npm range ({@code ^1.2 || >=2.0.0 <3}) as node-semver 7.8's {@code Range} desugars it: a union
 * of comparator sets, where a pre-release version only matches a set that names a pre-release on
 * its own MAJOR.MINOR.PATCH (node-semver's {@code testSet}).
 *
 * <p>The parser replays node-semver's string rewriting (build stripping, hyphen ranges, whitespace
 * trims, caret, tilde, x-range and star replacement) step by step with hand-written matchers for
 * its regular expressions, so odd inputs desugar exactly as they do there, in linear time.
 */
final class NpmRange implements VersionRange {
  private static final String NULL_SET = "<0.0.0-0";

  private final Comparator[][] sets;

  private NpmRange(Comparator[][] sets) {
    this.sets = sets;
  }

  /** One comparator; a null bound is node-semver's ANY (the empty comparator). */
  record Comparator(String operator, NpmVersion bound) {
    boolean test(NpmVersion v) {
      if (bound == null) {
        return true;
      }
      int c = v.compareTo(bound);
      return switch (operator) {
        case "" -> c == 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0; // ">="
      };
    }

    /** node-semver's {@code Comparator.value}, which it uses to dedupe and spot the null set. */
    String value() {
      return bound == null ? "" : operator + bound.normalized();
    }

    @Override
    public String toString() {
      return value();
    }
  }

  @Override
  public boolean contains(Version version) {
    if (!(version instanceof NpmVersion v)) {
      throw new IllegalArgumentException(
          "an npm range holds npm versions, not "
              + (version == null ? "null" : version.scheme().name()));
    }
    for (Comparator[] set : sets) {
      if (testSet(set, v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean testSet(Comparator[] set, NpmVersion v) {
    for (Comparator c : set) {
      if (!c.test(v)) {
        return false;
      }
    }
    if (v.isPrerelease()) {
      // Pre-releases opt in per tuple: ^1.2.3-beta.1 admits 1.2.3-beta.2, never 1.2.4-alpha.
      for (Comparator c : set) {
        if (c.bound != null && c.bound.isPrerelease() && c.bound.sameTuple(v)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sets.length; i++) {
      if (i > 0) {
        b.append("||");
      }
      for (int k = 0; k < sets[i].length; k++) {
        if (k > 0) {
          b.append(' ');
        }
        b.append(sets[i][k].value());
      }
    }
    return b.isEmpty() && sets.length == 1 ? "*" : b.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing: node-semver's Range constructor and parseRange, step by step.

  static NpmRange parse(NpmVersionScheme scheme, String text) {
    if (text == null) {
      throw new InvalidRangeException(NpmVersionScheme.NAME, null, "null range");
    }
    try {
      return new NpmRange(parseSets(scheme, text));
    } catch (InvalidVersionException e) {
      throw new InvalidRangeException(NpmVersionScheme.NAME, text, e.getMessage(), e);
    }
  }

  private static Comparator[][] parseSets(NpmVersionScheme scheme, String text) {
    String raw = collapseWhitespace(text);
    List<Comparator[]> sets = new ArrayList<>();
    int from = 0;
    while (true) {
      int bar = raw.indexOf("||", from);
      String part = raw.substring(from, bar < 0 ? raw.length() : bar);
      sets.add(parsePart(scheme, trimSpaces(part)));
      if (bar < 0) {
        break;
      }
      from = bar + 2;
    }
    if (sets.size() > 1) {
      // A null set never matches; drop them unless nothing else is left.
      Comparator[] first = sets.get(0);
      sets.removeIf(s -> s[0].value().equals(NULL_SET));
      if (sets.isEmpty()) {
        sets.add(first);
      } else if (sets.size() > 1) {
        // NB: one bare '*' set swallows the union, so '* || 1.0.0-beta' rejects 1.0.0-beta.
        for (Comparator[] s : sets) {
          if (s.length == 1 && s[0].bound() == null) {
            sets.clear();
            sets.add(s);
            break;
          }
        }
      }
    }
    return sets.toArray(new Comparator[0][]);
  }

  private static Comparator[] parsePart(NpmVersionScheme scheme, String range) {
    range = stripBuilds(range);
    String hyphen = hyphenReplace(range);
    if (hyphen != null) {
      range = hyphen;
    }
    range = trimComparatorWhitespace(range);
    range = trimTildes(range);
    range = trimCarets(range);

    StringBuilder joined = new StringBuilder(range.length() + 16);
    int from = 0;
    while (true) {
      int sp = range.indexOf(' ', from);
      String comp = range.substring(from, sp < 0 ? range.length() : sp);
      if (from > 0) {
        joined.append(' ');
      }
      joined.append(parseComparator(comp));
      if (sp < 0) {
        break;
      }
      from = sp + 1;
    }
    List<String> tokens = splitOnSpaceRuns(joined.toString());
    List<Comparator> comparators = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      if (token.equals(">=0.0.0")) {
        token = "";
      }
      comparators.add(comparator(scheme, token));
    }
    Map<String, Comparator> byValue = new LinkedHashMap<>();
    for (Comparator c : comparators) {
      String value = c.value();
      if (value.equals(NULL_SET)) {
        return new Comparator[] {c};
      }
      byValue.putIfAbsent(value, c);
    }
    if (byValue.size() > 1) {
      byValue.remove("");
    }
    return byValue.values().toArray(new Comparator[0]);
  }

  /** node-semver's Comparator constructor: an optional operator, then a full version. */
  private static Comparator comparator(NpmVersionScheme scheme, String token) {
    if (token.isEmpty()) {
      return new Comparator("", null);
    }
    int i = gtltEnd(token, 0);
    String op = token.substring(0, i);
    NpmVersion v = scheme.parse(token.substring(i));
    return new Comparator(op.equals("=") ? "" : op, v);
  }

  /** End of the greedy {@code ((?:<|>)?=?)} operator at {@code i}. */
  private static int gtltEnd(String s, int i) {
    if (i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '>')) {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '=') {
      i++;
    }
    return i;
  }

  /** One space-free piece: carets, then tildes, then x-ranges, then stars, as node-semver does. */
  private static String parseComparator(String comp) {
    String caret = replaceCaret(comp);
    StringBuilder tilde = new StringBuilder();
    boolean first = true;
    for (String c : splitOnSpaceRuns(trimSpaces(caret))) {
      if (!first) {
        tilde.append(' ');
      }
      first = false;
      tilde.append(replaceTilde(c));
    }
    StringBuilder xr = new StringBuilder();
    first = true;
    for (String c : splitOnSpaceRuns(tilde.toString())) {
      if (!first) {
        xr.append(' ');
      }
      first = false;
      xr.append(replaceXRange(c));
    }
    return replaceStar(trimSpaces(xr.toString()));
  }

  // --- build metadata --------------------------------------------------------------------------

  /** Removes every {@code +ident(.ident)*}, like node-semver's unbounded global BUILD regex. */
  private static String stripBuilds(String s) {
    int plus = s.indexOf('+');
    if (plus < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '+' && i + 1 < n && SemVerIdentifiers.isIdentChar(s.charAt(i + 1))) {
        int j = i + 1;
        while (j < n && SemVerIdentifiers.isIdentChar(s.charAt(j))) {
          j++;
        }
        while (j + 1 < n && s.charAt(j) == '.' && SemVerIdentifiers.isIdentChar(s.charAt(j + 1))) {
          j++;
          while (j < n && SemVerIdentifiers.isIdentChar(s.charAt(j))) {
            j++;
          }
        }
        i = j;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  // --- the XRANGEPLAIN matcher -----------------------------------------------------------------

  /**
   * A match of node-semver's XRANGEPLAIN: {@code [v=\s]*} then {@code M(.m(.p(-pre)?(+build)?)?)?}
   * where each of M, m, p is a number, {@code x}, {@code X} or {@code *}; {@code start} is where
   * the prefix begins, {@code end} where the match stops.
   */
  private record Xrp(int start, int end, String major, String minor, String patch, String pre) {}

  /**
   * Matches XRANGEPLAIN at {@code start} and returns it when it stops at the end of {@code s} or at
   * a space; null otherwise. Every context node-semver uses it in continues with a space or the
   * end, never with {@code . - +} or an identifier character, so the greedy parse is the only one
   * that can succeed.
   */
  private static Xrp xrangePlain(String s, int start) {
    int n = s.length();
    int i = start;
    while (i < n && (s.charAt(i) == 'v' || s.charAt(i) == '=' || s.charAt(i) == ' ')) {
      i++;
    }
    String[] ids = new String[3];
    int count = 0;
    while (true) {
      int e = xrangeIdentifierEnd(s, i);
      if (e < 0) {
        return null;
      }
      ids[count++] = s.substring(i, e);
      i = e;
      if (count < 3 && i < n && s.charAt(i) == '.') {
        i++;
        continue;
      }
      break;
    }
    String pre = null;
    if (count == 3 && i < n && s.charAt(i) == '-') {
      int e = prereleaseEnd(s, i + 1);
      if (e < 0) {
        return null;
      }
      pre = s.substring(i + 1, e);
      i = e;
    }
    if (count == 3 && i < n && s.charAt(i) == '+') {
      int e = buildEnd(s, i + 1);
      if (e < 0) {
        return null;
      }
      i = e;
    }
    if (i < n && s.charAt(i) != ' ') {
      return null;
    }
    return new Xrp(start, i, ids[0], ids[1], ids[2], pre);
  }

  /** End of {@code 0|[1-9]\d{0,256}|x|X|\*} at {@code i}, or -1. */
  private static int xrangeIdentifierEnd(String s, int i) {
    if (i >= s.length()) {
      return -1;
    }
    char c = s.charAt(i);
    if (c == 'x' || c == 'X' || c == '*' || c == '0') {
      return i + 1;
    }
    if (c < '1' || c > '9') {
      return -1;
    }
    int j = i + 1;
    while (j < s.length() && NpmVersionScheme.isDigit(s.charAt(j))) {
      j++;
    }
    // NB: node-semver's ReDoS-safe regexes cap a digit run at 256 after the first digit.
    return j - i > 257 ? -1 : j;
  }

  /** End of a dot-separated pre-release identifier list starting at {@code i}, or -1. */
  private static int prereleaseEnd(String s, int i) {
    int n = s.length();
    while (true) {
      int j = i;
      while (j < n && SemVerIdentifiers.isIdentChar(s.charAt(j))) {
        j++;
      }
      if (!validPrereleaseIdentifier(s, i, j)) {
        return -1;
      }
      if (j + 1 < n && s.charAt(j) == '.' && SemVerIdentifiers.isIdentChar(s.charAt(j + 1))) {
        i = j + 1;
        continue;
      }
      return j;
    }
  }

  /**
   * Whether {@code s[from, to)} matches {@code \d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}} or {@code
   * 0|[1-9]\d{0,256}}, node-semver's bounded pre-release identifier.
   */
  private static boolean validPrereleaseIdentifier(String s, int from, int to) {
    if (to == from) {
      return false;
    }
    int k = from;
    while (k < to && NpmVersionScheme.isDigit(s.charAt(k))) {
      k++;
    }
    if (k == to) {
      int len = to - from;
      return (len == 1 || s.charAt(from) != '0') && len <= 257;
    }
    return k - from <= 256 && to - k - 1 <= 250;
  }

  /** End of build identifiers {@code [a-zA-Z0-9-]{1,250}(\.…)*} starting at {@code i}, or -1. */
  private static int buildEnd(String s, int i) {
    int n = s.length();
    while (true) {
      int j = i;
      while (j < n && SemVerIdentifiers.isIdentChar(s.charAt(j))) {
        j++;
      }
      if (j == i || j - i > 250) {
        return -1;
      }
      if (j + 1 < n && s.charAt(j) == '.' && SemVerIdentifiers.isIdentChar(s.charAt(j + 1))) {
        i = j + 1;
        continue;
      }
      return j;
    }
  }

  private static boolean isX(String id) {
    return id == null || id.isEmpty() || id.equals("x") || id.equals("X") || id.equals("*");
  }

  /** JavaScript's {@code +id + 1} for a digit string; beyond 2^53 the result is invalid anyway. */
  private static String plusOne(String digits) {
    if (digits.length() <= 17) {
      return Long.toString(Long.parseLong(digits) + 1);
    }
    return new BigInteger(digits).add(BigInteger.ONE).toString();
  }

  // --- hyphen ranges ---------------------------------------------------------------------------

  /**
   * node-semver's HYPHENRANGE ({@code ^\s?XRP\s-\sXRP\s?$}) and hyphenReplace; null when the part
   * is not a hyphen range.
   */
  private static String hyphenReplace(String s) {
    int n = s.length();
    int start = n > 0 && s.charAt(0) == ' ' ? 1 : 0;
    Xrp from = xrangePlain(s, start);
    if (from == null) {
      return null;
    }
    int dash = from.end();
    if (dash + 2 >= n
        || s.charAt(dash) != ' '
        || s.charAt(dash + 1) != '-'
        || s.charAt(dash + 2) != ' ') {
      return null;
    }
    Xrp to = xrangePlain(s, dash + 3);
    if (to == null || !(to.end() == n || (to.end() == n - 1 && s.charAt(n - 1) == ' '))) {
      return null;
    }
    String fromText = s.substring(from.start(), from.end());
    String toText = s.substring(to.start(), to.end());
    String lower;
    if (isX(from.major())) {
      lower = "";
    } else if (isX(from.minor())) {
      lower = ">=" + from.major() + ".0.0";
    } else if (isX(from.patch())) {
      lower = ">=" + from.major() + "." + from.minor() + ".0";
    } else {
      // NB: node-semver reuses the captured text here, prefix ('v', '=', spaces) included.
      lower = ">=" + fromText;
    }
    String upper;
    if (isX(to.major())) {
      upper = "";
    } else if (isX(to.minor())) {
      upper = "<" + plusOne(to.major()) + ".0.0-0";
    } else if (isX(to.patch())) {
      upper = "<" + to.major() + "." + plusOne(to.minor()) + ".0-0";
    } else if (to.pre() != null) {
      upper = "<=" + to.major() + "." + to.minor() + "." + to.patch() + "-" + to.pre();
    } else {
      upper = "<=" + toText;
    }
    return trimSpaces(lower + " " + upper);
  }

  // --- whitespace trims ------------------------------------------------------------------------

  /**
   * node-semver 7.8.6's trimComparatorWhitespace: drops the blank between an operator (or a version
   * prefix) and the version it governs, so {@code >= 1.2.3} reads {@code >=1.2.3}.
   */
  private static String trimComparatorWhitespace(String s) {
    int n = s.length();
    boolean[] remove = null;
    for (int vs = 0; vs < n; vs++) {
      char c = s.charAt(vs);
      if (!(NpmVersionScheme.isDigit(c) || c == 'x' || c == 'X' || c == '*')) {
        continue;
      }
      int ps = vs;
      while (ps > 0 && isVersionPrefix(s.charAt(ps - 1))) {
        ps--;
      }
      int opEnd;
      if (ps > 0 && (s.charAt(ps - 1) == '<' || s.charAt(ps - 1) == '>')) {
        opEnd = ps;
        if (charAt(s, opEnd) == '=') {
          opEnd++;
        }
      } else {
        opEnd = ps;
        if (isSpace(s, opEnd)) {
          opEnd++;
        }
        if (charAt(s, opEnd) != '=') {
          if (!isSpace(s, ps) || !isSpace(s, ps + 1)) {
            continue;
          }
          opEnd = ps + 1;
        } else {
          opEnd++;
        }
      }
      if (isSpace(s, opEnd)) {
        if (remove == null) {
          remove = new boolean[n];
        }
        remove[opEnd] = true;
      }
    }
    if (remove == null) {
      return s;
    }
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      if (!remove[i]) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  private static boolean isVersionPrefix(char c) {
    return c == 'v' || c == '=' || c == ' ';
  }

  private static char charAt(String s, int i) {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private static boolean isSpace(String s, int i) {
    return i < s.length() && s.charAt(i) == ' ';
  }

  /** TILDETRIM: {@code ~ 1} and {@code ~> 1} become {@code ~1} (the {@code >} is dropped too). */
  private static String trimTildes(String s) {
    if (s.indexOf('~') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      b.append(c);
      if (c == '~') {
        if (i + 2 < n && s.charAt(i + 1) == '>' && s.charAt(i + 2) == ' ') {
          i += 2;
        } else if (i + 1 < n && s.charAt(i + 1) == ' ') {
          i += 1;
        }
      }
    }
    return b.toString();
  }

  /** CARETTRIM: {@code ^ 1} becomes {@code ^1}. */
  private static String trimCarets(String s) {
    if (s.indexOf('^') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      b.append(c);
      if (c == '^' && i + 1 < n && s.charAt(i + 1) == ' ') {
        i++;
      }
    }
    return b.toString();
  }

  // --- caret, tilde, x-range, star -------------------------------------------------------------

  private static String replaceCaret(String comp) {
    if (comp.isEmpty() || comp.charAt(0) != '^') {
      return comp;
    }
    Xrp x = xrangePlain(comp, 1);
    if (x == null || x.end() != comp.length()) {
      return comp;
    }
    String M = x.major();
    String m = x.minor();
    String p = x.patch();
    if (isX(M)) {
      return "";
    }
    if (isX(m)) {
      return ">=" + M + ".0.0 <" + plusOne(M) + ".0.0-0";
    }
    if (isX(p)) {
      return M.equals("0")
          ? ">=" + M + "." + m + ".0 <" + M + "." + plusOne(m) + ".0-0"
          : ">=" + M + "." + m + ".0 <" + plusOne(M) + ".0.0-0";
    }
    String lower = ">=" + M + "." + m + "." + p + (x.pre() != null ? "-" + x.pre() : "");
    if (M.equals("0")) {
      return m.equals("0")
          ? lower + " <" + M + "." + m + "." + plusOne(p) + "-0"
          : lower + " <" + M + "." + plusOne(m) + ".0-0";
    }
    return lower + " <" + plusOne(M) + ".0.0-0";
  }

  private static String replaceTilde(String comp) {
    if (comp.isEmpty() || comp.charAt(0) != '~') {
      return comp;
    }
    int start = comp.length() > 1 && comp.charAt(1) == '>' ? 2 : 1;
    Xrp x = xrangePlain(comp, start);
    if (x == null || x.end() != comp.length()) {
      return comp;
    }
    String M = x.major();
    String m = x.minor();
    String p = x.patch();
    if (isX(M)) {
      return "";
    }
    if (isX(m)) {
      return ">=" + M + ".0.0 <" + plusOne(M) + ".0.0-0";
    }
    if (isX(p)) {
      return ">=" + M + "." + m + ".0 <" + M + "." + plusOne(m) + ".0-0";
    }
    String lower = ">=" + M + "." + m + "." + p + (x.pre() != null ? "-" + x.pre() : "");
    return lower + " <" + M + "." + plusOne(m) + ".0-0";
  }

  private static String replaceXRange(String comp) {
    comp = trimSpaces(comp);
    int opEnd = gtltEnd(comp, 0);
    String gtlt = comp.substring(0, opEnd);
    int start = opEnd < comp.length() && comp.charAt(opEnd) == ' ' ? opEnd + 1 : opEnd;
    Xrp x = xrangePlain(comp, start);
    if (x == null || x.end() != comp.length()) {
      return comp;
    }
    String M = x.major();
    String m = x.minor();
    String p = x.patch();
    if ((isX(M) && !isX(m)) || (isX(m) && p != null && !isX(p))) {
      return comp; // 'x.1' or '1.x.2' is left for the comparator parser to reject.
    }
    boolean xM = isX(M);
    boolean xm = xM || isX(m);
    boolean xp = xm || isX(p);
    if (gtlt.equals("=") && xp) {
      gtlt = "";
    }
    if (xM) {
      return gtlt.equals(">") || gtlt.equals("<") ? NULL_SET : "*";
    }
    if (!gtlt.isEmpty() && xp) {
      if (xm) {
        m = "0";
      }
      p = "0";
      if (gtlt.equals(">")) {
        gtlt = ">=";
        if (xm) {
          M = plusOne(M);
          m = "0";
        } else {
          m = plusOne(m);
        }
      } else if (gtlt.equals("<=")) {
        gtlt = "<";
        if (xm) {
          M = plusOne(M);
        } else {
          m = plusOne(m);
        }
      }
      return gtlt + M + "." + m + "." + p + (gtlt.equals("<") ? "-0" : "");
    }
    if (xm) {
      return ">=" + M + ".0.0 <" + plusOne(M) + ".0.0-0";
    }
    if (xp) {
      return ">=" + M + "." + m + ".0 <" + M + "." + plusOne(m) + ".0-0";
    }
    return comp;
  }

  /** Removes the first {@code (<|>)?=?\s?\*}, like node-semver's non-global STAR replace. */
  private static String replaceStar(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      int k = i;
      if (s.charAt(k) == '<' || s.charAt(k) == '>') {
        k++;
      }
      if (k < n && s.charAt(k) == '=') {
        k++;
      }
      if (k < n && s.charAt(k) == ' ') {
        k++;
      }
      if (k < n && s.charAt(k) == '*') {
        return s.substring(0, i) + s.substring(k + 1);
      }
    }
    return s;
  }

  // --- JavaScript string helpers ---------------------------------------------------------------

  /** {@code range.trim().replace(/\s+/g, ' ')}. */
  private static String collapseWhitespace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && NpmVersionScheme.isJsWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && NpmVersionScheme.isJsWhitespace(s.charAt(end - 1))) {
      end--;
    }
    StringBuilder b = new StringBuilder(end - start);
    boolean inRun = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (NpmVersionScheme.isJsWhitespace(c)) {
        if (!inRun) {
          b.append(' ');
          inRun = true;
        }
      } else {
        b.append(c);
        inRun = false;
      }
    }
    return b.toString();
  }

  /** {@code trim()} for strings whose only whitespace is already the plain space. */
  private static String trimSpaces(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code s.split(/\s+/)}: a leading or trailing run yields an empty first or last element. */
  private static List<String> splitOnSpaceRuns(String s) {
    List<String> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    int tokenStart = 0;
    while (i < n) {
      if (s.charAt(i) == ' ') {
        out.add(s.substring(tokenStart, i));
        while (i < n && s.charAt(i) == ' ') {
          i++;
        }
        tokenStart = i;
      } else {
        i++;
      }
    }
    out.add(s.substring(tokenStart, n));
    return out;
  }
}
