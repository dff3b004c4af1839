package org.patchwarden.advisory;

/**
 * What a source says about a package's exposure, beyond plain version ranges. Distro trackers state
 * these explicitly and a matcher must report them as what they are, never drop them.
 */
public enum AffectedStatus {
  /** Affected within the given ranges/versions (the usual case). */
  AFFECTED,
  /** Affected, and no fixed version exists yet (Debian {@code <unfixed>}). */
  UNFIXED,
  /** The package in that release is not affected (Debian {@code <not-affected>}). */
  NOT_AFFECTED,
  /** The release is out of support; no fix will come (Debian {@code <end-of-life>}). */
  END_OF_LIFE,
  /** Affected, but the distro decided not to issue an advisory (Debian {@code <no-dsa>}). */
  NO_DSA,
  /** Fix postponed to a later point release (Debian {@code <postponed>}). */
  POSTPONED,
  /** The tracker ignores the issue for that release (Debian {@code <ignored>}). */
  IGNORED
}
