package org.patchwarden.match;

/** How strong the evidence of a finding is. */
public enum Confidence {
  /** A package and version matched an advisory's affected range for that ecosystem (and release). */
  CONFIRMED,
  /** A product's vendor, product and version matched NVD CPE bounds: names and version formats drift, so verify. */
  CPE_MATCH,
  /** A KEV-listed vendor and product are present but no affected versions are known: verify. */
  PRODUCT_ONLY
}
