package org.patchwarden.formats.inventory.dpkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines; // NB: javadoc only, the lines are read as bytes here
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.PurlPackages;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * Reads dpkg's database of package states ({@code /var/lib/dpkg/status}) into the packages that are
 * installed, one stanza in memory at a time.
 *
 * <p>The file is a sequence of deb822 stanzas ({@code Field: value} lines, continuation lines
 * starting with a space or tab, stanzas separated by blank lines). A stanza counts as installed when
 * its {@code Status} wants the package ({@code install} or {@code hold}), has no error flag, and its
 * state is configured: {@code installed}, or {@code triggers-pending}/{@code triggers-awaited}, the
 * states of a configured package whose triggers have not run yet (dpkg(1)) — they are installed, and
 * a run of {@code apt-get} leaves such stanzas behind when it is interrupted. Every other stanza
 * (removed with its configuration left, half-installed, unpacked but not configured, selected for
 * removal) is left out and counted by its status in {@link CollectedPackages#skipped()}.
 *
 * <p>{@code Source: name} or {@code Source: name (version)} gives the source package: Debian's
 * advisories name source packages, and a binNMU ({@code 5.2.15-2+b7}) is built from an older
 * source version ({@code 5.2.15-2}).
 */
public final class DpkgStatusReader {
  /** Longest line accepted; real status files stay under 12,000 characters (a long Conffiles or Description line). */
  public static final int MAX_LINE = 64 * 1024;
  /** Most stanzas accepted; a host with all of Debian installed would have about 70,000. */
  public static final int MAX_STANZAS = 200_000;
  /** The purl namespace when none is given. */
  public static final String DEFAULT_NAMESPACE = "debian";

  private static final Set<String> WANTED = Set.of("install", "hold");
  private static final Set<String> WANTS = Set.of("unknown", "install", "hold", "deinstall", "purge");
  // NB: dpkg still parses the obsolete "hold" and "hold-reinstreq" error flags of old databases.
  private static final Set<String> FLAGS = Set.of("ok", "reinstreq", "hold", "hold-reinstreq");
  private static final Set<String> CONFIGURED = Set.of("installed", "triggers-pending", "triggers-awaited");
  private static final Set<String> STATES = Set.of("not-installed", "config-files", "half-installed", "unpacked",
      "half-configured", "triggers-awaited", "triggers-pending", "installed");
  // NB: Debian policy allows lower case only, but dpkg itself accepts upper case in local packages.
  /**
   * Purls already built, by namespace, name, version and architecture: the hosts of a fleet list
   * the same packages, and building one costs more than parsing its stanza. Bounded by clearing.
   */
  private static final Map<String, String> PURLS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_PURLS = 100_000;
  /**
   * Packages already read and checked, by the fields they came from: the hosts of a fleet list the
   * same packages, and checking a version and building a purl cost more than reading the stanza.
   * Bounded by clearing.
   */
  private static final Map<Known, InstalledPackage> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_KNOWN = 100_000;
  private static final String INSTALLED = "install ok installed";

  private final InputStream in;
  private final String source;
  private final String namespace;
  private final VersionScheme deb = Schemes.forEcosystem("deb");

  /**
   * Reads with the purl namespace {@code debian}.
   *
   * @param in the file's bytes; not closed by the reader
   * @param source names the input in error messages (a path)
   */
  public DpkgStatusReader(InputStream in, String source) {
    this(in, source, DEFAULT_NAMESPACE);
  }

  /**
   * @param namespace the distribution in the packages' purls: {@code debian}, {@code ubuntu} …
   *     (the OS release {@code ID})
   */
  public DpkgStatusReader(InputStream in, String source, String namespace) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = Objects.requireNonNull(source, "source");
    this.namespace = PurlPackages.distributionNamespace(namespace);
  }

  /**
   * Reads the whole file.
   *
   * <p>The file is read as bytes, a buffer at a time: a line is only turned into text when it is
   * one of the five fields kept, or an error quotes it. The lines, their numbers, the bounds and
   * every message are those of reading it as UTF-8 text ({@link BoundedLines#lenient}, which this
   * reader used before): a line ends at {@code \n} (a {@code \r} before it dropped), bytes that are
   * not UTF-8 read as U+FFFD, and a line longer than {@link #MAX_LINE} characters (UTF-16 units,
   * its {@code \r} included) is refused. Byte {@code \n} is never part of a UTF-8 sequence, so a
   * line's text is its bytes decoded alone.
   *
   * @throws FeedFormatException naming the line, for a malformed stanza, an installed package without
   *     version, a line longer than {@link #MAX_LINE} or more than {@link #MAX_STANZAS} stanzas
   * @throws java.io.UncheckedIOException when the input cannot be read
   */
  public CollectedPackages read() {
    Lines lines = new Lines();
    List<InstalledPackage> installed = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Stanza stanza = new Stanza();
    int stanzas = 0;
    while (lines.next()) {
      int number = lines.number;
      byte[] b = lines.buffer;
      int from = lines.start;
      int to = lines.end;
      if (lines.isBlank()) {
        if (stanza.start > 0) {
          if (++stanzas > MAX_STANZAS) {
            throw new FeedFormatException(source, "line " + stanza.start, "more than " + MAX_STANZAS + " stanzas");
          }
          finish(stanza, -1, installed, skipped);
          stanza.clear();
        }
        continue;
      }
      if (b[from] == ' ' || b[from] == '\t') {
        if (stanza.start == 0) {
          throw new FeedFormatException(source, "line " + number,
              "continuation line (starting with a blank) outside of any field");
        }
        continue; // the rest of a multi-line field (Description, Conffiles): not needed
      }
      if (stanza.start == 0) {
        stanza.start = number;
      }
      field(lines, b, from, to, number, stanza);
    }
    if (stanza.start > 0) {
      if (++stanzas > MAX_STANZAS) {
        throw new FeedFormatException(source, "line " + stanza.start, "more than " + MAX_STANZAS + " stanzas");
      }
      finish(stanza, lines.number, installed, skipped);
    }
    return new CollectedPackages(installed, skipped);
  }

  /**
   * Whether {@code name} is a deb822 field name: printable ASCII but space and colon, not starting
   * with '#' or '-'. A loop, not a pattern: it runs for every line of a fleet's status files.
   */
  static boolean isFieldName(String name) {
    if (name.isEmpty() || name.charAt(0) == '#' || name.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '!' || c > '~' || c == ':') {
        return false;
      }
    }
    return true;
  }

  /** {@link #isFieldName} of bytes {@code from} to {@code to}: a name outside ASCII is none. */
  private static boolean isFieldName(byte[] b, int from, int to) {
    if (from == to || b[from] == '#' || b[from] == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      int c = b[i];
      if (c < '!' || c > '~' || c == ':') {
        return false;
      }
    }
    return true;
  }

  /** The kept fields' names in lower case, matched against a line's name bytes whatever their case. */
  private static final byte[][] KEPT = {
    "package".getBytes(StandardCharsets.US_ASCII), "status".getBytes(StandardCharsets.US_ASCII),
    "version".getBytes(StandardCharsets.US_ASCII), "architecture".getBytes(StandardCharsets.US_ASCII),
    "source".getBytes(StandardCharsets.US_ASCII)
  };

  private void field(Lines lines, byte[] b, int from, int to, int number, Stanza stanza) {
    int colon = from;
    while (colon < to && b[colon] != ':') {
      colon++;
    }
    if (colon == to || !isFieldName(b, from, colon)) {
      throw new FeedFormatException(source, "line " + number,
          "'" + abbreviate(lines.text()) + "' is not a 'Field: value' line (nor a continuation line or a blank line)");
    }
    int kept = kept(b, from, colon);
    if (kept < 0) {
      return;
    }
    String value = value(b, colon + 1, to);
    switch (kept) {
      case 0 -> stanza.pkg = once(stanza.pkg, value, number, "Package");
      case 1 -> stanza.status = once(stanza.status, value, number, "Status");
      case 2 -> stanza.version = once(stanza.version, value, number, "Version");
      case 3 -> stanza.arch = once(stanza.arch, value, number, "Architecture");
      default -> stanza.src = once(stanza.src, value, number, "Source");
    }
  }

  /** Which of {@link #KEPT} the name bytes are (ASCII, as {@link #isFieldName} checked), or -1. */
  private static int kept(byte[] b, int from, int to) {
    int n = to - from;
    for (int k = 0; k < KEPT.length; k++) {
      byte[] name = KEPT[k];
      if (name.length != n) {
        continue;
      }
      int i = 0;
      while (i < n && (b[from + i] | 0x20) == name[i]) {
        i++;
      }
      if (i == n) {
        return k;
      }
    }
    return -1;
  }

  /**
   * A field's value: the bytes after the colon as text, stripped ({@link String#strip}). ASCII
   * white space is dropped from the bytes first, so that the common value needs one string.
   */
  private static String value(byte[] b, int from, int to) {
    while (from < to && isAsciiWhitespace(b[from])) {
      from++;
    }
    while (to > from && isAsciiWhitespace(b[to - 1])) {
      to--;
    }
    return new String(b, from, to - from, StandardCharsets.UTF_8).strip();
  }

  /** The ASCII characters {@link Character#isWhitespace} accepts: tab to carriage return, 0x1C to 0x1F, space. */
  private static boolean isAsciiWhitespace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
  }

  /** {@code \s} of a pattern without UNICODE_CHARACTER_CLASS. */
  private static boolean isPatternSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * The words of a stripped Status value split at runs of {@code \s}, as {@code
   * Pattern.compile("\\s+").split(value)}; at most four are kept (more than three is malformed).
   */
  static List<String> words(String value) {
    List<String> words = new ArrayList<>(3);
    int i = 0;
    int n = value.length();
    while (i < n && words.size() < 4) {
      int start = i;
      while (i < n && !isPatternSpace(value.charAt(i))) {
        i++;
      }
      // a value starting with a blank gives a first empty word, as the pattern's split does
      words.add(value.substring(start, i));
      while (i < n && isPatternSpace(value.charAt(i))) {
        i++;
      }
    }
    return words;
  }

  /**
   * A Source value, {@code name} or {@code name (version)}, as the pattern {@code
   * (\S+)(?:\s+\((\S+)\))?} matches the whole value: {name, version or null}, or null when it does
   * not match.
   */
  static String[] sourceParts(String value) {
    int n = value.length();
    int i = 0;
    while (i < n && !isPatternSpace(value.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return null;
    }
    String name = value.substring(0, i);
    if (i == n) {
      return new String[] {name, null};
    }
    while (i < n && isPatternSpace(value.charAt(i))) {
      i++;
    }
    if (n - i < 3 || value.charAt(i) != '(' || value.charAt(n - 1) != ')') {
      return null;
    }
    for (int j = i + 1; j < n - 1; j++) {
      if (isPatternSpace(value.charAt(j))) {
        return null;
      }
    }
    return new String[] {name, value.substring(i + 1, n - 1)};
  }

  private Field once(Field previous, String value, int number, String name) {
    if (previous != null) {
      throw new FeedFormatException(source, "line " + number,
          "second " + name + " field in the stanza (the first is on line " + previous.line
              + "; is a blank line missing between two stanzas?)");
    }
    return new Field(value, number);
  }

  /** @param eofLine the last line of the file when the stanza ends there, else -1 */
  private void finish(Stanza s, int eofLine, List<InstalledPackage> installed, Map<String, Integer> skipped) {
    if (s.pkg == null) {
      // dpkg writes Package first, so a cut-off file never loses it: this stanza was never dpkg's.
      throw new FeedFormatException(source, "line " + s.start, "stanza without a Package field");
    }
    String pkg = s.pkg.value;
    if (s.status == null) {
      if (!isPackageName(pkg)) {
        throw new FeedFormatException(source, "line " + s.pkg.line, "'" + abbreviate(pkg) + "' is not a package name");
      }
      throw new FeedFormatException(source, place(s),
          eofLine > 0 ? "the file ends inside the stanza of " + pkg + " before its Status field (truncated file?)"
              : "no Status field (is this dpkg's status file, not 'available' or a Packages index?)");
    }
    if (s.version != null && INSTALLED.equals(s.status.value)) {
      // the common stanza: an installed package met before (the hosts of a fleet share most), whose
      // fields were checked then; the checks below are functions of these values alone
      Known key = new Known(namespace, pkg, s.version.value, s.arch == null ? null : s.arch.value,
          s.src == null ? null : s.src.value);
      InstalledPackage known = KNOWN.get(key);
      if (known != null) {
        installed.add(known);
        return;
      }
      InstalledPackage p = checked(s, eofLine, pkg, skipped);
      if (KNOWN.size() >= MAX_KNOWN) {
        KNOWN.clear();
      }
      KNOWN.put(key, p);
      installed.add(p);
      return;
    }
    InstalledPackage p = checked(s, eofLine, pkg, skipped);
    if (p != null) {
      installed.add(p);
    }
  }

  /** The stanza's package after every check, or null when it is not installed (counted in {@code skipped}). */
  private InstalledPackage checked(Stanza s, int eofLine, String pkg, Map<String, Integer> skipped) {
    if (!isPackageName(pkg)) {
      throw new FeedFormatException(source, "line " + s.pkg.line, "'" + abbreviate(pkg) + "' is not a package name");
    }
    List<String> words = words(s.status.value);
    if (words.size() != 3 || !WANTS.contains(words.get(0)) || !FLAGS.contains(words.get(1))
        || !STATES.contains(words.get(2))) {
      throw new FeedFormatException(source, "line " + s.status.line + " (" + pkg + ")",
          "Status '" + abbreviate(s.status.value) + "' is not 'want flag state' (e.g. 'install ok installed')");
    }
    if (!WANTED.contains(words.get(0)) || !words.get(1).equals("ok") || !CONFIGURED.contains(words.get(2))) {
      skipped.merge(String.join(" ", words), 1, Integer::sum);
      return null;
    }
    if (s.version == null) {
      throw new FeedFormatException(source, eofLine > 0 ? "line " + eofLine : place(s),
          eofLine > 0 ? "the file ends inside the stanza of " + pkg + " (begun at line " + s.start
              + ") before its Version field (truncated file?)"
              : "installed package " + pkg + " has no Version field");
    }
    String version = s.version.value;
    checkVersion(version, s.version.line, pkg);
    String arch = "";
    if (s.arch != null) {
      arch = s.arch.value;
      if (!isArchitecture(arch)) {
        throw new FeedFormatException(source, "line " + s.arch.line + " (" + pkg + ")",
            "Architecture '" + abbreviate(arch) + "' is not an architecture name");
      }
    } // NB: stanzas written before multiarch (dpkg < 1.16.2) may lack Architecture.
    String sourceName = "";
    String sourceVersion = "";
    if (s.src != null) {
      String[] m = sourceParts(s.src.value);
      if (m == null || !isPackageName(m[0])) {
        throw new FeedFormatException(source, "line " + s.src.line + " (" + pkg + ")",
            "Source '" + abbreviate(s.src.value) + "' is not 'name' or 'name (version)'");
      }
      sourceName = m[0].equals(pkg) ? "" : m[0];
      if (m[1] != null) {
        checkVersion(m[1], s.src.line, pkg);
        sourceVersion = m[1].equals(version) ? "" : m[1];
      }
    }
    return new InstalledPackage("deb", pkg, version, sourceName, sourceVersion, arch, purl(pkg, version, arch));
  }

  /**
   * The lines of the input as byte ranges of one buffer, which grows for a long line up to a bound
   * past which the line cannot be within {@link #MAX_LINE} characters.
   */
  private final class Lines {
    /** A UTF-16 unit takes at most three bytes (a four-byte sequence gives two), U+FFFD at most three. */
    private static final int MAX_LINE_BYTES = 3 * MAX_LINE + 3;

    byte[] buffer = new byte[1 << 16];
    /** The current line's bytes, its end of line excluded ({@code \r} too). */
    int start;
    int end;
    int number;
    private int next; // where the next line starts
    private int limit; // bytes in the buffer
    private boolean ended;

    /** Moves to the next line; false at the end of the input. */
    boolean next() {
      int scan = next;
      while (true) {
        int nl = indexOf('\n', scan, limit);
        if (nl >= 0) {
          number++;
          take(next, nl);
          next = nl + 1;
          return true;
        }
        scan = limit;
        if (ended) {
          if (next == limit) {
            return false;
          }
          number++;
          take(next, limit);
          next = limit;
          return true;
        }
        scan -= next;
        fill();
      }
    }

    /** Sets the line to bytes {@code from} to {@code to} (before its end of line), after the length check. */
    private void take(int from, int to) {
      if (to - from > MAX_LINE && new String(buffer, from, to - from, StandardCharsets.UTF_8).length() > MAX_LINE) {
        throw overlong();
      }
      start = from;
      end = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
    }

    private FeedFormatException overlong() {
      return new FeedFormatException(source, "line " + number,
          "longer than " + MAX_LINE + " characters (the limit for this file)");
    }

    private int indexOf(int c, int from, int to) {
      byte[] b = buffer;
      for (int i = from; i < to; i++) {
        if (b[i] == c) {
          return i;
        }
      }
      return -1;
    }

    /** Moves the unread bytes to the front and reads more, growing the buffer for a long line. */
    private void fill() {
      int pending = limit - next;
      if (pending == buffer.length) {
        if (buffer.length >= MAX_LINE_BYTES) {
          number++; // the line being read: more bytes than MAX_LINE characters can take
          throw overlong();
        }
        buffer = java.util.Arrays.copyOf(buffer, Math.min(MAX_LINE_BYTES, buffer.length * 2));
      } else if (next > 0) {
        System.arraycopy(buffer, next, buffer, 0, pending);
      }
      next = 0;
      limit = pending;
      try {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
          ended = true;
        } else {
          limit += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source, e);
      }
    }

    /** Whether the line is blank ({@link String#isBlank}): ASCII white space, or text that is. */
    boolean isBlank() {
      for (int i = start; i < end; i++) {
        byte c = buffer[i];
        if (c < 0) {
          return text().isBlank();
        }
        if (!isAsciiWhitespace(c)) {
          return false;
        }
      }
      return true;
    }

    /** The line as text. */
    String text() {
      return new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }
  }

  private void checkVersion(String version, int line, String pkg) {
    try {
      deb.parse(version);
    } catch (InvalidVersionException e) {
      throw new FeedFormatException(source, "line " + line + " (" + pkg + ")", e.getMessage(), e);
    }
  }

  private String purl(String name, String version, String arch) {
    String key = namespace + '\n' + name + '\n' + version + '\n' + arch;
    String purl = PURLS.get(key);
    if (purl == null) {
      purl = PurlPackages.databasePurl("deb", namespace, name, version, arch.isEmpty() ? Map.of() : Map.of("arch", arch));
      if (PURLS.size() >= MAX_PURLS) {
        PURLS.clear();
      }
      PURLS.put(key, purl);
    }
    return purl;
  }

  /** {@code [A-Za-z0-9][A-Za-z0-9.+_-]*}, as a loop: it runs for every package of a fleet. */
  static boolean isPackageName(String name) {
    if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) || name.charAt(0) > 'z') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || (i > 0 && (c == '.' || c == '+' || c == '_' || c == '-'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code [a-z0-9][a-z0-9-]*}, as a loop. */
  static boolean isArchitecture(String arch) {
    if (arch.isEmpty() || arch.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < arch.length(); i++) {
      char c = arch.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static String place(Stanza s) {
    return "line " + s.start + " (" + s.pkg.value + ")";
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  /** A field's value and the line it is on. */
  private record Field(String value, int line) {}

  /** The fields of the stanza being read that matter here. */
  private static final class Stanza {
    int start;
    Field pkg;
    Field status;
    Field version;
    Field arch;
    Field src;

    void clear() {
      start = 0;
      pkg = null;
      status = null;
      version = null;
      arch = null;
      src = null;
    }
  }

  /**
   * The fields an installed package was built from, with the namespace of its purl. Its equals and
   * hashCode are written out: a record's generated ones run through method handles, slow before the
   * optimising compiler (the CLI runs without it), and a fleet import looks up every stanza here.
   */
  private record Known(String namespace, String pkg, String version, String arch, String src) {
    @Override
    public int hashCode() {
      int h = 31 * pkg.hashCode() + version.hashCode();
      h = 31 * h + namespace.hashCode();
      h = 31 * h + (arch == null ? 0 : arch.hashCode());
      return 31 * h + (src == null ? 0 : src.hashCode());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Known k && pkg.equals(k.pkg) && version.equals(k.version) && namespace.equals(k.namespace)
          && java.util.Objects.equals(arch, k.arch) && java.util.Objects.equals(src, k.src);
    }
  }
}
