package org.patchwarden.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the server noticed that people must act on. An event is raised once per {@code (kind,
 * subject, occasion)}: a finding overdue since one due date is one event however often the check runs.
 *
 * @param kind what happened ({@link Kind})
 * @param subject what it is about: an asset name, a finding key, a change id
 * @param occasion what makes a new event for the same subject (a due date, an inventory time)
 */
public record Event(Kind kind, String subject, String occasion, Instant raisedAt, String detail) {
  /** The kinds of events. */
  public enum Kind {
    STALE_INVENTORY("stale-inventory"),
    DUE_SOON("due-soon"),
    OVERDUE("overdue"),
    VERIFICATION_DUE_SOON("verification-due-soon"),
    VERIFICATION_DEADLINE_PASSED("verification-deadline-passed");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The kind a label names. */
    public static Kind of(String label) {
      for (Kind k : values()) {
        if (k.label.equals(label)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown event kind '" + label + "'");
    }
  }

  public Event {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(occasion, "occasion");
    Objects.requireNonNull(raisedAt, "raisedAt");
    detail = detail == null ? "" : detail;
  }
}
