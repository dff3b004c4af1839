package org.patchwarden.exercise;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.patchwarden.inventory.Asset;

/**
 * Which assets an event concerns: those named, those carrying one of the tags, those owned by one of
 * the teams (any of the three), or every asset ({@code all}: a scenario that fits any fleet).
 */
public record AssetSelector(Set<String> names, Set<String> tags, Set<String> teams, boolean all) {
  public AssetSelector {
    names = Set.copyOf(names);
    tags = Set.copyOf(tags);
    teams = Set.copyOf(teams);
    if (!all && names.isEmpty() && tags.isEmpty() && teams.isEmpty()) {
      throw new IllegalArgumentException("an asset selector needs assets, tags, teams or all");
    }
  }

  /** Selects the assets named, tagged or owned as given (not all). */
  public AssetSelector(Set<String> names, Set<String> tags, Set<String> teams) {
    this(names, tags, teams, false);
  }

  /** Whether the asset is selected. */
  public boolean selects(Asset asset) {
    Objects.requireNonNull(asset, "asset");
    return all || names.contains(asset.name()) || asset.tags().stream().anyMatch(tags::contains)
        || asset.ownerTeam() != null && teams.contains(asset.ownerTeam());
  }

  /** In words, e.g. {@code tags edge; assets fw-edge-01}. */
  public String describe() {
    if (all) {
      return "all assets";
    }
    StringBuilder out = new StringBuilder();
    append(out, "assets", names);
    append(out, "tags", tags);
    append(out, "teams", teams);
    return out.toString();
  }

  private static void append(StringBuilder out, String what, Set<String> values) {
    if (!values.isEmpty()) {
      out.append(out.isEmpty() ? "" : "; ").append(what).append(' ').append(String.join(", ", new TreeSet<>(values)));
    }
  }
}
