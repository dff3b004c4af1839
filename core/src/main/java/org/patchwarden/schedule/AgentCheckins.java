package org.patchwarden.schedule;

import java.time.Instant;
import java.util.Map;

/**
 * Port: when each asset's collector agent last checked in. An unchanged inventory adds no revision,
 * so the check-in, not the newest inventory, says an agent is alive.
 */
public interface AgentCheckins {
  /** Notes that the agent of {@code asset} uploaded at {@code at}, from {@code agent} (host and version). */
  void checkedIn(String asset, Instant at, String agent);

  /** The last check-in of every asset that ever checked in. */
  Map<String, Instant> lastCheckIns();
}
