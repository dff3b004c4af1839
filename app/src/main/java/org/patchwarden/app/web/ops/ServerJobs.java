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
 * only changed advisories are re-matched), stale agents, due-date and verification deadlines, and
 * notifications (raised from the current state and delivered, as {@code notify deliver}).
 */
public final class ServerJobs {
  public static final String FEED_SYNC = "feed-sync";
  public static final String STALE_AGENTS = "stale-agents";
  public static final String DEADLINES = "deadlines";
  public static final String NOTIFY = "notify";
  /** Deliveries one notify run sends at most: a backlog drains over several runs rather than holding the job. */
  public static final int NOTIFY_LIMIT = 500;

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
        new ScheduledJob(DEADLINES, hourly, timed(metrics, DEADLINES, () -> app.watchDeadlines().run().summary())),
        new ScheduledJob(NOTIFY, ops.notifyInterval(), timed(metrics, NOTIFY, () -> notify(app))));
  }

  private static Supplier<String> timed(ServerMetrics metrics, String job, Supplier<String> work) {
    return () -> metrics.timeJob(job, work);
  }

  /**
   * Queues the events the current state holds for each configured channel (each once), then sends the
   * due deliveries, at most {@link #NOTIFY_LIMIT}; failures wait for their retry or end as dead letters.
   */
  static String notify(App app) {
    List<String> channels = app.config().notifications().channels();
    if (channels.isEmpty()) {
      return "no channel configured (notify.webhook.url, notify.slack.url, notify.teams.url, notify.smtp.host)";
    }
    int queued = app.raiseNotifications(null).raise();
    var run = app.deliverNotifications().deliver(NOTIFY_LIMIT);
    String summary = "queued " + queued + " (channels: " + String.join(", ", channels) + "); sent " + run.sent()
        + ", to retry " + run.retried() + ", dead letters " + run.dead();
    if (run.dead() > 0) {
      // a failed job run is what the logs and the job metrics flag: a dead letter needs a person
      throw new IllegalStateException(summary);
    }
    return summary;
  }

  /**
   * Syncs every enabled upstream as {@code feeds sync} does, except that the downloads happen first,
   * without the writer lock (uploads and other writers go on meanwhile); the lock is taken only to
   * load what changed, if anything did.
   */
  static String syncFeeds(App app) {
    List<Upstream> enabled = app.config().upstreams().stream().filter(Upstream::enabled).toList();
    int loaded = 0;
    int unchanged = 0;
    StringBuilder failed = new StringBuilder();
    try (FeedSync sync = app.feedSync(n -> { })) {
      List<FeedSync.Fetched> fetched = enabled.stream().map(u -> sync.fetch(u, n -> { })).toList();
      List<FeedSync.Outcome> outcomes = new java.util.ArrayList<>();
      if (fetched.stream().anyMatch(FeedSync.Fetched::changed)) {
        try (WriterLock.Held held = app.writerLock().acquire(() -> { })) {
          app.completeMatching().complete();
          fetched.forEach(f -> outcomes.add(sync.load(f)));
        }
      } else {
        fetched.forEach(f -> outcomes.add(sync.load(f)));
      }
      for (FeedSync.Outcome outcome : outcomes) {
        switch (outcome) {
          case FeedSync.Outcome.Loaded l -> loaded++;
          case FeedSync.Outcome.NotModified nm -> unchanged++;
          case FeedSync.Outcome.Older o -> unchanged++;
          case FeedSync.Outcome.Failed f -> failed.append(failed.isEmpty() ? "" : "; ")
              .append(f.upstream().name()).append(": ").append(f.reason());
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
