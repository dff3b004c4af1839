package org.patchwarden.match;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/**
 * Where an installed package is looked up: the advisory ecosystem (with release) of its OS and
 * package manager, and the name and version the advisories of that ecosystem speak of.
 *
 * <ul>
 *   <li>{@code deb} on Debian → {@code Debian:<major VERSION_ID>} (testing/sid without VERSION_ID:
 *       by codename), on Ubuntu → {@code Ubuntu:<VERSION_ID>}; matched by <b>source</b> package
 *       name and version, as the Debian tracker, DSAs and Ubuntu notices name source packages. A
 *       binNMU's binary version {@code 1.2-3+b1} is source version {@code 1.2-3} when the
 *       collector did not report the source version.</li>
 *   <li>{@code rpm} on AlmaLinux → {@code AlmaLinux:<major>}, Rocky → {@code Rocky Linux:<major>},
 *       RHEL → {@code Red Hat:enterprise_linux:<major>}; matched by <b>binary</b> name and EVR, as
 *       AlmaLinux's OSV advisories list binary packages.</li>
 *   <li>{@code apk} on Alpine → {@code Alpine:v<major.minor>}, by origin (source) package, as
 *       Alpine's secdb names origins.</li>
 *   <li>language packages: {@code npm}, {@code PyPI}, {@code Go} (a {@code v} or {@code go} prefix
 *       dropped: OSV's Go versions are plain SemVer), {@code Maven}, {@code RubyGems}, {@code
 *       NuGet}, {@code crates.io}, {@code Packagist}, {@code Hex}, {@code Pub}, on any OS.</li>
 *   <li>{@code cpe} products → the CPE index, by {@code vendor:product}.</li>
 * </ul>
 *
 * A package of an SBOM without an os-release takes its release from its purl's {@code distro}
 * qualifier ({@link #distro}). Anything else (deb on Linux Mint, rpm on Fedora, {@code generic}
 * packages, distribution packages with no OS at all) maps to no ecosystem and is reported as a
 * coverage gap rather than guessed.
 */
public final class EcosystemMapping {
  /** Debian codenames by release number, for hosts without VERSION_ID and for messages. */
  private static final Map<String, String> DEBIAN_NUMBERS = Map.ofEntries(
      Map.entry("woody", "3.0"), Map.entry("sarge", "3.1"), Map.entry("etch", "4"), Map.entry("lenny", "5"),
      Map.entry("squeeze", "6"), Map.entry("wheezy", "7"), Map.entry("jessie", "8"), Map.entry("stretch", "9"),
      Map.entry("buster", "10"), Map.entry("bullseye", "11"), Map.entry("bookworm", "12"),
      Map.entry("trixie", "13"), Map.entry("forky", "14"), Map.entry("duke", "15"));
  private static final Map<String, String> LANGUAGE = Map.ofEntries(
      Map.entry("npm", "npm"), Map.entry("pypi", "PyPI"), Map.entry("go", "Go"), Map.entry("golang", "Go"),
      Map.entry("maven", "Maven"), Map.entry("rubygems", "RubyGems"), Map.entry("gem", "RubyGems"),
      Map.entry("nuget", "NuGet"), Map.entry("cargo", "crates.io"), Map.entry("crates.io", "crates.io"),
      Map.entry("composer", "Packagist"), Map.entry("packagist", "Packagist"), Map.entry("hex", "Hex"),
      Map.entry("pub", "Pub"));
  private static final Pattern BIN_NMU = Pattern.compile("\\+b\\d+$");

  private EcosystemMapping() {}

  /** What a package maps to. */
  public sealed interface Mapped permits Target, NoEcosystem {}

  /**
   * The lookup of one installed package.
   *
   * @param ecosystem the advisory ecosystem as sources spell it: {@code Debian:11}, {@code PyPI}, {@code cpe}
   * @param ecosystemKey its index key ({@link EcosystemKeys#ecosystem})
   * @param name the name compared (Debian: the source package)
   * @param nameKey its index key ({@link EcosystemKeys#name})
   * @param version the version compared (Debian: the source version)
   * @param release a human name of the release for messages ({@code bookworm}), or empty
   */
  public record Target(String ecosystem, String ecosystemKey, String name, String nameKey, String version,
      String release) implements Mapped {

    /** The ecosystem with its release name, for coverage messages: {@code Debian:12 (bookworm)}. */
    public String describe() {
      return release.isEmpty() ? ecosystem : ecosystem + " (" + release + ")";
    }
  }

  /**
   * A package no advisory ecosystem covers.
   *
   * @param label what it is, e.g. {@code deb on linuxmint 21.2}
   */
  public record NoEcosystem(String label) implements Mapped {}

  /** Maps {@code pkg} installed on {@code os} (null for SBOMs and appliances). */
  public static Mapped map(OsRelease os, InstalledPackage pkg) {
    String eco = pkg.ecosystem().strip().toLowerCase(Locale.ROOT);
    String language = LANGUAGE.get(eco);
    if (language != null) {
      String version = pkg.version().strip();
      if (language.equals("Go")) {
        version = plainGoVersion(version);
      }
      return target(language, pkg.name(), version, "");
    }
    return switch (eco) {
      case "cpe" -> target("cpe", pkg.name().toLowerCase(Locale.ROOT), pkg.version().strip(), "");
      case "deb" -> deb(os != null ? os : distro(pkg.purl()), pkg);
      case "rpm" -> rpm(os != null ? os : distro(pkg.purl()), pkg);
      case "apk" -> apk(os != null ? os : distro(pkg.purl()), pkg);
      default -> new NoEcosystem(eco + (os == null ? "" : " on " + describe(os)));
    };
  }

  private static Target target(String ecosystem, String name, String version, String release) {
    String key = EcosystemKeys.ecosystem(ecosystem);
    return new Target(ecosystem, key, name, EcosystemKeys.name(key, name), version, release);
  }

  private static Mapped deb(OsRelease os, InstalledPackage pkg) {
    String name = pkg.effectiveSourceName();
    String version = pkg.sourceVersion().isEmpty() ? BIN_NMU.matcher(pkg.version().strip()).replaceFirst("")
        : pkg.sourceVersion().strip();
    String id = os == null ? "" : os.id().toLowerCase(Locale.ROOT);
    if (id.equals("debian") || id.equals("raspbian")) {
      String release = debianRelease(os);
      if (release.isEmpty()) {
        return new NoEcosystem("deb on " + describe(os) + " (no VERSION_ID or known codename)");
      }
      String codename = os.codename().isEmpty() ? debianCodename(release) : os.codename();
      return target("Debian:" + release, name, version, codename);
    }
    if (id.equals("ubuntu") && !os.versionId().isEmpty()) {
      return target("Ubuntu:" + os.versionId(), name, version, os.codename());
    }
    return new NoEcosystem("deb" + (os == null ? " without an OS" : " on " + describe(os)));
  }

  /** {@code 11} of {@code 11.7}; Debian 3.0 and 3.1 keep their minor; by codename without VERSION_ID. */
  static String debianRelease(OsRelease os) {
    String v = os.versionId().strip();
    if (v.startsWith("3.")) {
      return v;
    }
    if (!v.isEmpty()) {
      return os.majorVersion();
    }
    // NB: testing and sid have no VERSION_ID; both carry the testing codename, so sid hosts are
    // matched against testing's data.
    return DEBIAN_NUMBERS.getOrDefault(os.codename().strip().toLowerCase(Locale.ROOT), "");
  }

  private static String debianCodename(String release) {
    for (Map.Entry<String, String> e : DEBIAN_NUMBERS.entrySet()) {
      if (e.getValue().equals(release)) {
        return e.getKey();
      }
    }
    return "";
  }

  private static Mapped rpm(OsRelease os, InstalledPackage pkg) {
    String id = os == null ? "" : os.id().toLowerCase(Locale.ROOT);
    String major = os == null ? "" : os.majorVersion();
    String ecosystem = switch (id) {
      case "almalinux" -> "AlmaLinux:" + major;
      case "rocky" -> "Rocky Linux:" + major;
      case "rhel" -> "Red Hat:enterprise_linux:" + major;
      default -> null;
    };
    if (ecosystem == null || major.isEmpty()) {
      return new NoEcosystem("rpm" + (os == null ? " without an OS" : " on " + describe(os)));
    }
    return target(ecosystem, pkg.name(), pkg.version().strip(), "");
  }

  private static Mapped apk(OsRelease os, InstalledPackage pkg) {
    if (os == null || !os.id().equalsIgnoreCase("alpine") || os.versionId().isEmpty()) {
      return new NoEcosystem("apk" + (os == null ? " without an OS" : " on " + describe(os)));
    }
    String[] parts = os.versionId().split("\\.");
    String branch = parts.length >= 2 ? "v" + parts[0] + "." + parts[1] : "v" + parts[0];
    return target("Alpine:" + branch, pkg.effectiveSourceName(), pkg.version().strip(), "");
  }

  /**
   * The OS release a distribution package's purl names in its {@code distro} qualifier, for SBOMs
   * without an os-release: {@code pkg:rpm/almalinux/openssl@3.0.7-18.el9?distro=almalinux-9.2} →
   * almalinux 9.2, {@code distro=alpine-3.18.4}, {@code distro=debian-12}, {@code distro=ubuntu-22.04},
   * Trivy's {@code distro=redhat-9.2} → rhel 9.2. A qualifier without an id ({@code distro=9.2}, or
   * a codename such as {@code bookworm}) takes the id from the purl's namespace. Null when there is
   * no such qualifier.
   */
  static OsRelease distro(String purl) {
    int query = purl.indexOf('?');
    if (query < 0) {
      return null;
    }
    int fragment = purl.indexOf('#', query);
    String value = null;
    for (String pair : purl.substring(query + 1, fragment < 0 ? purl.length() : fragment).split("&")) {
      if (pair.toLowerCase(Locale.ROOT).startsWith("distro=")) {
        value = java.net.URLDecoder.decode(pair.substring(7), java.nio.charset.StandardCharsets.UTF_8).strip();
      }
    }
    if (value == null || value.isEmpty()) {
      return null;
    }
    String id;
    String release;
    int dash = value.lastIndexOf('-');
    if (dash > 0) {
      id = value.substring(0, dash);
      release = value.substring(dash + 1);
    } else {
      id = namespace(purl);
      release = value;
    }
    id = switch (id.toLowerCase(Locale.ROOT)) {
      case "redhat", "red hat", "rhel" -> "rhel";
      case "rocky", "rockylinux", "rocky-linux" -> "rocky";
      default -> id.toLowerCase(Locale.ROOT);
    };
    if (id.isEmpty() || release.isEmpty()) {
      return null;
    }
    return Character.isDigit(release.charAt(0)) ? new OsRelease(id, release, "", "")
        : new OsRelease(id, "", release.toLowerCase(Locale.ROOT), "");
  }

  /** The namespace of {@code pkg:type/namespace/name@…}, or empty. */
  private static String namespace(String purl) {
    int type = purl.indexOf('/');
    int next = type < 0 ? -1 : purl.indexOf('/', type + 1);
    int stop = purl.indexOf('@');
    return next < 0 || (stop >= 0 && next > stop) ? "" : purl.substring(type + 1, next);
  }

  /** {@code 1.2.3} of {@code v1.2.3} and of the toolchain's {@code go1.2.3}. */
  static String plainGoVersion(String version) {
    if (version.startsWith("go") && version.length() > 2 && Character.isDigit(version.charAt(2))) {
      return version.substring(2);
    }
    if (version.startsWith("v") && version.length() > 1 && Character.isDigit(version.charAt(1))) {
      return version.substring(1);
    }
    return version;
  }

  private static String describe(OsRelease os) {
    return os.versionId().isEmpty() ? os.id() + (os.codename().isEmpty() ? "" : " " + os.codename())
        : os.id() + " " + os.versionId();
  }
}
