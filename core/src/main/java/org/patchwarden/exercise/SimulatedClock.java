package org.patchwarden.exercise;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** The exercise's clock, in UTC: it stands still until the simulation moves it. */
public final class SimulatedClock extends Clock {
  private Instant now;

  public SimulatedClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Moves the clock; it never goes back, as no real clock would. */
  public void set(Instant next) {
    if (next.isBefore(now)) {
      throw new IllegalArgumentException("the simulated clock cannot go back from " + now + " to " + next);
    }
    now = next;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulated clock runs in UTC only");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
