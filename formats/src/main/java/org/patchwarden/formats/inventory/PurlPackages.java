package org.patchwarden.formats.inventory;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.patchwarden.formats.cpe.CpeName;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Turns the identifiers SBOMs carry, package URLs and CPE names, into installed packages named the
 * way Patchwarden's ecosystems name them.
 */
public final class PurlPackages {
  private static final Pattern PEP503_SEPARATORS = Pattern.compile("[-_.]+");
  private static final Pattern DISTRIBUTION = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final Map<String, String> ECOSYSTEM_BY_TYPE = Map.ofEntries(
      Map.entry("deb", "deb"),
      Map.entry("rpm", "rpm"),
      Map.entry("apk", "apk"),
      Map.entry("npm", "npm"),
      Map.entry("pypi", "pypi"),
      Map.entry("maven", "maven"),
      Map.entry("golang", "go"),
      Map.entry("gem", "rubygems"),
      Map.entry("nuget", "nuget"),
      Map.entry("generic", "generic"));

  private PurlPackages() {}

  /** The PEP 503 normal form of a Python distribution name: {@code Django_Rest.framework} → {@code django-rest-framework}. */
  public static String pep503(String name) {
    return PEP503_SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** Our ecosystem for a purl type, if we know one: {@code golang} → {@code go}, {@code gem} → {@code rubygems}. */
  public static Optional<String> ecosystemOf(String purlType) {
    return Optional.ofNullable(ECOSYSTEM_BY_TYPE.get(purlType.toLowerCase(Locale.ROOT)));
  }

  /**
   * The canonical purl of coordinates a lockfile gives, or empty when they cannot form one.
   *
   * @param namespace the purl namespace ({@code @babel}, a Maven group), or null
   */
  public static String purl(String type, String namespace, String name, String version) {
    return purl(type, namespace, name, version, Map.of());
  }

  /** Like {@link #purl(String, String, String, String)}, with qualifiers ({@code classifier}, {@code type}). */
  public static String purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
    try {
      return new PackageURL(type, namespace, name, version,
          qualifiers.isEmpty() ? null : new java.util.TreeMap<>(qualifiers), null).canonicalize();
    } catch (MalformedPackageURLException | RuntimeException e) {
      return "";
    }
  }

  /**
   * A distribution id as the namespace of the purls of its packages: {@code debian}, {@code
   * alpine}, {@code almalinux} … (the OS release {@code ID}).
   *
   * @throws IllegalArgumentException when it is not a lower-case distribution id
   */
  public static String distributionNamespace(String namespace) {
    if (namespace == null || !DISTRIBUTION.matcher(namespace).matches()) {
      throw new IllegalArgumentException("purl namespace '" + namespace + "' must be a lower-case distribution id");
    }
    return namespace;
  }

  /**
   * The canonical purl of a package a host's package database lists, from a name, version and
   * qualifiers its reader has validated.
   *
   * @throws IllegalStateException when they still cannot form a purl: a bug in that validation
   */
  public static String databasePurl(String type, String namespace, String name, String version,
      Map<String, String> qualifiers) {
    try {
      return new PackageURL(type, namespace, name, version,
          qualifiers.isEmpty() ? null : new java.util.TreeMap<>(qualifiers), null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalStateException("cannot build the purl of " + name + " " + version, e);
    }
  }

  /**
   * The package a purl names.
   *
   * @param text the package URL
   * @param fallbackVersion the version to use when the purl has none (CycloneDX {@code version},
   *     SPDX {@code versionInfo}), or empty
   * @param out receives the warnings: malformed purl, no version, unknown type
   * @param place where the purl was read, for the warnings
   * @return empty when the purl cannot name a package (a warning then says why)
   */
  public static Optional<InstalledPackage> fromPurl(String text, String fallbackVersion, CollectedPackages.Builder out,
      String place) {
    PackageURL purl;
    try {
      purl = new PackageURL(text);
    } catch (MalformedPackageURLException | RuntimeException e) {
      out.warn(place, "purl '" + text + "' is malformed (" + e.getMessage() + "); skipped");
      return Optional.empty();
    }
    String type = purl.getType();
    String ecosystem = ECOSYSTEM_BY_TYPE.get(type);
    String namespace = purl.getNamespace();
    String name = switch (type) {
      // NB: packageurl-java lower-cases golang namespaces, but Go module paths are case-sensitive
      // (github.com/Azure/go-autorest) and the Go advisories spell them as Go does: read them from the text.
      case "golang" -> rawGoPath(text, namespace == null ? purl.getName() : namespace + "/" + purl.getName());
      case "npm", "generic" -> namespace == null ? purl.getName() : namespace + "/" + purl.getName();
      case "maven" -> namespace == null ? purl.getName() : namespace + ":" + purl.getName();
      case "pypi" -> pep503(purl.getName());
      default -> purl.getName();
    };
    if (ecosystem == null) {
      out.warn(place, "purl type '" + type + "' has no advisory ecosystem here; kept as ecosystem '" + type + "'");
      ecosystem = type;
    }
    String version = purl.getVersion() != null ? purl.getVersion() : fallbackVersion == null ? "" : fallbackVersion.strip();
    if (version.isEmpty()) {
      out.warn(place, "purl '" + text + "' has no version and the component gives none; skipped");
      return Optional.empty();
    }
    Map<String, String> q = purl.getQualifiers() == null ? Map.of() : purl.getQualifiers();
    String arch = q.getOrDefault("arch", "");
    String sourceName = "";
    String sourceVersion = "";
    String upstream = q.getOrDefault("upstream", "");
    switch (type) {
      case "rpm" -> {
        String epoch = q.getOrDefault("epoch", "");
        // NB: purl keeps the rpm epoch in a qualifier; our rpm versions carry it as E:V-R.
        if (!epoch.isEmpty() && !epoch.equals("0") && version.indexOf(':') < 0) {
          version = epoch + ":" + version;
        }
        String[] src = sourceRpm(upstream);
        sourceName = src[0];
        sourceVersion = src[1];
      }
      case "deb", "apk" -> {
        // NB: Syft writes the source package as upstream=name or upstream=name@version.
        int at = upstream.indexOf('@');
        sourceName = at < 0 ? upstream : upstream.substring(0, at);
        sourceVersion = at < 0 ? "" : upstream.substring(at + 1);
      }
      default -> { }
    }
    if (sourceName.equals(name)) {
      sourceName = "";
    }
    if (sourceVersion.equals(version)) {
      sourceVersion = "";
    }
    return Optional.of(new InstalledPackage(ecosystem, name, version, sourceName, sourceVersion, arch, text.strip()));
  }

  /**
   * The product a CPE names, as a {@code cpe} package {@code vendor:product}; its purl field holds
   * the CPE itself so that the matcher can read the rest of it.
   *
   * @param fallbackVersion used when the CPE's version is {@code *} or {@code -}
   * @return empty when the CPE is malformed or has no version (a warning then says why)
   */
  public static Optional<InstalledPackage> fromCpe(String text, String fallbackVersion, CollectedPackages.Builder out,
      String place) {
    CpeName cpe;
    try {
      cpe = CpeName.parse(text);
    } catch (IllegalArgumentException e) {
      out.warn(place, "CPE is malformed: " + e.getMessage() + "; skipped");
      return Optional.empty();
    }
    String version = cpe.version();
    if (version.isEmpty() || version.equals("*") || version.equals("-")) {
      version = fallbackVersion == null ? "" : fallbackVersion.strip();
    }
    if (version.isEmpty()) {
      out.warn(place, "CPE '" + text + "' has no version and the component gives none; skipped");
      return Optional.empty();
    }
    return Optional.of(new InstalledPackage("cpe", cpe.vendorProduct(), version, "", "", "", text));
  }

  /** The module path of a golang purl as written, percent-decoded; {@code lowerCased} when it cannot be found. */
  private static String rawGoPath(String text, String lowerCased) {
    String rest = text.strip();
    int scheme = rest.indexOf("golang/");
    if (scheme < 0) {
      return lowerCased;
    }
    rest = rest.substring(scheme + "golang/".length());
    int end = rest.length();
    for (char stop : new char[] {'@', '?', '#'}) {
      int i = rest.indexOf(stop);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String path = PackageURL.uriDecode(rest.substring(0, end));
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.equalsIgnoreCase(lowerCased) ? path : lowerCased;
  }

  /** Name and version-release of a source RPM file name: {@code openssl-3.0.7-24.el9.src.rpm} → openssl, 3.0.7-24.el9. */
  private static String[] sourceRpm(String upstream) {
    String s = upstream;
    for (String suffix : new String[] {".src.rpm", ".nosrc.rpm"}) {
      if (s.endsWith(suffix)) {
        s = s.substring(0, s.length() - suffix.length());
        int release = s.lastIndexOf('-');
        int version = release > 0 ? s.lastIndexOf('-', release - 1) : -1;
        if (version > 0) {
          return new String[] {s.substring(0, version), s.substring(version + 1)};
        }
        return new String[] {s, ""};
      }
    }
    return new String[] {s, ""};
  }
}
