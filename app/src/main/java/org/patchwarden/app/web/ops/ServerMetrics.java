package org.patchwarden.app.web.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.patchwarden.feed.FeedAge;
import org.patchwarden.feed.FeedVersion;

/**
 * The server's Prometheus metrics (Micrometer): request latency per route, match duration, job
 * duration, feed age per source, open findings. Values read from the database (feed ages, open
 * findings) are refreshed at most once a minute, on a scrape, so scraping stays cheap.
 */
public final class ServerMetrics {
  private static final Duration REFRESH = Duration.ofMinutes(1);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  private final Supplier<java.util.List<FeedVersion>> feeds;
  private final Supplier<Long> openFindings;
  private final Map<String, Double> feedAgeSeconds = new ConcurrentHashMap<>();
  private volatile double open = Double.NaN;
  private volatile Instant refreshed = Instant.EPOCH;

  /**
   * @param feeds the loaded feed versions
   * @param openFindings how many findings are open
   */
  public ServerMetrics(Clock clock, Supplier<java.util.List<FeedVersion>> feeds, Supplier<Long> openFindings) {
    this.clock = clock;
    this.feeds = feeds;
    this.openFindings = openFindings;
    Gauge.builder("patchwarden_open_findings", () -> open).description("Open findings").register(registry);
  }

  /** Times one HTTP request under its route template ({@code /api/v1/assets/{name}}, never the raw path). */
  public void recordRequest(String method, String route, int status, long nanos) {
    Timer.builder("patchwarden_http_requests")
        .description("HTTP request latency per route")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /** Times matching (and assessing) one upload or re-match. */
  public <T> T timeMatch(Supplier<T> work) {
    return Timer.builder("patchwarden_match_duration").description("Matching an inventory or a feed change")
        .publishPercentileHistogram().register(registry).record(work);
  }

  /** Times one run of a scheduled job; a failed run counts too. */
  public String timeJob(String job, Supplier<String> work) {
    return Timer.builder("patchwarden_job_duration").description("Scheduled job runs").tag("job", job)
        .register(registry).record(work);
  }

  /** The Prometheus text exposition of every metric, refreshed from the database when due. */
  public String scrape() {
    refresh();
    return registry.scrape();
  }

  /** The content type of {@link #scrape()}. */
  public static String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  private synchronized void refresh() {
    Instant now = clock.instant();
    if (now.isBefore(refreshed.plus(REFRESH))) {
      return;
    }
    refreshed = now;
    for (FeedVersion v : feeds.get()) {
      FeedAge age = FeedAge.of(v, now);
      double seconds = Math.max(0, Duration.between(age.since(), now).toSeconds());
      if (feedAgeSeconds.put(v.source(), seconds) == null) {
        String source = v.source();
        Gauge.builder("patchwarden_feed_age_seconds", () -> feedAgeSeconds.getOrDefault(source, Double.NaN))
            .description("Age of a feed's data (its own date where it states one, else the load)")
            .tag("source", source).register(registry);
      }
    }
    open = openFindings.get();
  }
}
