package org.patchwarden.assess;

/** What a fix group asks someone to do. */
public enum FixAction {
  /** Upgrade the package to the group's target version: that closes every finding in the group. */
  UPGRADE,
  /** No source names a fixed version yet: mitigate, or watch the feeds. */
  NO_FIX_YET,
  /** A KEV-listed product is present but its affected versions are unknown: check the version by hand. */
  VERIFY
}
