package org.patchwarden.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.formats.feed.FeedKind;
import org.patchwarden.formats.fetch.FetchPolicy;
import org.patchwarden.formats.fetch.HttpFeedFetcher;
import org.patchwarden.formats.fetch.LoopbackFeedServer;
import org.patchwarden.store.Database;
import org.patchwarden.store.TestDatabases;
import org.patchwarden.usecase.LoadFeeds;

/**
 * Sync against a real HTTP server on loopback that serves the real KEV catalog and misbehaves on
 * purpose; every case checks what the store (and the mirror) hold afterwards.
 */
class FeedSyncTest {
  private static final String ETAG = "\"kev-2025-08-25\"";

  @TempDir Path home;
  private LoopbackFeedServer server;
  private Database db;
  private FeedSync sync;
  private Upstream kev;
  private byte[] catalog;

  @BeforeEach
  void setUp() throws IOException {
    server = new LoopbackFeedServer();
    db = TestDatabases.sqlite(home);
    try (InputStream in = getClass().getResourceAsStream("/kev/kev-2025-08-25.json")) {
      catalog = in.readAllBytes();
    }
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    LoadFeeds load = new LoadFeeds(db.kevStore(), db.advisoryStore(), db.epssStore(), db.attackStore(),
        db.attackMappingStore(), db.ssvcStore(), clock);
    HttpFeedFetcher fetcher = new HttpFeedFetcher(
        new FetchPolicy(8 << 20, 2, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(2)),
        d -> {}, "patchwarden-test");
    sync = new FeedSync(fetcher, FeedLoading.reading(db, load, clock), home.resolve("mirror"), clock);
    kev = new Upstream("cisa-kev", FeedKind.KEV_JSON, KevStore.SOURCE, server.url("/kev.json"),
        "known_exploited_vulnerabilities.json", true, 2);
  }

  @AfterEach
  void tearDown() {
    sync.close();
    db.close();
    server.close();
  }

  private FeedSync.Outcome syncKev() {
    return sync.sync(kev, n -> {});
  }

  private void loadGoodCatalog() {
    server.script(LoopbackFeedServer.ok(catalog, ETAG));
    assertThat(syncKev()).isInstanceOf(FeedSync.Outcome.Loaded.class);
  }

  private void assertStoreStillHoldsTheGoodCatalog() throws IOException {
    assertThat(db.kevStore().count()).isEqualTo(1404);
    assertThat(db.feedVersionStore().current(KevStore.SOURCE).orElseThrow().version()).isEqualTo("2025.08.25");
    assertThat(Files.readAllBytes(home.resolve("mirror/cisa-kev/known_exploited_vulnerabilities.json"))).isEqualTo(catalog);
    try (var files = Files.list(home.resolve("mirror/cisa-kev"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "known_exploited_vulnerabilities.json", "sync-state.json");
    }
  }

  @Test
  void a200LoadsTheCatalogAndKeepsTheMirrorCopyAndValidators() throws IOException {
    server.script(LoopbackFeedServer.ok(catalog, ETAG));
    var outcome = (FeedSync.Outcome.Loaded) syncKev();
    assertThat(outcome.update().added()).isEqualTo(1404);
    assertStoreStillHoldsTheGoodCatalog();
    assertThat(Files.readString(home.resolve("mirror/cisa-kev/sync-state.json"))).contains("kev-2025-08-25");
  }

  @Test
  void a304SendsTheValidatorsAndChangesNothing() throws IOException {
    loadGoodCatalog();
    server.script(LoopbackFeedServer.conditional(catalog, ETAG));
    assertThat(syncKev()).isInstanceOf(FeedSync.Outcome.NotModified.class);
    assertThat(server.requests().get(0).getFirst("If-None-Match")).isEqualTo(ETAG);
    assertStoreStillHoldsTheGoodCatalog();
  }

  @Test
  void aSecond200WithTheSameBytesWritesNothing() {
    loadGoodCatalog();
    server.script(LoopbackFeedServer.ok(catalog, "\"other\""));
    var outcome = (FeedSync.Outcome.Loaded) syncKev();
    assertThat(outcome.update().unchanged()).isTrue();
  }

  @Test
  void a404FailsAndTheStoreKeepsItsData() throws IOException {
    loadGoodCatalog();
    server.script(LoopbackFeedServer.status(404));
    assertThat(syncKev()).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("HTTP 404"));
    assertStoreStillHoldsTheGoodCatalog();
  }

  @Test
  void a500AfterRetriesFailsAndTheStoreKeepsItsData() throws IOException {
    loadGoodCatalog();
    server.script(LoopbackFeedServer.status(500));
    assertThat(syncKev()).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("HTTP 500", "attempt 2 of 2"));
    assertStoreStillHoldsTheGoodCatalog();
  }

  @Test
  void aTruncatedBodyFailsAndTheStoreKeepsItsData() throws IOException {
    loadGoodCatalog();
    server.script(LoopbackFeedServer.truncated(catalog));
    assertThat(syncKev()).isInstanceOf(FeedSync.Outcome.Failed.class);
    assertStoreStillHoldsTheGoodCatalog();
  }

  @Test
  void aSlowBodyIsCutOffAndTheStoreKeepsItsData() throws IOException {
    loadGoodCatalog();
    server.script(LoopbackFeedServer.slow(catalog, 50));
    assertThat(syncKev()).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("cut off"));
    assertStoreStillHoldsTheGoodCatalog();
  }

  @Test
  void aGzipBombIsRefusedAndTheStoreKeepsItsData() throws IOException {
    loadGoodCatalog();
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        gz.write(zeros);
      }
    }
    server.script(LoopbackFeedServer.gzip(bomb.toByteArray()));
    assertThat(syncKev()).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("exceeds the cap"));
    assertStoreStillHoldsTheGoodCatalog();
  }

  @Test
  void aBodyOverTheCapIsRefusedAndTheStoreKeepsItsData() throws IOException {
    loadGoodCatalog();
    server.script(LoopbackFeedServer.ok(new byte[9 << 20], null));
    assertThat(syncKev()).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("exceeds the cap"));
    assertStoreStillHoldsTheGoodCatalog();
  }

  @Test
  void aCompleteButMalformedDocumentIsRefusedAndTheMirrorKeepsTheGoodCopy() throws IOException {
    loadGoodCatalog();
    String bad = new String(catalog, StandardCharsets.UTF_8).replace("\"dueDate\": \"2025-09-15\"", "\"dueDate\": \"soon\"");
    server.script(LoopbackFeedServer.ok(bad.getBytes(StandardCharsets.UTF_8), "\"bad\""));
    assertThat(syncKev()).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("dueDate", "'soon' is not a yyyy-MM-dd date"));
    assertStoreStillHoldsTheGoodCatalog();
    assertThat(Files.readString(home.resolve("mirror/cisa-kev/sync-state.json"))).contains("kev-2025-08-25");
  }

  @Test
  void anEmptyNewerCatalogUpstreamIsRefusedAndTheStoreAndMirrorKeepTheGoodOne() throws IOException {
    loadGoodCatalog();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var empty = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(catalog);
    empty.put("catalogVersion", "2025.08.26").put("dateReleased", "2025-08-26T15:00:00.000Z").put("count", 0);
    empty.set("vulnerabilities", json.createArrayNode());
    server.script(LoopbackFeedServer.ok(json.writeValueAsBytes(empty), "\"empty\""));

    assertThat(syncKev()).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class, f -> assertThat(f.reason())
        .contains("cisa-kev 2025.08.26 would remove 1404 of its 1404 records", "--force loads it anyway"));
    assertStoreStillHoldsTheGoodCatalog();
  }
}
