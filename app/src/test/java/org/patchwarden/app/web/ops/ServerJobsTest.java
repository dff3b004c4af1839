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
import org.patchwarden.app.config.NotifySettings;
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
        null, 0.5, RemediationSettings.defaults(), OpsSettings.defaults(), NotifySettings.defaults()), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void everyJobRunsOnceWhenDueRaisingEventsOnceAndTheMetricsShowIt() {
    Instant later = NOW.plus(Duration.ofDays(30));
    try (App app = app(later)) {
      ServerMetrics metrics = app.serverMetrics();
      List<JobRun> runs = app.scheduler("node-a", metrics).runDue();

      assertThat(runs).extracting(JobRun::job).containsExactlyInAnyOrder(ServerJobs.FEED_SYNC, ServerJobs.STALE_AGENTS,
          ServerJobs.DEADLINES, ServerJobs.NOTIFY);
      assertThat(runs).filteredOn(r -> r.job().equals(ServerJobs.NOTIFY)).extracting(JobRun::detail)
          .containsExactly("no channel configured (notify.webhook.url, notify.slack.url, notify.teams.url, notify.smtp.host)");
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
          .as("the hourly checks and notifications are due again after an hour; the sync after six")
          .containsExactlyInAnyOrder(ServerJobs.STALE_AGENTS, ServerJobs.DEADLINES, ServerJobs.NOTIFY);
    }
  }

  @Test
  void theNotifyJobDeliversTheDueEventsToALoopbackWebhookOnceAndNotAgainOnItsNextRun() throws Exception {
    // A copy of the demo's database: this test's job runs must not move the other test's schedule.
    Path copy = java.nio.file.Files.createDirectories(home.resolve("notify"));
    java.nio.file.Files.copy(home.resolve("demo/patchwarden.db"), copy.resolve("patchwarden.db"));
    List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hook.start();
    try {
      var rules = org.patchwarden.notify.NotifyRules.defaults();
      NotifySettings notify = new NotifySettings(java.net.URI.create("http://127.0.0.1:" + hook.getAddress().getPort()
          + "/hook"), null, null, null, new org.patchwarden.notify.NotifyRules(rules.urgentTiers(), rules.dueSoonDays(),
          3650), org.patchwarden.notify.RetryPolicy.defaults());
      OpsSettings ops = new OpsSettings(Duration.ofHours(6), Duration.ofHours(48), Duration.ofDays(3),
          Duration.ofMinutes(1), Duration.ofMinutes(10));
      java.util.function.Function<Instant, App> at = now -> new App(new AppConfig(copy,
          "jdbc:sqlite:" + copy.resolve("patchwarden.db"), null, null, "warn", List.of(), null, 0.5,
          RemediationSettings.defaults(), ops, notify), Clock.fixed(now, ZoneOffset.UTC));

      JobRun first;
      try (App app = at.apply(NOW)) {
        first = app.scheduler("node-a", app.serverMetrics()).runDue().stream()
            .filter(r -> r.job().equals(ServerJobs.NOTIFY)).findFirst().orElseThrow();
        assertThat(app.scheduler("node-b", app.serverMetrics()).runDue()).as("not due again at once").isEmpty();
      }
      assertThat(first.ok()).as(first.detail()).isTrue();
      assertThat(bodies).isNotEmpty().anySatisfy(b -> assertThat(b).contains("\"kind\":\"kev-hit\""));
      assertThat(first.detail()).contains("(channels: webhook); sent " + bodies.size() + ", to retry 0, dead letters 0");
      int sent = bodies.size();

      // The next run sends what the other jobs of the first round raised after notify ran (their order is
      // the store's); the one after has nothing left: every event went out once.
      for (int round = 1; round <= 2; round++) {
        try (App app = at.apply(NOW.plus(Duration.ofMinutes(10L * round)))) {
          List<JobRun> again = app.scheduler("node-b", app.serverMetrics()).runDue();
          assertThat(again).extracting(JobRun::job).as("due again after notify.interval").contains(ServerJobs.NOTIFY);
          JobRun run = again.stream().filter(r -> r.job().equals(ServerJobs.NOTIFY)).findFirst().orElseThrow();
          assertThat(run.detail()).startsWith("queued 0 ").contains("dead letters 0");
          if (round == 2) {
            assertThat(run.detail()).contains("sent 0,");
          }
        }
      }
      assertThat(bodies).as("no event is sent twice").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(sent);
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void theFeedSyncJobDownloadsWithoutTheWriterLockAndTakesItOnlyToLoad(@TempDir Path dir) throws Exception {
    byte[] catalog;
    try (var in = getClass().getResourceAsStream("/kev/kev-2025-08-25.json")) {
      catalog = in.readAllBytes();
    }
    try (var upstream = new org.patchwarden.formats.fetch.LoopbackFeedServer()) {
      java.util.concurrent.atomic.AtomicReference<App> running = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicBoolean heldDuringDownload = new java.util.concurrent.atomic.AtomicBoolean();
      upstream.script(exchange -> {
        // another writer (an upload) takes the lock while the download runs: it must not wait
        Thread writer = Thread.ofPlatform().start(() -> {
          try (var held = running.get().writerLock().acquire(() -> heldDuringDownload.set(true))) {
            // taken and released at once
          }
        });
        try {
          writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        org.patchwarden.formats.fetch.LoopbackFeedServer.ok(catalog, "\"kev\"").handle(exchange);
      });
      var kev = new org.patchwarden.app.config.Upstream("cisa-kev", org.patchwarden.formats.feed.FeedKind.KEV_JSON,
          org.patchwarden.advisory.KevStore.SOURCE, upstream.url("/kev.json"), "known_exploited_vulnerabilities.json",
          true, 2);
      try (App app = new App(new AppConfig(dir, "jdbc:sqlite:" + dir.resolve("patchwarden.db"), null, null, "warn",
          List.of(kev), null, 0.5, RemediationSettings.defaults(), OpsSettings.defaults(), NotifySettings.defaults()),
          Clock.fixed(NOW, ZoneOffset.UTC))) {
        running.set(app);
        assertThat(ServerJobs.syncFeeds(app)).isEqualTo("1 upstream(s): 1 loaded, 0 unchanged");
        assertThat(heldDuringDownload).as("the writer lock was held during the download").isFalse();
        assertThat(app.listFeedVersions().list()).extracting(v -> v.source())
            .contains(org.patchwarden.advisory.KevStore.SOURCE);
      }
    }
  }

  @Test
  void theNotifyIntervalIsConfigurableAndFiveMinutesByDefault() {
    assertThat(OpsSettings.defaults().notifyInterval()).isEqualTo(Duration.ofMinutes(5));
    var config = org.patchwarden.app.config.ConfigLoader.load(new org.patchwarden.app.config.ConfigLoader.Flags(home,
        null, null), Map.of("PATCHWARDEN_NOTIFY_INTERVAL", "15m"));
    assertThat(config.ops().notifyInterval()).isEqualTo(Duration.ofMinutes(15));
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
