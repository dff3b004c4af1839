package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.schedule.AgentCheckins;
import org.patchwarden.schedule.Event;
import org.patchwarden.schedule.EventStore;

/**
 * Use case: flag assets whose agent has not checked in for longer than the stale limit. Their
 * inventory is stale, so their risk is unknown: a host can have gained a vulnerable package since.
 * Assets never inventoried and never checked in are not flagged (they have no agent).
 */
public final class FlagStaleAgents {
  private final AssetStore assets;
  private final AgentCheckins checkins;
  private final EventStore events;
  private final Clock clock;
  private final Duration staleAfter;

  public FlagStaleAgents(AssetStore assets, AgentCheckins checkins, EventStore events, Clock clock,
      Duration staleAfter) {
    this.assets = Objects.requireNonNull(assets, "assets");
    this.checkins = Objects.requireNonNull(checkins, "checkins");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
  }

  /** One stale asset: when it was last seen (newest inventory or check-in). */
  public record Stale(String asset, Instant lastSeen) {}

  /** The stale assets, and how many events this run raised (an asset stale since the same time raises one). */
  public record Result(List<Stale> stale, int raised) {
    public Result {
      stale = List.copyOf(stale);
    }

    public String summary() {
      return stale.size() + " stale asset(s), " + raised + " new event(s)";
    }
  }

  public Result run() {
    Instant now = clock.instant();
    List<String> names = assets.list().stream().map(Asset::name).sorted().toList();
    Map<String, Instant> lastSeen = new HashMap<>(checkins.lastCheckIns());
    assets.newest(names).forEach((name, n) -> lastSeen.merge(name, n.header().scannedAt(),
        (a, b) -> a.isAfter(b) ? a : b));
    List<Stale> stale = new ArrayList<>();
    int raised = 0;
    for (String name : names) {
      Instant seen = lastSeen.get(name);
      if (seen == null || !seen.plus(staleAfter).isBefore(now)) {
        continue;
      }
      stale.add(new Stale(name, seen));
      if (events.raise(new Event(Event.Kind.STALE_INVENTORY, name, seen.toString(), now,
          "no inventory since " + seen + " (stale after " + staleAfter + "): stale inventory = unknown risk"))) {
        raised++;
      }
    }
    return new Result(stale, raised);
  }
}
