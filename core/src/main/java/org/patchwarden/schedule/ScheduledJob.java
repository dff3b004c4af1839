package org.patchwarden.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A piece of recurring work: its name (unique in the store), how often it is due, and the work, which
 * returns a one-line summary of what it did.
 */
public record ScheduledJob(String name, Duration interval, Supplier<String> work) {
  public ScheduledJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(work, "work");
    if (name.isBlank() || name.length() > 128) {
      throw new IllegalArgumentException("job name '" + name + "' must have 1 to 128 characters");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("job " + name + ": interval " + interval + " must be positive");
    }
  }
}
