package org.patchwarden.inventory;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Something we patch, with the context that decides how urgent its findings are.
 *
 * @param name unique, stable name (host name, image reference, appliance label)
 * @param environment e.g. {@code production}, {@code staging}, {@code test}
 * @param ownerTeam the team that patches it, or empty when unknown
 * @param criticality 1 (most critical) to 4 (least)
 * @param internetFacing whether it is reachable from the internet
 */
public record Asset(
    String name,
    AssetKind kind,
    String environment,
    String ownerTeam,
    int criticality,
    boolean internetFacing,
    Set<String> tags) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,254}");

  public Asset {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "asset name '" + name + "' must start with a letter or digit and use only letters, digits and ._:/@+- (max 255)");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(environment, "environment");
    ownerTeam = ownerTeam == null ? "" : ownerTeam;
    if (criticality < 1 || criticality > 4) {
      throw new IllegalArgumentException("asset " + name + ": criticality must be 1..4, got " + criticality);
    }
    tags = Set.copyOf(tags);
  }
}
