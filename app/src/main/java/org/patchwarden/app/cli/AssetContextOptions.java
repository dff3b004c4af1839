package org.patchwarden.app.cli;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import picocli.CommandLine.Option;

/**
 * The asset context options shared by {@code scan} and {@code asset set}. An option left out states
 * nothing: the stored value (or, failing that, the policy's assumption) stays.
 */
final class AssetContextOptions {
  // The asset list's rules (docs/inventory-import.md), so that both ways of stating context agree.
  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/=+-]{0,63}");
  private static final int MAX_TEAM = 128;

  @Option(names = "--env", paramLabel = "ENV",
      description = "The asset's environment, e.g. production, staging, test (letters, digits and ._-).")
  String environment;

  @Option(names = "--team", paramLabel = "TEAM", description = "The team that patches the asset.")
  String team;

  @Option(names = "--criticality", paramLabel = "1-4", description = "How critical the asset is: 1 (most) to 4 (least).")
  String criticality;

  @Option(names = "--internet-facing", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Whether the asset is reachable from the internet: true (the default when given alone) or false.")
  String internetFacing;

  @Option(names = "--tags", paramLabel = "TAG", split = ",", description = "Labels, e.g. dmz,pci.")
  Set<String> tags = new LinkedHashSet<>();

  /** Whether any option was given. */
  boolean any() {
    return environment != null || team != null || criticality != null || internetFacing != null || !tags.isEmpty();
  }

  /** The context the options state for {@code name}, unstated fields null; bad values exit 2 naming the option. */
  Asset asset(String name, AssetKind kind) {
    String env = null;
    if (environment != null) {
      env = environment.strip();
      if (!ENVIRONMENT.matcher(env).matches() || env.equalsIgnoreCase("unknown")) {
        throw new CliException(2, "--env: '" + environment + "' is not an environment name: a letter or digit, then"
            + " letters, digits and ._- (at most 64), e.g. production, staging, test");
      }
    }
    String owner = null;
    if (team != null) {
      owner = team.strip();
      if (owner.isEmpty() || owner.length() > MAX_TEAM || owner.chars().anyMatch(Character::isISOControl)) {
        throw new CliException(2, "--team: '" + team + "' is not a team name: 1 to " + MAX_TEAM
            + " characters, no control characters");
      }
    }
    Integer crit = null;
    if (criticality != null) {
      crit = switch (criticality.strip()) {
        case "1" -> 1;
        case "2" -> 2;
        case "3" -> 3;
        case "4" -> 4;
        default -> throw new CliException(2, "--criticality: '" + criticality
            + "' is not one of 1, 2, 3, 4 (1 is the most critical)");
      };
    }
    Boolean exposed = null;
    if (internetFacing != null) {
      exposed = switch (internetFacing.strip().toLowerCase(Locale.ROOT)) {
        case "true", "yes" -> true;
        case "false", "no" -> false;
        default -> throw new CliException(2, "--internet-facing: '" + internetFacing
            + "' is not one of true, false (yes and no also work)");
      };
    }
    Set<String> labels = new LinkedHashSet<>();
    for (String tag : tags) {
      String t = tag.strip();
      if (!TAG.matcher(t).matches()) {
        throw new CliException(2, "--tags: '" + tag + "' is not a tag: a letter or digit, then letters, digits and"
            + " ._:/=+- (at most 64)");
      }
      labels.add(t);
    }
    return new Asset(name, kind, env, owner, crit, exposed, labels);
  }
}
