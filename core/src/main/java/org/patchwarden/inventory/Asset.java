package org.patchwarden.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Something we patch, with the context that decides how urgent its findings are. Context nobody
 * stated is null, never a made-up default: the assessment fills it from the policy's assumptions
 * and says so (a scanned host is not "criticality 2, not internet-facing" just because nobody said).
 *
 * @param name unique, stable name (host name, image reference, appliance label)
 * @param environment e.g. {@code production}, {@code staging}, {@code test}; null when not stated
 *     (a blank or {@code unknown} environment is not stated)
 * @param ownerTeam the team that patches it; null when not stated (blank is not stated)
 * @param criticality 1 (most critical) to 4 (least); null when not stated
 * @param internetFacing whether it is reachable from the internet; null when not stated
 * @param tags free labels; empty when none were stated
 */
public record Asset(
    String name,
    AssetKind kind,
    String environment,
    String ownerTeam,
    Integer criticality,
    Boolean internetFacing,
    Set<String> tags) {

  /** The context fields, by the names the store, the CLI and the messages use. */
  public static final String ENVIRONMENT = "environment";
  public static final String OWNER_TEAM = "owner_team";
  public static final String CRITICALITY = "criticality";
  public static final String INTERNET_FACING = "internet_facing";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,254}");

  public Asset {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "asset name '" + name + "' must start with a letter or digit and use only letters, digits and ._:/@+- (max 255)");
    }
    Objects.requireNonNull(kind, "kind");
    environment = stated(environment);
    ownerTeam = ownerTeam == null || ownerTeam.isBlank() ? null : ownerTeam.strip();
    if (criticality != null && (criticality < 1 || criticality > 4)) {
      throw new IllegalArgumentException("asset " + name + ": criticality must be 1..4, got " + criticality);
    }
    tags = Set.copyOf(tags);
  }

  /** An asset of which nothing but its name and kind is known. */
  public static Asset unstated(String name, AssetKind kind) {
    return new Asset(name, kind, null, null, null, null, Set.of());
  }

  /** The environment as stated: null for null, blank or {@code unknown} (any case). */
  public static String stated(String environment) {
    if (environment == null) {
      return null;
    }
    String env = environment.strip();
    return env.isEmpty() || env.toLowerCase(Locale.ROOT).equals("unknown") ? null : env;
  }

  /**
   * This asset with every context field that {@code newer} states taken from it, and the rest kept:
   * a scan or import that does not state a field never erases what was set before. Tags are replaced
   * when {@code newer} states any.
   *
   * @param kindToo whether {@code newer}'s kind is stated too (an asset list), or only inferred (a scan)
   */
  public Asset overlaidWith(Asset newer, boolean kindToo) {
    return new Asset(name, kindToo ? newer.kind : kind,
        newer.environment != null ? newer.environment : environment,
        newer.ownerTeam != null ? newer.ownerTeam : ownerTeam,
        newer.criticality != null ? newer.criticality : criticality,
        newer.internetFacing != null ? newer.internetFacing : internetFacing,
        newer.tags.isEmpty() ? tags : newer.tags);
  }

  /** The context fields nobody stated, in a fixed order ({@link #ENVIRONMENT} … {@link #INTERNET_FACING}). */
  public List<String> unstatedFields() {
    List<String> out = new ArrayList<>(4);
    if (environment == null) {
      out.add(ENVIRONMENT);
    }
    if (ownerTeam == null) {
      out.add(OWNER_TEAM);
    }
    if (criticality == null) {
      out.add(CRITICALITY);
    }
    if (internetFacing == null) {
      out.add(INTERNET_FACING);
    }
    return out;
  }
}
