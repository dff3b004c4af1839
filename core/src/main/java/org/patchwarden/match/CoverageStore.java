package org.patchwarden.match;

import java.util.List;

/**
 * Port: the coverage gaps of each inventory revision, kept so that an asset nothing could be checked
 * for still reads as "no data" in every later listing, not as clean.
 */
public interface CoverageStore {

  /**
   * Replaces the gaps recorded for one inventory revision of the asset with {@code gaps} (none
   * clears them), atomically.
   *
   * @throws java.util.NoSuchElementException when the revision does not exist
   */
  void recordGaps(String assetName, int revision, List<CoverageGap> gaps);

  /** The gaps of every asset's newest inventory revision, by asset name then in recorded order. */
  List<CoverageGap> currentGaps();
}
