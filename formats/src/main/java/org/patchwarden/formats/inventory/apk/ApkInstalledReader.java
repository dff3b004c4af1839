package org.patchwarden.formats.inventory.apk;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Reads apk's database of installed packages ({@code /lib/apk/db/installed}), one package in memory
 * at a time.
 *
 * <p>Each package is a block of {@code X:value} lines, a one-letter key then a colon, and blocks are
 * separated by blank lines. Read here: {@code P} name, {@code V} version, {@code A} architecture and
 * {@code o} origin, the source package that Alpine's security database ({@code secdb}) names. Every
 * other key (checksum, size, files {@code F}/{@code R}, dependencies …) is skipped without being kept,
 * so a package with tens of thousands of files costs no memory.
 */
public final class ApkInstalledReader {
  /** Longest line accepted; real lines (a long dependency list) stay under 4,000 characters. */
  public static final int MAX_LINE = 64 * 1024;
  /** Most packages accepted; all of Alpine's main and community repositories hold about 40,000. */
  public static final int MAX_PACKAGES = 200_000;
  /** The purl namespace when none is given. */
  public static final String DEFAULT_NAMESPACE = "alpine";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");
  private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_]+");

  private final InputStream in;
  private final String source;
  private final String namespace;
  private final VersionScheme apk = Schemes.forEcosystem("apk");

  /**
   * Reads with the purl namespace {@code alpine}.
   *
   * @param in the file's bytes; not closed by the reader
   * @param source names the input in error messages (a path)
   */
  public ApkInstalledReader(InputStream in, String source) {
    this(in, source, DEFAULT_NAMESPACE);
  }

  /** @param namespace the distribution in the packages' purls: {@code alpine}, {@code wolfi} … */
  public ApkInstalledReader(InputStream in, String source, String namespace) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = Objects.requireNonNull(source, "source");
    this.namespace = PurlPackages.distributionNamespace(namespace);
  }

  /**
   * Reads the whole file.
   *
   * @throws FeedFormatException naming the line, for a line that is not {@code X:value}, a package
   *     without name or version, a line longer than {@link #MAX_LINE} or more than {@link
   *     #MAX_PACKAGES} packages
   * @throws java.io.UncheckedIOException when the input cannot be read
   */
  public CollectedPackages read() {
    BoundedLines lines = BoundedLines.lenient(in, source, MAX_LINE).open();
    List<InstalledPackage> packages = new ArrayList<>();
    Entry entry = new Entry();
    String line;
    while ((line = lines.next()) != null) {
      int number = lines.number();
      if (line.isEmpty()) {
        if (entry.start > 0) {
          finish(entry, -1, packages);
          entry = new Entry();
        }
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':' || !isAsciiLetter(line.charAt(0))) {
        throw new FeedFormatException(source, "line " + number,
            "'" + abbreviate(line) + "' is not a 'X:value' line (a letter, a colon, the value) nor a blank line");
      }
      if (entry.start == 0) {
        entry.start = number;
      }
      String value = line.substring(2);
      switch (line.charAt(0)) {
        case 'P' -> entry.name = once(entry.name, value, number, 'P');
        case 'V' -> entry.version = once(entry.version, value, number, 'V');
        case 'A' -> entry.arch = once(entry.arch, value, number, 'A');
        case 'o' -> entry.origin = once(entry.origin, value, number, 'o');
        default -> { }
      }
    }
    if (entry.start > 0) {
      finish(entry, lines.number(), packages);
    }
    return new CollectedPackages(packages, Map.of());
  }

  private Field once(Field previous, String value, int number, char key) {
    if (previous != null) {
      throw new FeedFormatException(source, "line " + number, "second " + key + ": line in one package (the first is on"
          + " line " + previous.line + "; is a blank line missing between two packages?)");
    }
    return new Field(value, number);
  }

  /** @param eofLine the last line of the file when the package ends there, else -1 */
  private void finish(Entry e, int eofLine, List<InstalledPackage> packages) {
    if (packages.size() == MAX_PACKAGES) {
      throw new FeedFormatException(source, "line " + e.start, "more than " + MAX_PACKAGES + " packages");
    }
    String truncated = eofLine > 0 ? "the file ends inside the package begun at line " + e.start + ", " : "";
    String place = "line " + (eofLine > 0 ? eofLine : e.start);
    if (e.name == null) {
      throw new FeedFormatException(source, place, truncated + "no P: (name) line"
          + (eofLine > 0 ? " (truncated file?)" : ""));
    }
    String name = e.name.value;
    if (!NAME.matcher(name).matches()) {
      throw new FeedFormatException(source, "line " + e.name.line, "P:" + abbreviate(name) + " is not a package name");
    }
    if (e.version == null) {
      throw new FeedFormatException(source, place + (eofLine > 0 ? "" : " (" + name + ")"),
          eofLine > 0 ? truncated + "before the V: (version) line of " + name + " (truncated file?)"
              : "package " + name + " has no V: (version) line");
    }
    String version = e.version.value;
    try {
      apk.parse(version);
    } catch (InvalidVersionException ex) {
      throw new FeedFormatException(source, "line " + e.version.line + " (" + name + ")", ex.getMessage(), ex);
    }
    String arch = "";
    if (e.arch != null) {
      arch = e.arch.value;
      if (!ARCH.matcher(arch).matches()) {
        throw new FeedFormatException(source, "line " + e.arch.line + " (" + name + ")",
            "A:" + abbreviate(arch) + " is not an architecture");
      }
    }
    String origin = "";
    if (e.origin != null) {
      origin = e.origin.value;
      if (!NAME.matcher(origin).matches()) {
        throw new FeedFormatException(source, "line " + e.origin.line + " (" + name + ")",
            "o:" + abbreviate(origin) + " is not a package name");
      }
      origin = origin.equals(name) ? "" : origin;
    }
    // Subpackages always share their origin's version: an APKBUILD has one pkgver and pkgrel.
    packages.add(new InstalledPackage("apk", name, version, origin, "", arch, purl(name, version, arch)));
  }

  private String purl(String name, String version, String arch) {
    return PurlPackages.databasePurl("apk", namespace, name, version, arch.isEmpty() ? Map.of() : Map.of("arch", arch));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  /** A value and the line it is on. */
  private record Field(String value, int line) {}

  /** The lines of the package being read that matter here. */
  private static final class Entry {
    int start;
    Field name;
    Field version;
    Field arch;
    Field origin;
  }
}
