package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.collect.HostFiles;

/**
 * The collector agent against a real HTTP server on loopback (the JDK's), which answers as scripted:
 * what it sends, how it retries and how it reports refusals.
 */
class CollectCommandTest {
  @TempDir Path home;
  private HttpServer server;
  private final List<Integer> script = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private Path root;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/inventories", ex -> {
      int n = calls.getAndIncrement();
      requests.add(Map.of("method", ex.getRequestMethod(),
          "auth", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")),
          "key", String.valueOf(ex.getRequestHeaders().getFirst("Idempotency-Key")),
          "type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")),
          "query", String.valueOf(ex.getRequestURI().getRawQuery())));
      bodies.add(ex.getRequestBody().readAllBytes());
      int status = n < script.size() ? script.get(n) : 201;
      byte[] answer = (status < 300 ? "{\"asset\":\"agent-01\",\"revision\":1,\"unchanged\":false,\"findings\":3,"
          + "\"opened\":3,\"closed\":0,\"verified_changes\":[]}"
          : "{\"type\":\"about:blank\",\"title\":\"error\",\"status\":" + status + ",\"detail\":\"scripted " + status + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, answer.length);
      ex.getResponseBody().write(answer);
      ex.close();
    });
    server.start();
    root = home.resolve("host");
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
    Files.writeString(root.resolve("var/lib/dpkg/status"), """
        Package: openssl
        Status: install ok installed
        Architecture: amd64
        Version: 3.0.11-1~deb12u2

        Package: curl
        Status: install ok installed
        Architecture: amd64
        Version: 7.88.1-10+deb12u5
        """);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private CommandLineRunner.Result collect(String... extra) {
    List<String> args = new ArrayList<>(List.of("--home", home.resolve("data").toString(), "collect",
        "--server", "http://127.0.0.1:" + server.getAddress().getPort(), "--root", root.toString(),
        "--asset", "agent-01", "--attempts", "3", "--retry-pause", "10"));
    args.addAll(List.of(extra));
    return CommandLineRunner.run(Map.of("PATCHWARDEN_TOKEN", "pw_test_token"), "", args.toArray(String[]::new));
  }

  @Test
  void collectUploadsThisHostsInventoryWithTheTokenAndAContentHashKey() {
    var r = collect();

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("agent-01: uploaded 2 packages").contains("revision 1, 3 findings: 3 new");
    assertThat(requests).singleElement().satisfies(q -> {
      assertThat(q.get("method")).isEqualTo("POST");
      assertThat(q.get("auth")).isEqualTo("Bearer pw_test_token");
      assertThat(q.get("key")).isEqualTo(HostFiles.of(root).idempotencyKey("agent-01")).startsWith("sha256:");
      assertThat(q.get("type")).startsWith("multipart/form-data; boundary=");
      assertThat(q.get("query")).isEqualTo("asset=agent-01");
    });
    String sent = new String(bodies.get(0), StandardCharsets.UTF_8);
    assertThat(sent).contains("filename=\"os-release\"", "VERSION_CODENAME=bookworm", "filename=\"status\"",
        "Package: openssl");
    assertThat(Files.exists(home.resolve("data/patchwarden.db"))).as("the agent keeps no database").isFalse();
  }

  @Test
  void theSameInventoryUploadedTwiceCarriesTheSameIdempotencyKey() {
    collect();
    collect();
    assertThat(requests).extracting(q -> q.get("key")).hasSize(2).containsOnly(requests.get(0).get("key"));
  }

  @Test
  void aChangedHostGetsANewKey() throws IOException {
    collect();
    Files.writeString(root.resolve("var/lib/dpkg/status"), "Package: curl\nStatus: install ok installed\n"
        + "Architecture: amd64\nVersion: 7.88.1-10+deb12u12\n");
    collect();
    assertThat(requests.get(1).get("key")).isNotEqualTo(requests.get(0).get("key"));
  }

  @Test
  void aServerErrorIsRetriedWithTheSameKeyUntilTheServerAnswers() {
    script.addAll(List.of(503, 500));

    var r = collect();

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("after 3 attempts");
    assertThat(requests).extracting(q -> q.get("key")).hasSize(3).containsOnly(requests.get(0).get("key"));
  }

  @Test
  void aServerThatKeepsFailingEndsWithExitCode1NamingTheLastAnswer() {
    script.addAll(List.of(503, 503, 502));

    var r = collect();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("failed after 3 attempt(s)").contains("HTTP 502: scripted 502");
  }

  @Test
  void aRefusedTokenIsNotRetriedAndExitsWith2() {
    script.add(401);

    var r = collect();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("refused the token (401 Unauthorized)");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aForbiddenUploadNamesTheMissingRight() {
    script.add(403);

    var r = collect();

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("403 Forbidden").contains("scripted 403");
  }

  @Test
  void anUnreachableServerIsReportedAfterTheRetries() throws IOException {
    int port;
    try (var s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var r = CommandLineRunner.run(Map.of("PATCHWARDEN_TOKEN", "t"), "", "--home", home.resolve("data").toString(),
        "collect", "--server", "http://127.0.0.1:" + port, "--root", root.toString(), "--attempts", "1");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("cannot connect");
  }

  @Test
  void withoutATokenCollectRefusesToStart() {
    var r = CommandLineRunner.run(Map.of(), "", "--home", home.resolve("data").toString(), "collect",
        "--server", "http://127.0.0.1:1", "--root", root.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no API token");
  }
}
