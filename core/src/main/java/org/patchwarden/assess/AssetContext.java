package org.patchwarden.assess;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.patchwarden.inventory.Asset;

/**
 * The asset context an assessment used: taken from the asset, or assumed (see {@link
 * AssetAssumptions}) where the asset or part of its context is unknown.
 *
 * @param environment lower case, e.g. {@code production}
 * @param ownerTeam empty when unknown
 * @param criticality 1 (most critical) to 4
 * @param known false when no asset record was found and everything here is assumed
 * @param assumed the fields taken from the policy's assumptions ({@link Asset#ENVIRONMENT}, {@link
 *     Asset#OWNER_TEAM}, {@link Asset#CRITICALITY}, {@link Asset#INTERNET_FACING})
 */
public record AssetContext(String assetName, String environment, String ownerTeam, int criticality,
    boolean internetFacing, boolean known, Set<String> assumed) {
  private static final List<String> ALL =
      List.of(Asset.ENVIRONMENT, Asset.OWNER_TEAM, Asset.CRITICALITY, Asset.INTERNET_FACING);

  public AssetContext {
    Objects.requireNonNull(assetName, "assetName");
    environment = Objects.requireNonNull(environment, "environment").toLowerCase(Locale.ROOT);
    ownerTeam = ownerTeam == null ? "" : ownerTeam;
    if (criticality < 1 || criticality > 4) {
      throw new IllegalArgumentException("criticality must be 1..4, got " + criticality);
    }
    assumed = Set.copyOf(assumed);
  }

  /** A context that is all stated when {@code known}, all assumed when not (an owner team stated only if non-empty). */
  public AssetContext(String assetName, String environment, String ownerTeam, int criticality,
      boolean internetFacing, boolean known) {
    this(assetName, environment, ownerTeam, criticality, internetFacing, known,
        !known ? Set.copyOf(ALL) : ownerTeam == null || ownerTeam.isEmpty() ? Set.of(Asset.OWNER_TEAM) : Set.of());
  }

  /** Whether the environment is production ({@code production} or {@code prod}). */
  public boolean production() {
    return environment.equals("production") || environment.equals("prod");
  }

  /** Whether {@code field} (e.g. {@link Asset#CRITICALITY}) was assumed rather than stated. */
  public boolean isAssumed(String field) {
    return assumed.contains(field);
  }
}
