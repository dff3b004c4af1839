package org.patchwarden.advisory;

import java.util.Objects;

/**
 * FIRST's Exploit Prediction Scoring System value for a CVE on one score date.
 *
 * @param score probability of exploitation activity in the next 30 days, 0..1
 * @param percentile rank among all scored CVEs, 0..1
 */
public record EpssScore(String cveId, double score, double percentile) {
  public EpssScore {
    Objects.requireNonNull(cveId, "cveId");
    if (!(score >= 0 && score <= 1) || !(percentile >= 0 && percentile <= 1)) {
      throw new IllegalArgumentException(cveId + ": EPSS score and percentile must be within 0..1, got "
          + score + " / " + percentile);
    }
  }
}
