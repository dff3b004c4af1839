package org.patchwarden.remediate;

import java.time.Instant;
import java.util.Objects;

/**
 * One approval of a change.
 *
 * @param by who approved, or the rule's name for an automatic approval
 * @param rule empty for a person's approval, else the rule that approved it (e.g. {@code auto: T0 on non-production})
 */
public record Approval(String by, Instant at, String rule) {
  public Approval {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    rule = rule == null ? "" : rule;
    if (by.isBlank()) {
      throw new IllegalArgumentException("an approval needs to say who approved");
    }
  }

  public boolean automatic() {
    return !rule.isEmpty();
  }
}
