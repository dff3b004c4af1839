package org.patchwarden.match;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's statement that a finding does not affect its asset (the VEX {@code not_affected} status),
 * kept across rescans and re-matches until the user reopens the finding.
 *
 * @param reason why, in the user's words (e.g. "the vulnerable module is not loaded")
 * @param by who said so
 * @param at when
 */
public record FindingMark(String reason, String by, Instant at) {
  public FindingMark {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a not-affected mark needs a reason");
    }
    if (by.isBlank()) {
      throw new IllegalArgumentException("a not-affected mark needs to say who made it");
    }
  }
}
