package org.patchwarden.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
 * SSVC sync of a repository zip against a real HTTP server on loopback. The zip is built here the
 * way GitHub lays out {@code archive/refs/heads/main.zip} (everything under {@code SSVC-main/}),
 * from the real SSVC JSON shipped as demo data ({@code src/main/resources/demo/feeds/ssvc/json}),
 * plus files outside the data subtrees that must not be extracted.
 */
class SsvcZipSyncTest {
  private static final Path DEMO = Path.of("src/main/resources/demo/feeds/ssvc/json");
  private static final String ETAG = "\"ssvc-main\"";

  @TempDir Path home;
  private LoopbackFeedServer server;
  private Database db;
  private FeedSync sync;
  private Upstream ssvc;
  private byte[] archive;
  private List<String> dataFiles;

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
        NvdPaging.defaults(null), d -> {}, new ZipLimits(500, 256 << 10, 4 << 20));
    ssvc = new Upstream("ssvc", FeedKind.SSVC, "ssvc", Upstream.Layout.ZIP_TREE,
        server.url("/CERTCC/SSVC/archive/refs/heads/main.zip"), "data", true, 180);
    try (Stream<Path> files = Files.walk(DEMO)) {
      dataFiles = files.filter(Files::isRegularFile).map(p -> DEMO.relativize(p).toString().replace('\\', '/'))
          .sorted().toList();
    }
    archive = zip(new ZipWriter() {
      @Override
      public void write(ZipOutputStream zip) throws IOException {
        entry(zip, "SSVC-main/", null);
        entry(zip, "SSVC-main/README.md", "# SSVC\n".getBytes());
        entry(zip, "SSVC-main/data/schema/v2/DecisionPoint_2_0_0.schema.json", "{}".getBytes());
        entry(zip, "SSVC-main/data/json/", null);
        for (String file : dataFiles) {
          entry(zip, "SSVC-main/data/json/" + file, Files.readAllBytes(DEMO.resolve(file)));
        }
        entry(zip, "SSVC-main/src/ssvc/decision_points/example.json", "not json".getBytes());
      }
    });
  }

  @AfterEach
  void tearDown() {
    sync.close();
    db.close();
    server.close();
  }

  @FunctionalInterface
  private interface ZipWriter {
    void write(ZipOutputStream zip) throws IOException;
  }

  private static byte[] zip(ZipWriter writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      writer.write(zip);
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] body) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    if (body != null) {
      zip.write(body);
    }
    zip.closeEntry();
  }

  private List<String> mirrorListing() throws IOException {
    try (Stream<Path> files = Files.walk(home.resolve("mirror/ssvc"))) {
      return files.filter(Files::isRegularFile)
          .map(p -> home.resolve("mirror/ssvc").relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  private void loadTheArchive() {
    server.script(LoopbackFeedServer.ok(archive, ETAG));
    assertThat(sync.sync(ssvc, n -> {})).isInstanceOf(FeedSync.Outcome.Loaded.class);
  }

  private void assertStoreAndMirrorHoldTheArchive(int objects) throws IOException {
    assertThat(db.ssvcStore().count()).isEqualTo(objects);
    assertThat(mirrorListing()).containsExactlyElementsOf(Stream.concat(
        dataFiles.stream().map(f -> "data/" + f), Stream.of("sync-state.json")).sorted().toList());
  }

  @Test
  void theDataSubtreesAreExtractedLoadedAndMirroredAndNothingElse() throws IOException {
    server.script(LoopbackFeedServer.ok(archive, ETAG));
    var outcome = (FeedSync.Outcome.Loaded) sync.sync(ssvc, n -> {});
    assertThat(outcome.update().added()).isPositive();
    assertThat(db.ssvcStore().count()).isEqualTo(outcome.update().added());
    assertThat(dataFiles).anyMatch(f -> f.startsWith("decision_points/")).anyMatch(f -> f.startsWith("decision_tables/"));
    assertStoreAndMirrorHoldTheArchive(outcome.update().added());
    assertThat(Files.readString(home.resolve("mirror/ssvc/sync-state.json"))).contains("ssvc-main");
  }

  @Test
  void a304KeepsEverything() throws IOException {
    loadTheArchive();
    int objects = db.ssvcStore().count();
    server.script(LoopbackFeedServer.conditional(archive, ETAG));
    assertThat(sync.sync(ssvc, n -> {})).isInstanceOf(FeedSync.Outcome.NotModified.class);
    assertThat(server.requests().get(0).getFirst("If-None-Match")).isEqualTo(ETAG);
    assertStoreAndMirrorHoldTheArchive(objects);
  }

  @Test
  void anArchiveWithAnEntryClimbingOutIsRefusedAndChangesNothing() throws IOException {
    loadTheArchive();
    int objects = db.ssvcStore().count();
    byte[] evil = zip(zip -> {
      entry(zip, "SSVC-main/data/json/decision_points/ssvc/automatable_2_0_0.json",
          Files.readAllBytes(DEMO.resolve("decision_points/ssvc/automatable_2_0_0.json")));
      entry(zip, "SSVC-main/data/json/decision_points/../../../../../../evil.json", "{}".getBytes());
    });
    server.script(LoopbackFeedServer.ok(evil, "\"evil\""));
    assertThat(sync.sync(ssvc, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("unsafe entry name", "../"));
    assertStoreAndMirrorHoldTheArchive(objects);
    assertThat(home.resolve("evil.json")).doesNotExist();
    assertThat(home.resolve("mirror/evil.json")).doesNotExist();
  }

  @Test
  void anAbsoluteEntryNameIsRefused() throws IOException {
    byte[] evil = zip(zip -> entry(zip, "/etc/SSVC-main/data/json/decision_points/x.json", "{}".getBytes()));
    server.script(LoopbackFeedServer.ok(evil, null));
    assertThat(sync.sync(ssvc, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("unsafe entry name"));
    assertThat(db.ssvcStore().count()).isZero();
    assertThat(mirrorListing()).containsExactly("sync-state.json");
  }

  @Test
  void anEntryInflatingOverTheCapIsRefusedAndChangesNothing() throws IOException {
    loadTheArchive();
    int objects = db.ssvcStore().count();
    byte[] bomb = zip(zip -> entry(zip, "SSVC-main/data/json/decision_points/ssvc/huge.json", new byte[1 << 20]));
    assertThat(bomb.length).isLessThan(16 << 10); // small on the wire, 1 MiB inflated, cap 256 KiB
    server.script(LoopbackFeedServer.ok(bomb, "\"bomb\""));
    assertThat(sync.sync(ssvc, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("huge.json", "exceeds the cap of 262144 bytes"));
    assertStoreAndMirrorHoldTheArchive(objects);
  }

  @Test
  void anArchiveWithTooManyEntriesIsRefused() throws IOException {
    byte[] many = zip(zip -> {
      for (int i = 0; i <= 500; i++) {
        entry(zip, "SSVC-main/docs/page-" + i + ".md", new byte[0]);
      }
    });
    server.script(LoopbackFeedServer.ok(many, null));
    assertThat(sync.sync(ssvc, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("more than 500 entries"));
    assertThat(mirrorListing()).containsExactly("sync-state.json");
  }

  @Test
  void anArchiveWithoutTheDataSubtreesIsRefused() throws IOException {
    server.script(LoopbackFeedServer.ok(zip(zip -> entry(zip, "other-main/README.md", "hi".getBytes())), null));
    assertThat(sync.sync(ssvc, n -> {})).isInstanceOfSatisfying(FeedSync.Outcome.Failed.class,
        f -> assertThat(f.reason()).contains("holds no files under */data/json/decision_points/"));
    assertThat(mirrorListing()).containsExactly("sync-state.json");
  }
}
