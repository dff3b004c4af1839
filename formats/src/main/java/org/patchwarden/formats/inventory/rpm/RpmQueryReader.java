package org.patchwarden.formats.inventory.rpm;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * Reads the installed packages from the output of
 * {@value #QUERY_FORMAT_COMMAND}, one line per package.
 *
 * <p>The rpm database itself is a binary (SQLite or Berkeley DB) file that only rpm reads reliably,
 * so the collector runs rpm on the host and ships its output. Each package's version is the EVR
 * {@code [epoch:]version-release}, without the epoch when it is 0. The source package comes from the
 * source RPM's file name {@code name-version-release.src.rpm}; {@code gpg-pubkey} entries (imported
 * signing keys, not software) are left out and counted.
 */
public final class RpmQueryReader {
  /** The query format of the output this reads (the argument of {@code rpm -qa --qf}). */
  public static final String QUERY_FORMAT =
      "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\n";
  /** The command whose output this reads. */
  public static final String QUERY_FORMAT_COMMAND = "rpm -qa --qf '" + QUERY_FORMAT + "'";
  /** Longest line accepted; a real line is under 200 characters. */
  public static final int MAX_LINE = 4096;
  /** Most packages accepted; a full Fedora workstation has about 3,000. */
  public static final int MAX_PACKAGES = 200_000;

  private static final String NONE = "(none)";
  private static final String PUBKEY = "gpg-pubkey";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]*");
  private static final Pattern VERSION_PART = Pattern.compile("[A-Za-z0-9._+~^]+");
  private static final Pattern EPOCH = Pattern.compile("\\d{1,9}");
  private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_]+");

  private final InputStream in;
  private final String source;
  private final String namespace;
  private final VersionScheme rpm = Schemes.forEcosystem("rpm");

  /**
   * @param in the command's output (UTF-8); not closed by the reader
   * @param source names the input in error messages (a path, or the host it came from)
   * @param namespace the distribution in the packages' purls: {@code almalinux}, {@code redhat},
   *     {@code fedora} … (the OS release {@code ID}); rpm output does not say which it is
   */
  public RpmQueryReader(InputStream in, String source, String namespace) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = Objects.requireNonNull(source, "source");
    this.namespace = PurlPackages.distributionNamespace(namespace);
  }

  /**
   * Reads the whole output.
   *
   * @throws FeedFormatException naming the line, for a line that is not six tab-separated fields of
   *     the expected shape, a line longer than {@link #MAX_LINE} or more than {@link #MAX_PACKAGES} lines
   * @throws java.io.UncheckedIOException when the input cannot be read
   */
  public CollectedPackages read() {
    BoundedLines lines = BoundedLines.lenient(in, source, MAX_LINE).open();
    List<InstalledPackage> packages = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    int entries = 0;
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank()) {
        continue;
      }
      String place = "line " + lines.number();
      if (++entries > MAX_PACKAGES) {
        throw new FeedFormatException(source, place, "more than " + MAX_PACKAGES + " packages");
      }
      String[] f = line.split("\t", -1);
      if (f.length != 6) {
        throw new FeedFormatException(source, place, f.length + " tab-separated fields where "
            + "NAME EPOCHNUM VERSION RELEASE ARCH SOURCERPM are 6 (is this the output of "
            + QUERY_FORMAT_COMMAND + "?)");
      }
      if (f[0].equals(PUBKEY)) {
        skipped.merge(PUBKEY, 1, Integer::sum);
        continue;
      }
      packages.add(parse(f, place));
    }
    return new CollectedPackages(packages, skipped);
  }

  private InstalledPackage parse(String[] f, String place) {
    String name = f[0];
    if (!NAME.matcher(name).matches()) {
      throw new FeedFormatException(source, place, "NAME '" + abbreviate(name) + "' is not a package name");
    }
    place = place + " (" + name + ")";
    // NB: %{EPOCH} prints "(none)" where %{EPOCHNUM} prints 0; accept both spellings of "no epoch".
    String epoch = f[1].equals(NONE) ? "0" : f[1];
    if (!EPOCH.matcher(epoch).matches()) {
      throw new FeedFormatException(source, place, "EPOCHNUM '" + abbreviate(epoch) + "' is not a number");
    }
    epoch = String.valueOf(Integer.parseInt(epoch)); // "01" and "1" are one epoch
    String vr = versionRelease(f[2], f[3], place, "VERSION", "RELEASE");
    String evr = epoch.equals("0") ? vr : epoch + ":" + vr;
    try {
      rpm.parse(evr);
    } catch (InvalidVersionException e) {
      throw new FeedFormatException(source, place, e.getMessage(), e);
    }
    String arch = f[4].equals(NONE) ? "" : f[4];
    if (!arch.isEmpty() && !ARCH.matcher(arch).matches()) {
      throw new FeedFormatException(source, place, "ARCH '" + abbreviate(arch) + "' is not an architecture");
    }
    String sourceName = "";
    String sourceVersion = "";
    if (!f[5].equals(NONE)) {
      String[] src = sourceRpm(f[5], place);
      sourceName = src[0].equals(name) ? "" : src[0];
      // NB: a source RPM's file name has no epoch. Like Trivy, take the binary's: subpackages share
      // the Epoch of their spec file unless one overrides it, which is rare.
      String sourceEvr = epoch.equals("0") ? src[1] : epoch + ":" + src[1];
      sourceVersion = sourceEvr.equals(evr) ? "" : sourceEvr;
    }
    return new InstalledPackage("rpm", name, evr, sourceName, sourceVersion, arch, purl(name, vr, epoch, arch));
  }

  private String versionRelease(String version, String release, String place, String vField, String rField) {
    if (!VERSION_PART.matcher(version).matches()) {
      throw new FeedFormatException(source, place, vField + " '" + abbreviate(version) + "' is not an rpm version");
    }
    if (!VERSION_PART.matcher(release).matches()) {
      throw new FeedFormatException(source, place, rField + " '" + abbreviate(release) + "' is not an rpm release");
    }
    return version + "-" + release;
  }

  /** {@code name-version-release.src.rpm} → name, version-release. */
  private String[] sourceRpm(String file, String place) {
    String base = file.endsWith(".src.rpm") ? file.substring(0, file.length() - 8)
        : file.endsWith(".nosrc.rpm") ? file.substring(0, file.length() - 10) : null;
    int releaseDash = base == null ? -1 : base.lastIndexOf('-');
    int versionDash = releaseDash <= 0 ? -1 : base.lastIndexOf('-', releaseDash - 1);
    if (versionDash <= 0) {
      throw new FeedFormatException(source, place, "SOURCERPM '" + abbreviate(file)
          + "' is not name-version-release.src.rpm");
    }
    String name = base.substring(0, versionDash);
    if (!NAME.matcher(name).matches()) {
      throw new FeedFormatException(source, place,
          "SOURCERPM '" + abbreviate(file) + "' does not start with a package name");
    }
    String vr = versionRelease(base.substring(versionDash + 1, releaseDash), base.substring(releaseDash + 1), place,
        "SOURCERPM version", "SOURCERPM release");
    return new String[] {name, vr};
  }

  /** The purl spec puts rpm's epoch in a qualifier and keeps the version as version-release. */
  private String purl(String name, String versionRelease, String epoch, String arch) {
    TreeMap<String, String> qualifiers = new TreeMap<>();
    if (!arch.isEmpty()) {
      qualifiers.put("arch", arch);
    }
    if (!epoch.equals("0")) {
      qualifiers.put("epoch", epoch);
    }
    return PurlPackages.databasePurl("rpm", namespace, name, versionRelease, qualifiers);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
