package org.patchwarden.assess;

import java.util.Locale;
import java.util.Objects;

/**
 * The asset context an assessment used: taken from the asset, or assumed (see {@link
 * AssetAssumptions}) when the asset or part of its context is unknown.
 *
 * @param environment lower case, e.g. {@code production}
 * @param ownerTeam empty when unknown
 * @param criticality 1 (most critical) to 4
 * @param known false when no asset record was found and everything here is assumed
 */
public record AssetContext(String assetName, String environment, String ownerTeam, int criticality,
    boolean internetFacing, boolean known) {
  public AssetContext {
    Objects.requireNonNull(assetName, "assetName");
    environment = Objects.requireNonNull(environment, "environment").toLowerCase(Locale.ROOT);
    ownerTeam = ownerTeam == null ? "" : ownerTeam;
    if (criticality < 1 || criticality > 4) {
      throw new IllegalArgumentException("criticality must be 1..4, got " + criticality);
    }
  }

  /** Whether the environment is production ({@code production} or {@code prod}). */
  public boolean production() {
    return environment.equals("production") || environment.equals("prod");
  }
}
