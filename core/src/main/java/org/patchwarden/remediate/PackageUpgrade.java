package org.patchwarden.remediate;

import java.util.Objects;

/**
 * One package to raise on one asset: from the installed version to the version that fixes its
 * findings. Names and versions come from outside (inventories, advisories), so what could pass for
 * an option or split a command line is refused here, before any command is rendered from it.
 *
 * @param asset the asset's name, e.g. {@code web-01}
 * @param ecosystem the installed package's ecosystem ({@code deb}, {@code rpm}, {@code apk},
 *     {@code npm}, {@code pypi}, {@code maven}, {@code go}, …; see {@link
 *     org.patchwarden.inventory.InstalledPackage}); feed spellings such as {@code Debian:12} are read too
 * @param packageName the package as its ecosystem names it; Maven: {@code group:artifact}
 * @param installedVersion the version now installed, or empty when unknown
 * @param targetVersion the version to install: the fixed version, e.g. {@code 3.0.13-1~deb12u1}
 */
public record PackageUpgrade(String asset, String ecosystem, String packageName, String installedVersion,
    String targetVersion) {
  public PackageUpgrade {
    asset = token("asset", asset);
    ecosystem = Objects.requireNonNull(ecosystem, "ecosystem").strip();
    if (ecosystem.isEmpty()) {
      throw new IllegalArgumentException("an upgrade of " + packageName + " on " + asset + " needs an ecosystem");
    }
    packageName = token("package name", packageName);
    installedVersion = installedVersion == null || installedVersion.isBlank() ? "" : token("installed version",
        installedVersion);
    targetVersion = token("target version", targetVersion);
  }

  /**
   * A name or version usable as one command-line word: not empty, no white space or control
   * character, and no leading {@code -} (a package called {@code --allow-unauthenticated} is an option).
   */
  private static String token(String what, String value) {
    Objects.requireNonNull(value, what);
    String v = value.strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (v.startsWith("-")) {
      throw new IllegalArgumentException(what + " '" + v + "' starts with '-' and would be read as an option");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(what + " must not contain white space or control characters: '"
            + org.patchwarden.feed.SafeText.escape(v) + "'");
      }
    }
    return v;
  }
}
