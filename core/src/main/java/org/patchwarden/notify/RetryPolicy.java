package org.patchwarden.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how soon a failed delivery is tried again: exponential backoff, {@code firstDelay}
 * doubled after each failure up to {@code maxDelay}, and a dead letter after {@code maxAttempts}.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("notify max attempts must be 1..100, got " + maxAttempts);
    }
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("notify retry delays: need 0 <= first (" + firstDelay + ") <= max ("
          + maxDelay + ")");
    }
  }

  /** Six attempts over about two and a half hours: 5, 10, 20, 40 and 80 minutes apart. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMinutes(5), Duration.ofHours(6));
  }

  /** The wait after the {@code failures}-th failed attempt (1 = the first). */
  public Duration delayAfter(int failures) {
    Duration d = firstDelay;
    for (int i = 1; i < failures && d.compareTo(maxDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }
}
