package org.patchwarden.remediate;

import java.util.Objects;

/**
 * One package to raise to a version on one asset: the concrete remediation a change asks for.
 *
 * @param ecosystem Patchwarden's ecosystem name ({@code deb}, {@code rpm}, {@code apk}, {@code npm}, {@code pypi} …)
 */
public record PackageUpgrade(String assetName, String ecosystem, String packageName, String fromVersion,
    String toVersion) {
  public PackageUpgrade {
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(fromVersion, "fromVersion");
    Objects.requireNonNull(toVersion, "toVersion");
  }
}
