package org.patchwarden.notify;

/** What a notification is about. */
public enum EventKind {
  /** A new finding of an urgent tier (T0/T1 by default). */
  URGENT_FINDING("urgent-finding"),
  /** A CVE in CISA KEV hits the fleet (a new KEV listing, or a new finding of a listed CVE). */
  KEV_HIT("kev-hit"),
  /** An open finding's due date is near. */
  DUE_SOON("due-soon"),
  /** An open finding's due date passed. */
  OVERDUE("overdue"),
  /** A rescan showed that a change did not fix a finding. */
  VERIFICATION_FAILED("verification-failed");

  private final String id;

  EventKind(String id) {
    this.id = id;
  }

  /** The stable name payloads and the outbox use, e.g. {@code kev-hit}. */
  public String id() {
    return id;
  }

  public static EventKind of(String id) {
    for (EventKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown notification kind '" + id + "'");
  }
}
