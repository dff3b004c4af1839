package org.patchwarden.remediate;

import java.time.Instant;
import java.util.Objects;

/** When a change is planned to be applied: from {@code start} to {@code end}. */
public record ChangeWindow(Instant start, Instant end) {
  public ChangeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a change window must end after it starts: " + start + " .. " + end);
    }
  }

  @Override
  public String toString() {
    return start + ".." + end;
  }
}
