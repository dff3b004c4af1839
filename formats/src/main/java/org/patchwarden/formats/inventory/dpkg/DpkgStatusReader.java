package org.patchwarden.formats.inventory.dpkg;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines;
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
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]*");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /**
   * Purls already built, by namespace, name, version and architecture: the hosts of a fleet list
   * the same packages, and building one costs more than parsing its stanza. Bounded by clearing.
   */
  private static final Map<String, String> PURLS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_PURLS = 100_000;
  private static final Pattern SOURCE = Pattern.compile("(\\S+)(?:\\s+\\((\\S+)\\))?");

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
   * @throws FeedFormatException naming the line, for a malformed stanza, an installed package without
   *     version, a line longer than {@link #MAX_LINE} or more than {@link #MAX_STANZAS} stanzas
   * @throws java.io.UncheckedIOException when the input cannot be read
   */
  public CollectedPackages read() {
    BoundedLines lines = BoundedLines.lenient(in, source, MAX_LINE).open();
    List<InstalledPackage> installed = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Stanza stanza = new Stanza();
    int stanzas = 0;
    String line;
    while ((line = lines.next()) != null) {
      int number = lines.number();
      if (line.isBlank()) {
        if (stanza.start > 0) {
          if (++stanzas > MAX_STANZAS) {
            throw new FeedFormatException(source, "line " + stanza.start, "more than " + MAX_STANZAS + " stanzas");
          }
          finish(stanza, -1, installed, skipped);
          stanza = new Stanza();
        }
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (stanza.start == 0) {
          throw new FeedFormatException(source, "line " + number,
              "continuation line (starting with a blank) outside of any field");
        }
        continue; // the rest of a multi-line field (Description, Conffiles): not needed
      }
      if (stanza.start == 0) {
        stanza.start = number;
      }
      field(line, number, stanza);
    }
    if (stanza.start > 0) {
      if (++stanzas > MAX_STANZAS) {
        throw new FeedFormatException(source, "line " + stanza.start, "more than " + MAX_STANZAS + " stanzas");
      }
      finish(stanza, lines.number(), installed, skipped);
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

  private void field(String line, int number, Stanza stanza) {
    int colon = line.indexOf(':');
    String name = colon < 0 ? "" : line.substring(0, colon);
    if (!isFieldName(name)) {
      throw new FeedFormatException(source, "line " + number,
          "'" + abbreviate(line) + "' is not a 'Field: value' line (nor a continuation line or a blank line)");
    }
    String value = line.substring(colon + 1).strip();
    switch (name.toLowerCase(Locale.ROOT)) {
      case "package" -> stanza.pkg = once(stanza.pkg, value, number, "Package");
      case "status" -> stanza.status = once(stanza.status, value, number, "Status");
      case "version" -> stanza.version = once(stanza.version, value, number, "Version");
      case "architecture" -> stanza.arch = once(stanza.arch, value, number, "Architecture");
      case "source" -> stanza.src = once(stanza.src, value, number, "Source");
      default -> { }
    }
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
    if (!isPackageName(pkg)) {
      throw new FeedFormatException(source, "line " + s.pkg.line, "'" + abbreviate(pkg) + "' is not a package name");
    }
    if (s.status == null) {
      throw new FeedFormatException(source, place(s),
          eofLine > 0 ? "the file ends inside the stanza of " + pkg + " before its Status field (truncated file?)"
              : "no Status field (is this dpkg's status file, not 'available' or a Packages index?)");
    }
    String[] words = WHITESPACE.split(s.status.value);
    if (words.length != 3 || !WANTS.contains(words[0]) || !FLAGS.contains(words[1]) || !STATES.contains(words[2])) {
      throw new FeedFormatException(source, "line " + s.status.line + " (" + pkg + ")",
          "Status '" + abbreviate(s.status.value) + "' is not 'want flag state' (e.g. 'install ok installed')");
    }
    if (!WANTED.contains(words[0]) || !words[1].equals("ok") || !CONFIGURED.contains(words[2])) {
      skipped.merge(String.join(" ", words), 1, Integer::sum);
      return;
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
      Matcher m = SOURCE.matcher(s.src.value);
      if (!m.matches() || !NAME.matcher(m.group(1)).matches()) {
        throw new FeedFormatException(source, "line " + s.src.line + " (" + pkg + ")",
            "Source '" + abbreviate(s.src.value) + "' is not 'name' or 'name (version)'");
      }
      sourceName = m.group(1).equals(pkg) ? "" : m.group(1);
      if (m.group(2) != null) {
        checkVersion(m.group(2), s.src.line, pkg);
        sourceVersion = m.group(2).equals(version) ? "" : m.group(2);
      }
    }
    installed.add(new InstalledPackage("deb", pkg, version, sourceName, sourceVersion, arch, purl(pkg, version, arch)));
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
  }
}
