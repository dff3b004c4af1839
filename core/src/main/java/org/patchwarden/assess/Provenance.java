package org.patchwarden.assess;

/** Where a signal's value came from, so that an explanation never passes a guess off as a fact. */
public enum Provenance {
  /** A source said so (an SSVC statement by CISA-ADP, the KEV catalog …). */
  STATED,
  /** Computed from another signal (automatable from the CVSS vector …). */
  DERIVED,
  /** Nothing said it: the documented default was taken. */
  ASSUMED
}
