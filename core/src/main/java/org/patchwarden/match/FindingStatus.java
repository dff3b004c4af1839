package org.patchwarden.match;

/** Where a finding stands across rescans and feed updates. */
public enum FindingStatus {
  /** Seen in the newest inventory of its asset. */
  OPEN,
  /** Gone from a newer inventory: the inventory that proved it is recorded. */
  FIXED,
  /** The advisory changed (range corrected, record withdrawn) so that it no longer matches. */
  RETRACTED
}
