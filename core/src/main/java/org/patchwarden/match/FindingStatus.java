package org.patchwarden.match;

/** Where a finding stands across rescans and feed updates. */
public enum FindingStatus {
  /** Seen in the newest inventory of its asset. */
  OPEN,
  /** Gone from a newer inventory: the inventory that proved it is recorded. */
  FIXED,
  /** The advisory changed (range corrected, record withdrawn) so that it no longer matches. */
  RETRACTED,
  /**
   * Still matched, but a user determined that it does not affect the asset ({@link FindingMark}):
   * it counts as closed at the time of the mark and is not assessed. Stored as an open finding that
   * carries a mark, so that the mark outlives rescans and re-matches.
   */
  NOT_AFFECTED
}
