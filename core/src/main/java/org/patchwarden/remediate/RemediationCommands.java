package org.patchwarden.remediate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command (or edit) that performs a package upgrade, in its ecosystem's own terms: what an
 * operator runs on the asset or changes in the application's manifest.
 */
public final class RemediationCommands {
  private RemediationCommands() {}

  /** The command or edit for one upgrade. */
  public static String command(PackageUpgrade u) {
    String p = u.packageName();
    String v = u.toVersion();
    return switch (u.ecosystem().toLowerCase(Locale.ROOT)) {
      case "deb" -> "apt-get install --only-upgrade " + p + "=" + v;
      case "rpm" -> "dnf upgrade-minimal " + p + "-" + v;
      case "apk" -> "apk add " + p + "=" + v;
      case "npm" -> "npm install " + p + "@" + v;
      case "pypi" -> "pip install '" + p + "==" + v + "'";
      case "maven" -> "set " + p + " to version " + v + " in the build (pom.xml <version>" + v + "</version>)";
      case "go" -> "go get " + p + "@v" + v.replaceFirst("^v", "");
      case "rubygems" -> "bundle update " + p + " (Gemfile: gem '" + p + "', '>= " + v + "')";
      case "nuget" -> "dotnet add package " + p + " --version " + v;
      case "cpe" -> "upgrade " + p.replace(':', ' ') + " to " + v + " (vendor update)";
      default -> "upgrade " + p + " to " + v;
    };
  }

  /** The upgrades a change asks for, each package once per asset, in the change's order. */
  public static List<PackageUpgrade> upgrades(Change change) {
    Map<String, PackageUpgrade> out = new LinkedHashMap<>();
    for (ChangeFinding f : change.findings()) {
      out.putIfAbsent(f.assetName() + "|" + f.key().ecosystem() + "|" + f.key().packageName(),
          new PackageUpgrade(f.assetName(), f.key().ecosystem(), f.key().packageName(), f.installedVersion(),
              f.targetVersion()));
    }
    return List.copyOf(out.values());
  }
}
