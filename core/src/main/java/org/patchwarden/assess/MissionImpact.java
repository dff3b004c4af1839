package org.patchwarden.assess;

import java.util.Locale;

/**
 * SSVC Mission and Well-Being Impact of an asset, derived from its criticality and exposure.
 *
 * <p>The mapping (documented in docs/policy.md): criticality 1, or an internet-facing production
 * asset, is HIGH (an essential mission, or an exposed foothold into production); criticality 2 and
 * 3 are MEDIUM (they support the mission); criticality 4 is LOW (minimal). Assumed asset context
 * (see {@link AssetContext#known()}) is mapped the same way, so the assumption shows through.
 */
public enum MissionImpact {
  LOW("Low"),
  MEDIUM("Medium"),
  HIGH("High");

  private final String ssvcName;

  MissionImpact(String ssvcName) {
    this.ssvcName = ssvcName;
  }

  /** The value's name in the SSVC decision point data ({@code ssvc:MWI}). */
  public String ssvcName() {
    return ssvcName;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The documented mapping from asset context to mission impact. */
  public static MissionImpact of(AssetContext asset) {
    if (asset.criticality() == 1 || (asset.internetFacing() && asset.production())) {
      return HIGH;
    }
    return asset.criticality() == 4 ? LOW : MEDIUM;
  }
}
