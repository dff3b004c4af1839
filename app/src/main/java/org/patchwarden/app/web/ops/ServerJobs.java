package org.patchwarden.app.web.ops;

import java.util.List;
import java.util.function.Supplier;
import org.patchwarden.app.App;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.app.feeds.FeedSync;
import org.patchwarden.match.WriterLock;
import org.patchwarden.schedule.ScheduledJob;

/**
 * The server's recurring jobs, built from the composition root: feed sync (as {@code feeds sync}:
 * only changed advisories are re-matched), stale agents, and due-date and verification deadlines.
 */
public final class ServerJobs {
  public static final String FEED_SYNC = "feed-sync";
  public static final String STALE_AGENTS = "stale-agents";
  public static final String DEADLINES = "deadlines";

  private ServerJobs() {}

  /** Every job, each timed into {@code metrics}. */
  public static List<ScheduledJob> of(App app, ServerMetrics metrics) {
    var ops = app.config().ops();
    // Stale agents and deadlines are cheap next to a sync: checked every hour, or at the sync interval if shorter.
    java.time.Duration hourly = ops.feedSyncInterval().compareTo(java.time.Duration.ofHours(1)) < 0
        ? ops.feedSyncInterval() : java.time.Duration.ofHours(1);
    return List.of(
        new ScheduledJob(FEED_SYNC, ops.feedSyncInterval(), timed(metrics, FEED_SYNC, () -> syncFeeds(app))),
        new ScheduledJob(STALE_AGENTS, hourly, timed(metrics, STALE_AGENTS, () -> app.flagStaleAgents().run().summary())),
        new ScheduledJob(DEADLINES, hourly, timed(metrics, DEADLINES, () -> app.watchDeadlines().run().summary())));
  }

  private static Supplier<String> timed(ServerMetrics metrics, String job, Supplier<String> work) {
    return () -> metrics.timeJob(job, work);
  }

  /** Syncs every enabled upstream under the writer lock, as {@code feeds sync} does. */
  static String syncFeeds(App app) {
    List<Upstream> enabled = app.config().upstreams().stream().filter(Upstream::enabled).toList();
    int loaded = 0;
    int unchanged = 0;
    StringBuilder failed = new StringBuilder();
    try (WriterLock.Held held = app.writerLock().acquire(() -> { });
        FeedSync sync = app.feedSync(n -> { })) {
      app.completeMatching().complete();
      for (Upstream u : enabled) {
        switch (sync.sync(u, n -> { })) {
          case FeedSync.Outcome.Loaded l -> loaded++;
          case FeedSync.Outcome.NotModified nm -> unchanged++;
          case FeedSync.Outcome.Older o -> unchanged++;
          case FeedSync.Outcome.Failed f -> failed.append(failed.isEmpty() ? "" : "; ").append(u.name()).append(": ")
              .append(f.reason());
        }
      }
    }
    String summary = enabled.size() + " upstream(s): " + loaded + " loaded, " + unchanged + " unchanged";
    if (!failed.isEmpty()) {
      throw new IllegalStateException(summary + ", failed: " + failed);
    }
    return summary;
  }
}
