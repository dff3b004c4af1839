package org.patchwarden.remediate;

import java.util.Optional;

/**
 * Port: a condition a change must meet before a person's approval is accepted, such as staging
 * evidence ({@code org.patchwarden.baseline.StagingBaselineRule}).
 */
@FunctionalInterface
public interface ApprovalGate {
  /** Why {@code change} cannot be approved yet, or empty when it can. */
  Optional<String> refusal(Change change);

  /** The gate that never refuses. */
  static ApprovalGate open() {
    return c -> Optional.empty();
  }
}
