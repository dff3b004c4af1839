package org.patchwarden.usecase;

import java.util.List;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.CoverageStore;

/** Use case: what no loaded data covers on the assets' newest inventories, for listings beside the findings. */
public final class ListCoverageGaps {
  private final CoverageStore coverage;

  public ListCoverageGaps(CoverageStore coverage) {
    this.coverage = coverage;
  }

  /** The current gaps of {@code assetName}, or of every asset when it is null, by asset name. */
  public List<CoverageGap> current(String assetName) {
    return coverage.currentGaps().stream().filter(g -> assetName == null || g.assetName().equals(assetName)).toList();
  }
}
