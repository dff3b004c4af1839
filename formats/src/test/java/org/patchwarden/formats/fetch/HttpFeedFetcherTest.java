package org.patchwarden.formats.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFeedFetcherTest {
  private static final byte[] BODY = "{\"catalogVersion\":\"2025.08.25\",\"vulnerabilities\":[]}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private LoopbackFeedServer server;
  private final List<Duration> sleeps = new ArrayList<>();
  private HttpFeedFetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    server = new LoopbackFeedServer();
    fetcher = fetcher(new FetchPolicy(1 << 20, 3, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)));
  }

  private HttpFeedFetcher fetcher(FetchPolicy policy) {
    return new HttpFeedFetcher(policy, sleeps::add, "patchwarden-test");
  }

  @AfterEach
  void stop() {
    fetcher.close();
    server.close();
  }

  private FetchResult fetch(Validators v) {
    return fetcher.fetch(server.url("/kev.json"), v, dir, n -> {});
  }

  @Test
  void downloadsTheBodyToAFileWithItsValidators() throws IOException {
    server.script(LoopbackFeedServer.ok(BODY, "\"v1\""));
    var result = (FetchResult.Downloaded) fetch(Validators.none());
    assertThat(Files.readAllBytes(result.file())).isEqualTo(BODY);
    assertThat(result.bytes()).isEqualTo(BODY.length);
    assertThat(result.validators()).isEqualTo(new Validators("\"v1\"", "Mon, 25 Aug 2025 17:04:19 GMT"));
    assertThat(server.requests().get(0).getFirst("User-Agent")).isEqualTo("patchwarden-test");
  }

  @Test
  void sendsThePreviousValidatorsAndReportsNotModified() {
    server.script(LoopbackFeedServer.conditional(BODY, "\"v1\""));
    var result = fetch(new Validators("\"v1\"", "Mon, 25 Aug 2025 17:04:19 GMT"));
    assertThat(result).isInstanceOf(FetchResult.NotModified.class);
    assertThat(server.requests().get(0).getFirst("If-Modified-Since")).isEqualTo("Mon, 25 Aug 2025 17:04:19 GMT");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void retriesServerErrorsWithDoublingBackoff() {
    server.script(LoopbackFeedServer.status(500), LoopbackFeedServer.status(503), LoopbackFeedServer.ok(BODY, null));
    assertThat(fetch(Validators.none())).isInstanceOf(FetchResult.Downloaded.class);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void givesUpAfterTheLastAttemptNamingTheUrlAndStatus() {
    server.script(LoopbackFeedServer.status(500));
    assertThatThrownBy(() -> fetch(Validators.none()))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining(server.url("/kev.json"))
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("attempt 3 of 3");
    assertThat(server.requests()).hasSize(3);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void doesNotRetryANotFound() {
    server.script(LoopbackFeedServer.status(404));
    assertThatThrownBy(() -> fetch(Validators.none())).hasMessageContaining("HTTP 404 (not retried)");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void aTruncatedBodyIsRetriedAndThenRefused() {
    server.script(LoopbackFeedServer.truncated(BODY));
    assertThatThrownBy(() -> fetch(Validators.none()))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("attempt 3 of 3");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aTricklingServerIsCutOffAtTheDeadline() {
    fetcher.close();
    fetcher = fetcher(new FetchPolicy(1 << 20, 1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(700)));
    server.script(LoopbackFeedServer.slow(BODY, 500));
    assertThatThrownBy(() -> fetch(Validators.none()))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("cut off");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aBodyDeclaredOverTheCapIsRefusedBeforeReading() {
    fetcher.close();
    fetcher = fetcher(new FetchPolicy(10, 1, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    server.script(LoopbackFeedServer.ok(BODY, null));
    assertThatThrownBy(() -> fetch(Validators.none())).hasMessageContaining("exceeds the cap of 10 bytes");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aGzipBombIsRefusedAtTheCapAfterDecompression() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      byte[] zeros = new byte[1 << 16];
      for (int i = 0; i < 64; i++) { // 4 MiB of zeros, a few kB on the wire
        gz.write(zeros);
      }
    }
    assertThat(compressed.size()).isLessThan(1 << 16);
    server.script(LoopbackFeedServer.gzip(compressed.toByteArray()));
    assertThatThrownBy(() -> fetch(Validators.none()))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("exceeds the cap of 1048576 bytes (after decompression)");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aGzipEncodedBodyIsStoredDecompressed() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
      gz.write(BODY);
    }
    server.script(LoopbackFeedServer.gzip(compressed.toByteArray()));
    var result = (FetchResult.Downloaded) fetch(Validators.none());
    assertThat(Files.readAllBytes(result.file())).isEqualTo(BODY);
  }

  @Test
  void anInvalidUrlIsNamed() {
    assertThatThrownBy(() -> fetcher.fetch("ht tp://bad", Validators.none(), dir, n -> {}))
        .hasMessageContaining("invalid URL 'ht tp://bad'");
  }
}
