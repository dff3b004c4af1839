package org.patchwarden.app.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.App;
import org.patchwarden.app.Main;
import org.patchwarden.app.cli.Terminal;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.app.config.OpsSettings;
import org.patchwarden.app.config.RemediationSettings;
import org.patchwarden.schedule.Event;
import org.patchwarden.schedule.JobRun;

/**
 * The server's jobs over the demo data on a real SQLite database: stale agents and deadlines raise
 * events once, jobs are not due again before their interval, and the metrics show it all.
 */
class ServerJobsTest {
  static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  @TempDir static Path home;

  @BeforeAll
  static void demo() {
    StringWriter out = new StringWriter();
    int code = Main.run(new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(out),
        Map.of("PATCHWARDEN_HOME", home.toString())), Clock.fixed(NOW, ZoneOffset.UTC), "demo");
    assertThat(code).as(out.toString()).isZero();
  }

  private static App app(Instant now) {
    // No upstream: the feed-sync job must not reach the network in a test.
    Path demo = home.resolve("demo");
    return new App(new AppConfig(demo, "jdbc:sqlite:" + demo.resolve("patchwarden.db"), null, null, "warn", List.of(),
        null, 0.5, RemediationSettings.defaults(), OpsSettings.defaults()), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void everyJobRunsOnceWhenDueRaisingEventsOnceAndTheMetricsShowIt() {
    Instant later = NOW.plus(Duration.ofDays(30));
    try (App app = app(later)) {
      ServerMetrics metrics = app.serverMetrics();
      List<JobRun> runs = app.scheduler("node-a", metrics).runDue();

      assertThat(runs).extracting(JobRun::job).containsExactlyInAnyOrder(ServerJobs.FEED_SYNC, ServerJobs.STALE_AGENTS,
          ServerJobs.DEADLINES);
      assertThat(runs).allSatisfy(r -> assertThat(r.ok()).as(r.detail()).isTrue());
      List<Event> events = app.eventStore().recent(10_000);
      assertThat(events).extracting(Event::kind).contains(Event.Kind.STALE_INVENTORY, Event.Kind.OVERDUE);
      assertThat(events.stream().filter(e -> e.kind() == Event.Kind.STALE_INVENTORY).findFirst().orElseThrow().detail())
          .contains("stale inventory = unknown risk");

      assertThat(app.scheduler("node-b", metrics).runDue()).as("nothing is due again at once, on any node").isEmpty();
      assertThat(app.eventStore().recent(10_000)).hasSameSizeAs(events);

      String scrape = metrics.scrape();
      assertThat(scrape).contains("patchwarden_job_duration_seconds_count{job=\"deadlines\"} 1")
          .contains("patchwarden_feed_age_seconds{source=\"cisa-kev\"}")
          .containsPattern("patchwarden_open_findings [1-9]");
    }
    try (App app = app(later.plus(Duration.ofHours(1)))) {
      assertThat(app.scheduler("node-a", app.serverMetrics()).runDue()).extracting(JobRun::job)
          .as("the hourly checks are due again after an hour; the sync after six")
          .containsExactlyInAnyOrder(ServerJobs.STALE_AGENTS, ServerJobs.DEADLINES);
    }
  }

  @Test
  void durationsAreReadInShortAndIsoForms() {
    assertThat(OpsSettings.parse("6h")).isEqualTo(Duration.ofHours(6));
    assertThat(OpsSettings.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(OpsSettings.parse("PT30M")).isEqualTo(Duration.ofMinutes(30));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpsSettings.parse("soon"))
        .hasMessageContaining("expected e.g. 30m, 6h, 2d or PT6H");
  }
}
