package org.patchwarden.match;

import java.util.List;

/** What matching inventories against the advisories found: findings, and where data was missing. */
public record MatchResult(List<Finding> findings, List<CoverageGap> gaps) {
  public MatchResult {
    findings = List.copyOf(findings);
    gaps = List.copyOf(gaps);
  }
}
