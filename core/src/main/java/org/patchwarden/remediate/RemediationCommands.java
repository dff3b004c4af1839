package org.patchwarden.remediate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * The concrete command that applies a {@link PackageUpgrade}, per ecosystem: {@code apt-get install
 * --only-upgrade 'pkg=VER'}, {@code dnf upgrade-minimal pkg-VER}, {@code npm install pkg@VER} …, or
 * an instruction where no package manager applies it (a Maven version, firmware). Every word that
 * comes from outside is shell-quoted.
 */
public final class RemediationCommands {
  /** Words that need no quoting in any POSIX shell; {@code =}, {@code ~} and {@code %} are left out on purpose. */
  private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@+:,./-]+");

  private RemediationCommands() {}

  /** How one ecosystem's upgrades become a command line: the fixed words, then one word per package. */
  private record Manager(String tool, String prefix, Function<PackageUpgrade, String> word, boolean combines) {}

  private static final Map<String, Manager> MANAGERS = Map.of(
      "deb", new Manager("apt-get", "apt-get install --only-upgrade", u -> u.packageName() + "=" + u.targetVersion(),
          true),
      "rpm", new Manager("dnf", "dnf upgrade-minimal", u -> u.packageName() + "-" + rpmEvr(u.targetVersion()), true),
      // NB: 'pkg=VER' would pin the package in /etc/apk/world and hold back every later security
      // upgrade; '>=' installs the fixed version (or newer) and leaves later upgrades free.
      "apk", new Manager("apk", "apk add --upgrade", u -> u.packageName() + ">=" + u.targetVersion(), true),
      "npm", new Manager("npm", "npm install", u -> u.packageName() + "@" + u.targetVersion(), true),
      "pypi", new Manager("pip", "pip install", u -> u.packageName() + "==" + u.targetVersion(), true),
      "go", new Manager("go", "go get", u -> u.packageName() + "@" + goVersion(u.targetVersion()), true));

  /** The command text (or instruction) for one upgrade. */
  public static String command(PackageUpgrade upgrade) {
    return forUpgrade(upgrade).text();
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

  /** The command for one upgrade. */
  public static RemediationCommand forUpgrade(PackageUpgrade upgrade) {
    String family = family(upgrade.ecosystem());
    Manager m = MANAGERS.get(family);
    if (m != null) {
      return new RemediationCommand(upgrade.asset(), m.tool(), m.prefix() + " " + shellWord(m.word().apply(upgrade)),
          true, List.of(upgrade));
    }
    String name = upgrade.packageName();
    String version = upgrade.targetVersion();
    return switch (family) {
      case "cargo" -> shell(upgrade, "cargo",
          "cargo update --package " + shellWord(name) + " --precise " + shellWord(version));
      case "nuget" -> shell(upgrade, "dotnet",
          "dotnet add package " + shellWord(name) + " --version " + shellWord(version));
      case "maven" -> manual(upgrade, "set <version>" + version + "</version> for " + name
          + " (the dependency, or its dependencyManagement entry)");
      case "rubygems" -> manual(upgrade, "require gem '" + name + "', '>= " + version
          + "' in the Gemfile, then run bundle update --conservative " + name);
      case "cpe" -> manual(upgrade, "update " + name + " to " + version + " (vendor firmware or software update)");
      default -> manual(upgrade, "upgrade " + name + " (" + upgrade.ecosystem() + ") to " + version);
    };
  }

  /**
   * The package word the ecosystem's package manager takes for an upgrade, unquoted, as an Ansible
   * module or a person types it: {@code openssl=3.0.13-1~deb12u1}, {@code openssl-1:3.0.7-27.el9},
   * {@code busybox>=1.36.1-r19}, {@code lodash@4.17.21}; {@code name VERSION} where no package
   * manager applies it.
   */
  public static String packageSpec(PackageUpgrade upgrade) {
    Manager m = MANAGERS.get(family(upgrade.ecosystem()));
    return m != null ? m.word().apply(upgrade) : upgrade.packageName() + " " + upgrade.targetVersion();
  }

  /**
   * The commands for many upgrades: on each asset, the upgrades one package manager applies together
   * become one command line ({@code apt-get install --only-upgrade 'a=1' 'b=2'}); the others stay one
   * each. Assets and tools keep the order in which they first appear; of two upgrades of one package
   * on one asset, the higher target is kept.
   */
  public static List<RemediationCommand> forUpgrades(List<PackageUpgrade> upgrades) {
    Map<List<String>, Map<String, PackageUpgrade>> groups = new LinkedHashMap<>();
    for (PackageUpgrade u : upgrades) {
      String family = family(u.ecosystem());
      Manager m = MANAGERS.get(family);
      // A combining manager groups by asset and family; anything else is a group of its own.
      List<String> key = m != null && m.combines() ? List.of(u.asset(), family)
          : List.of(u.asset(), family, u.packageName(), u.targetVersion());
      // One word per package: two targets for one package on one asset would contradict each other.
      groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(u.packageName(), u, RemediationCommands::higher);
    }
    List<RemediationCommand> out = new ArrayList<>();
    for (Map<String, PackageUpgrade> byName : groups.values()) {
      List<PackageUpgrade> group = List.copyOf(byName.values());
      PackageUpgrade first = group.get(0);
      Manager m = MANAGERS.get(family(first.ecosystem()));
      if (m == null || group.size() == 1) {
        RemediationCommand one = forUpgrade(first);
        out.add(new RemediationCommand(one.asset(), one.tool(), one.text(), one.shell(), group));
        continue;
      }
      StringBuilder text = new StringBuilder(m.prefix());
      group.forEach(u -> text.append(' ').append(shellWord(m.word().apply(u))));
      out.add(new RemediationCommand(first.asset(), m.tool(), text.toString(), true, group));
    }
    return List.copyOf(out);
  }

  /** Of two upgrades of one package, the one with the higher target; the later one when they cannot be compared. */
  private static PackageUpgrade higher(PackageUpgrade a, PackageUpgrade b) {
    var scheme = Schemes.find(family(a.ecosystem()));
    if (scheme.isEmpty()) {
      return b;
    }
    try {
      return scheme.get().compare(a.targetVersion(), b.targetVersion()) > 0 ? a : b;
    } catch (InvalidVersionException e) {
      return b; // NB: a version its scheme cannot read: the caller's later word stands
    }
  }

  /**
   * Patchwarden's ecosystem name for an ecosystem as inventories or feeds spell it: {@code deb},
   * {@code rpm}, {@code apk}, {@code npm}, {@code pypi}, {@code go}, {@code maven}, {@code nuget},
   * {@code rubygems}, {@code cargo}, {@code cpe}, {@code generic}, else the name in lower case
   * without a release ({@code Debian:12} → {@code deb}, {@code AlmaLinux:9} → {@code rpm}).
   */
  public static String family(String ecosystem) {
    String key = ecosystem.strip().toLowerCase(Locale.ROOT);
    int colon = key.indexOf(':');
    String base = colon > 0 ? key.substring(0, colon).strip() : key;
    return switch (base) {
      case "cargo", "crates.io" -> "cargo";
      case "cpe", "vendor" -> "cpe";
      default -> Schemes.find(base).map(VersionScheme::name).orElse(base);
    };
  }

  /** {@code word} as one POSIX shell word: as it is when plain, else in single quotes. */
  public static String shellWord(String word) {
    if (PLAIN_WORD.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The {@code [epoch:]version-release} dnf takes after {@code name-}: an epoch of 0 is dnf's
   * default and dropped; any other is kept ({@code bind-32:9.11.4-26.el7}).
   */
  static String rpmEvr(String version) {
    return version.startsWith("0:") ? version.substring(2) : version;
  }

  /** Go module versions carry a {@code v}; feeds (OSV) write them without. */
  static String goVersion(String version) {
    return version.startsWith("v") ? version : "v" + version;
  }

  private static RemediationCommand shell(PackageUpgrade u, String tool, String text) {
    return new RemediationCommand(u.asset(), tool, text, true, List.of(u));
  }

  private static RemediationCommand manual(PackageUpgrade u, String text) {
    return new RemediationCommand(u.asset(), "manual", text, false, List.of(u));
  }
}
