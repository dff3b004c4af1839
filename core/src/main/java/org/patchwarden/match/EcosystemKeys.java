package org.patchwarden.match;

import java.util.Locale;

/**
 * The keys under which advisories are indexed and installed packages looked up, so that spellings
 * of one ecosystem or one package name meet: {@code Debian:11}/{@code debian:11}, {@code
 * Ubuntu:22.04:LTS}/{@code Ubuntu:22.04}, PyPI's {@code Foo_Bar}/{@code foo-bar}.
 */
public final class EcosystemKeys {
  /** The key of the CPE index: NVD {@code cpe} matches and CVE 5 {@code vendor} products share it. */
  public static final String CPE = "cpe";

  private EcosystemKeys() {}

  /**
   * The ecosystem key: lower case, release kept ({@code debian:11}, {@code almalinux:9}, {@code
   * alpine:v3.20}); Ubuntu's {@code :LTS} suffix dropped; Red Hat's repository suffix ({@code
   * Red Hat:enterprise_linux:9::appstream}) dropped; {@code cpe} and {@code vendor} both {@link #CPE}.
   */
  public static String ecosystem(String ecosystem) {
    String key = ecosystem.strip().toLowerCase(Locale.ROOT);
    if (key.equals("vendor") || key.equals("cpe")) {
      return CPE;
    }
    if (key.startsWith("ubuntu:") && key.endsWith(":lts")) {
      // NB: OSV spells LTS releases "Ubuntu:22.04:LTS" and others "Ubuntu:23.10"; a host says 22.04.
      key = key.substring(0, key.length() - 4);
    }
    if (key.startsWith("red hat:")) {
      // NB: Red Hat's OSV ecosystems name a repository after "::" (…:9::appstream); a host has them all.
      int repo = key.indexOf("::");
      if (repo > 0) {
        key = key.substring(0, repo);
      }
    }
    return key;
  }

  /**
   * The name key of a package as a source states it ({@code PyPI}, {@code zope.interface} → {@code
   * zope-interface}): {@link #name} within {@link #ecosystem}. Stores keep it next to each affected
   * package, so that the records naming an inventory's packages can be found by it.
   */
  public static String matchName(String ecosystem, String name) {
    return name(ecosystem(ecosystem), name);
  }

  /**
   * Whether the ecosystem key is an operating-system release ({@code debian:12}, {@code
   * ubuntu:22.04}, {@code almalinux:9}, {@code alpine:v3.20}, {@code red hat:enterprise_linux:9}):
   * one that names a release after a colon, unlike language ecosystems ({@code pypi}, {@code go})
   * and the CPE index.
   */
  public static boolean isOsRelease(String ecosystemKey) {
    return ecosystemKey.indexOf(':') > 0 && !isCpe(ecosystemKey);
  }

  /** Whether the ecosystem key is the CPE index. */
  public static boolean isCpe(String ecosystemKey) {
    return CPE.equals(ecosystemKey);
  }

  /**
   * The package-name key within an ecosystem key: PyPI names by PEP 503 (lower case, runs of
   * {@code -_.} as one {@code -}); CPE {@code vendor:product} reduced to letters and digits ({@link
   * #cpeName}); NuGet and Packagist names lower case (their registries ignore case); every other name as it is (npm, Go, Maven {@code
   * group:artifact}, distro packages are case-sensitive).
   */
  public static String name(String ecosystemKey, String name) {
    String base = ecosystemKey;
    int colon = base.indexOf(':');
    if (colon > 0) {
      base = base.substring(0, colon);
    }
    return switch (base) {
      case "pypi" -> pep503(name);
      case CPE -> cpeName(name);
      case "nuget", "packagist" -> name.strip().toLowerCase(Locale.ROOT);
      default -> name.strip();
    };
  }

  /**
   * A CPE product key: vendor and product each reduced to lower-case ASCII letters and digits,
   * joined by {@code :}. NB: one product is spelled {@code paloaltonetworks:pan-os} by NVD, {@code
   * palo_alto_networks:pan-os} in a CNA's CPEs, {@code Palo Alto Networks:PAN-OS} as a CVE 5 vendor
   * and product and {@code ivanti:endpoint_manager_mobile} in an asset list; all of them meet here.
   */
  static String cpeName(String name) {
    String s = name.strip();
    int colon = s.indexOf(':');
    return colon < 0 ? reduce(s) : reduce(s.substring(0, colon)) + ":" + reduce(s.substring(colon + 1));
  }

  /** Lower-case ASCII letters and digits only. */
  static String reduce(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = Character.toLowerCase(s.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** PEP 503's normalized name: {@code re.sub(r"[-_.]+", "-", name).lower()}. */
  static String pep503(String name) {
    String s = name.strip();
    StringBuilder out = new StringBuilder(s.length());
    boolean run = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        if (!run) {
          out.append('-');
          run = true;
        }
      } else {
        out.append(Character.toLowerCase(c));
        run = false;
      }
    }
    return out.toString();
  }
}
