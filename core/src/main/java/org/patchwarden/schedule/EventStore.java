package org.patchwarden.schedule;

import java.util.List;

/** Port: the events the server raised. */
public interface EventStore {
  /** Stores the event unless one with its kind, subject and occasion exists; true when it was new. */
  boolean raise(Event event);

  /** The newest events, newest first, at most {@code limit}. */
  List<Event> recent(int limit);
}
