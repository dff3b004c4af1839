package org.patchwarden.inventory;

import java.util.Objects;

/**
 * A package installed on an asset, as its package manager (or SBOM, lockfile, asset list) reports it.
 *
 * @param ecosystem Patchwarden's ecosystem name, which is also the version scheme: {@code deb},
 *     {@code rpm}, {@code apk}, {@code npm}, {@code pypi}, {@code maven}, {@code go}, {@code
 *     rubygems}, {@code nuget}, {@code generic}; and {@code cpe} for products known only by vendor
 *     and product (appliances), whose name is {@code vendor:product}
 * @param name the (binary) package name as the ecosystem spells it; Maven: {@code group:artifact}
 * @param version the installed version, verbatim
 * @param sourceName the source package it was built from (dpkg {@code Source:}, rpm source RPM
 *     name), or empty when the same as the name or unknown
 * @param sourceVersion the source package version when it differs from {@code version}, or empty
 * @param architecture e.g. {@code amd64}, or empty
 * @param purl the package URL when the collector knows it, or empty; for ecosystem {@code cpe}:
 *     the CPE 2.3 name ({@code cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*}), since such products
 *     have no package URL and matching by CPE needs the whole name
 */
public record InstalledPackage(String ecosystem, String name, String version, String sourceName,
    String sourceVersion, String architecture, String purl) {
  public InstalledPackage {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    sourceName = sourceName == null ? "" : sourceName;
    sourceVersion = sourceVersion == null ? "" : sourceVersion;
    architecture = architecture == null ? "" : architecture;
    purl = purl == null ? "" : purl;
  }

  // Written out: the record's generated equals and hashCode go through method handles, which cost
  // several times more without the optimizing compiler (inventory commands run without it), and a
  // fleet import hashes every package of every host a few times.
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof InstalledPackage p && name.equals(p.name) && version.equals(p.version)
        && ecosystem.equals(p.ecosystem) && architecture.equals(p.architecture) && sourceName.equals(p.sourceName)
        && sourceVersion.equals(p.sourceVersion) && purl.equals(p.purl);
  }

  @Override
  public int hashCode() {
    int h = ecosystem.hashCode();
    h = 31 * h + name.hashCode();
    h = 31 * h + version.hashCode();
    h = 31 * h + sourceName.hashCode();
    h = 31 * h + sourceVersion.hashCode();
    h = 31 * h + architecture.hashCode();
    return 31 * h + purl.hashCode();
  }

  /**
   * Orders by ecosystem, name, version and architecture, as {@code Comparator.comparing} chained over
   * them would, without its lambda calls per field: every import sorts every host's packages.
   */
  public static int compareCoordinates(InstalledPackage a, InstalledPackage b) {
    int c = a.ecosystem.compareTo(b.ecosystem);
    if (c == 0) {
      c = a.name.compareTo(b.name);
      if (c == 0) {
        c = a.version.compareTo(b.version);
        if (c == 0) {
          c = a.architecture.compareTo(b.architecture);
        }
      }
    }
    return c;
  }

  /** A package without source, architecture or purl. */
  public static InstalledPackage of(String ecosystem, String name, String version) {
    return new InstalledPackage(ecosystem, name, version, "", "", "", "");
  }

  /** The source package name, falling back to the binary name. */
  public String effectiveSourceName() {
    return sourceName.isEmpty() ? name : sourceName;
  }

  /** The source package version, falling back to the binary version. */
  public String effectiveSourceVersion() {
    return sourceVersion.isEmpty() ? version : sourceVersion;
  }
}
