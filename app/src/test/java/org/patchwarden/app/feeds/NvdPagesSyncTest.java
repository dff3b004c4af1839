package org.patchwarden.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.formats.feed.FeedKind;
import org.patchwarden.formats.fetch.FetchPolicy;
import org.patchwarden.formats.fetch.HttpFeedFetcher;
import org.patchwarden.formats.fetch.LoopbackFeedServer;
import org.patchwarden.store.Database;
import org.patchwarden.store.TestDatabases;
import org.patchwarden.usecase.LoadFeeds;

/**
 * Paged NVD sync against a real HTTP server on loopback. The served set is built from the five real
 * single-CVE API responses in formats' test resources ({@code /feed/nvd/pages/}): their CVEs are
 * regrouped into three pages of {@code resultsPerPage} 2 (2 + 2 + 1 CVEs), each page's {@code
 * startIndex} rewritten to 0, 2, 4, {@code totalResults} to 5 and {@code timestamp} to one fixed
 * value; the CVE objects themselves are the real NVD JSON, untouched.
 */
class NvdPagesSyncTest {
  private static final List<String> CVES = List.of("CVE-2016-1585", "CVE-2020-13595", "CVE-2022-29194",
      "CVE-2023-4863", "CVE-2023-5341");
  private static final String TIMESTAMP = "2026-11-27T09:00:00.000";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  private LoopbackFeedServer server;
  private Database db;
  private FeedSync sync;
  private Upstream nvd;
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  private List<ObjectNode> pages;

  @BeforeEach
  void setUp() throws IOException {
    server = new LoopbackFeedServer();
    db = TestDatabases.sqlite(home);
    Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    LoadFeeds load = new LoadFeeds(db.kevStore(), db.advisoryStore(), db.epssStore(), db.attackStore(),
        db.attackMappingStore(), db.ssvcStore(), clock);
    HttpFeedFetcher fetcher = new HttpFeedFetcher(
        new FetchPolicy(8 << 20, 2, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(5)),
        d -> {}, "patchwarden-test");
    sync = new FeedSync(fetcher, FeedLoading.reading(db, load, clock), home.resolve("mirror"), clock,
        new NvdPaging(2, Duration.ofSeconds(6), "0a1b2c3d-0000-4000-8000-123456789abc", 10), pauses::add,
        ZipLimits.defaults());
    nvd = new Upstream("nvd", FeedKind.NVD_API, "nvd", Upstream.Layout.PAGED_NVD,
        server.url("/rest/json/cves/2.0"), "pages", true, 7);
    pages = threePagesFromTheRealResponses();
  }

  @AfterEach
  void tearDown() {
    sync.close();
    db.close();
    server.close();
  }

  /** The real CVE objects, regrouped 2 + 2 + 1 with rewritten paging fields (see the class comment). */
  private List<ObjectNode> threePagesFromTheRealResponses() throws IOException {
    List<JsonNode> vulnerabilities = new ArrayList<>();
    for (String cve : CVES) {
      try (InputStream in = getClass().getResourceAsStream("/feed/nvd/pages/" + cve + ".json")) {
        vulnerabilities.add(JSON.readTree(in).get("vulnerabilities").get(0));
      }
    }
    List<ObjectNode> out = new ArrayList<>();
    for (int start = 0; start < vulnerabilities.size(); start += 2) {
      ObjectNode page = JSON.createObjectNode();
      page.put("resultsPerPage", 2).put("startIndex", start).put("totalResults", vulnerabilities.size())
          .put("format", "NVD_CVE").put("version", "2.0").put("timestamp", TIMESTAMP);
      ArrayNode array = page.putArray("vulnerabilities");
      vulnerabilities.subList(start, Math.min(start + 2, vulnerabilities.size())).forEach(array::add);
      out.add(page);
    }
    return out;
  }

  private LoopbackFeedServer.Behaviour serve(JsonNode page) throws IOException {
    byte[] body = JSON.writeValueAsBytes(page);
    return ex -> {
      requested.add(ex.getRequestURI().toString());
      LoopbackFeedServer.ok(body, null).handle(ex);
    };
  }

  private void loadTheThreePages() throws IOException {
    server.script(serve(pages.get(0)), serve(pages.get(1)), serve(pages.get(2)));
    assertThat(sync.sync(nvd, n -> {})).isInstanceOf(FeedSync.Outcome.Loaded.class);
    requested.clear();
    pauses.clear();
  }

  private List<String> mirrorListing() throws IOException {
    try (Stream<Path> files = Files.walk(home.resolve("mirror/nvd"))) {
      return files.map(p -> home.resolve("mirror/nvd").relativize(p).toString()).sorted().toList();
    }
  }

  private void assertStoreAndMirrorHoldTheThreePages(List<String> mirrorBefore) throws IOException {
    assertThat(db.advisoryStore().count("nvd")).isEqualTo(5);
    assertThat(db.feedVersionStore().current("nvd").orElseThrow().version()).isEqualTo(TIMESTAMP);
    assertThat(mirrorListing()).isEqualTo(mirrorBefore).containsExactly("", "pages", "pages/page-000000.json",
        "pages/page-000001.json", "pages/page-000002.json", "sync-state.json");
  }

  @Test
  void threePagesAreFetchedInOrderWithTheKeyAndPausesThenLoadedAsOneSnapshot() throws IOException {
    server.script(serve(pages.get(0)), serve(pages.get(1)), serve(pages.get(2)));
    var outcome = (FeedSync.Outcome.Loaded) sync.sync(nvd, n -> {});
    assertThat(outcome.update().added()).isEqualTo(5);
    assertThat(requested).containsExactly(
        "/rest/json/cves/2.0?startIndex=0&resultsPerPage=2",
        "/rest/json/cves/2.0?startIndex=2&resultsPerPage=2",
        "/rest/json/cves/2.0?startIndex=4&resultsPerPage=2");
    assertThat(server.requests()).allSatisfy(h ->
        assertThat(h.getFirst("apiKey")).isEqualTo("0a1b2c3d-0000-4000-8000-123456789abc"));
    assertThat(pauses).containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(6));
    assertThat(db.advisoryStore().record("nvd", "CVE-2023-4863")).isPresent();
    assertStoreAndMirrorHoldTheThreePages(mirrorListing());
  }

  @Test
  void aMiddlePageFailingAfterRetriesFailsTheWholeSyncAndChangesNothing() throws IOException {
    loadTheThreePages();
    List<String> before = mirrorListing();
    byte[] first = Files.readAllBytes(home.resolve("mirror/nvd/pages/page-000000.json"));
    ObjectNode changed = pages.get(0).deepCopy();
    changed.put("timestamp", "2026-11-28T09:00:00.000");
    server.script(serve(changed), LoopbackFeedServer.status(500));
    assertThat(sync.sync(nvd, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("startIndex=2", "HTTP 500", "attempt 2 of 2"));
    assertStoreAndMirrorHoldTheThreePages(before);
    assertThat(Files.readAllBytes(home.resolve("mirror/nvd/pages/page-000000.json"))).isEqualTo(first);
    assertThat(Files.readString(home.resolve("mirror/nvd/sync-state.json"))).contains("HTTP 500");
  }

  @Test
  void aPageCutOffInTransferIsRefusedAndChangesNothing() throws IOException {
    loadTheThreePages();
    List<String> before = mirrorListing();
    server.script(serve(pages.get(0)), LoopbackFeedServer.truncated(JSON.writeValueAsBytes(pages.get(1))));
    assertThat(sync.sync(nvd, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("startIndex=2", "body", "attempt 2 of 2"));
    assertStoreAndMirrorHoldTheThreePages(before);
  }

  @Test
  void aCompletePageWithACveMissingIsRefusedByTheCountAgainstTotalResults() throws IOException {
    loadTheThreePages();
    List<String> before = mirrorListing();
    ObjectNode short1 = pages.get(1).deepCopy();
    ((ArrayNode) short1.get("vulnerabilities")).remove(1);
    server.script(serve(pages.get(0)), serve(short1), serve(pages.get(2)));
    assertThat(sync.sync(nvd, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("startIndex=2", "holds 1 CVEs", "promise 2"));
    assertStoreAndMirrorHoldTheThreePages(before);
  }

  @Test
  void totalResultsChangingBetweenPagesFailsTheSync() throws IOException {
    ObjectNode grown = pages.get(1).deepCopy();
    grown.put("totalResults", 6);
    server.script(serve(pages.get(0)), serve(grown));
    assertThat(sync.sync(nvd, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("totalResults changed from 5 to 6"));
    assertThat(db.advisoryStore().count("nvd")).isZero();
    assertThat(mirrorListing()).containsExactly("", "sync-state.json");
  }
}
