package org.patchwarden.assess;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tier of a policy: the condition that puts a finding in it and its remediation window.
 *
 * @param id short id, e.g. {@code T0}
 * @param name e.g. {@code emergency}
 * @param windowDays days from first seen to the due date (a KEV due date, when earlier, wins)
 * @param when the condition; {@link Condition#always()} for the default (last) tier
 */
public record TierRule(String id, String name, int windowDays, Condition when) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

  public TierRule {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("tier id '" + id + "' must be 1..32 letters, digits, _ or -");
    }
    Objects.requireNonNull(name, "name");
    if (windowDays < 0 || windowDays > 3650) {
      throw new IllegalArgumentException("tier " + id + ": window must be 0..3650 days, got " + windowDays);
    }
    Objects.requireNonNull(when, "when");
  }

  /** Whether this rule has no condition (the default tier). */
  public boolean isDefault() {
    return when instanceof Condition.All all && all.conditions().isEmpty();
  }
}
