package org.patchwarden.app.cli;

import java.util.List;
import org.patchwarden.usecase.AssessFindings;

/** Checks of the filter options findings, assess, explain and plan share: a filter that can match nothing is a mistake. */
final class FindingOptions {
  private FindingOptions() {}

  /** Fails with exit 2 when {@code asset} is given and no such asset is known. */
  static void checkAsset(AssessFindings assess, String asset) {
    if (asset != null && !assess.knowsAsset(asset)) {
      List<String> known = assess.assetNames();
      throw new CliException(2, "--asset '" + asset + "' is not a known asset; known: " + (known.isEmpty() ? "none (scan or import first)"
          : String.join(", ", known.subList(0, Math.min(10, known.size()))) + (known.size() > 10 ? " … (" + known.size() + ")" : "")));
    }
  }

  /** The policy's spelling of {@code tier}, or null when not given; fails with exit 2 when the policy has no such tier. */
  static String checkTier(AssessFindings assess, String tier) {
    if (tier == null) {
      return null;
    }
    List<String> tiers = assess.tiers();
    return tiers.stream().filter(t -> t.equalsIgnoreCase(tier.strip())).findFirst().orElseThrow(() -> new CliException(2,
        "--tier '" + tier + "' is not a tier of the policy; expected one of " + String.join(", ", tiers)));
  }

  /** Fails with exit 2 unless {@code value} is at least 1. */
  static int checkPositive(String option, int value) {
    if (value < 1) {
      throw new CliException(2, option + " " + value + " must be a whole number of at least 1");
    }
    return value;
  }
}
