package org.patchwarden.inventory;

import java.util.Objects;

/**
 * A package installed on an asset, as its package manager reports it.
 *
 * @param ecosystem the version scheme / package ecosystem, e.g. {@code deb}, {@code npm}
 * @param name the binary package name
 * @param version the installed version, verbatim
 * @param sourceName the source package it was built from (dpkg {@code Source:}), or empty
 * @param sourceVersion the source package version when it differs, or empty
 * @param architecture e.g. {@code amd64}, or empty
 */
public record InstalledPackage(
    String ecosystem, String name, String version, String sourceName, String sourceVersion, String architecture) {
  public InstalledPackage {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    sourceName = sourceName == null ? "" : sourceName;
    sourceVersion = sourceVersion == null ? "" : sourceVersion;
    architecture = architecture == null ? "" : architecture;
  }
}
