package org.patchwarden.app.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The keys of a server's continuous operation.
 *
 * @param feedSyncInterval {@code feeds.sync-interval}: how often the server syncs the enabled upstreams (6h)
 * @param staleAfter {@code agents.stale-after}: an asset not seen for longer is flagged stale (48h)
 * @param dueSoon {@code events.due-soon}: how far ahead a due date or verification deadline raises an event (3d)
 * @param tick {@code scheduler.tick}: how often a server node looks for due jobs (1m)
 * @param notifyInterval {@code notify.interval}: how often the server raises notifications and delivers the due ones (5m)
 */
public record OpsSettings(Duration feedSyncInterval, Duration staleAfter, Duration dueSoon, Duration tick,
    Duration notifyInterval) {
  /** The default notification interval: a retry's backoff starts at minutes, so minutes are fine-grained enough. */
  public static final Duration NOTIFY_INTERVAL = Duration.ofMinutes(5);

  public OpsSettings {
    Objects.requireNonNull(feedSyncInterval, "feedSyncInterval");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(dueSoon, "dueSoon");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(notifyInterval, "notifyInterval");
  }

  /** Settings with the default notification interval. */
  public OpsSettings(Duration feedSyncInterval, Duration staleAfter, Duration dueSoon, Duration tick) {
    this(feedSyncInterval, staleAfter, dueSoon, tick, NOTIFY_INTERVAL);
  }

  public static OpsSettings defaults() {
    return new OpsSettings(Duration.ofHours(6), Duration.ofHours(48), Duration.ofDays(3), Duration.ofMinutes(1),
        NOTIFY_INTERVAL);
  }

  /**
   * A duration written {@code 90s}, {@code 30m}, {@code 6h}, {@code 2d} or ISO-8601 ({@code PT6H}).
   *
   * @throws IllegalArgumentException when it is none of those or not positive
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    Duration d;
    try {
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
      } else {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*([smhd])").matcher(t);
        if (!m.matches()) {
          throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 30m, 6h, 2d or PT6H");
        }
        long n = Long.parseLong(m.group(1));
        d = switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; expected e.g. 30m, 6h, 2d or PT6H");
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' must be positive");
    }
    return d;
  }
}
