package org.patchwarden.app.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.Main;
import org.patchwarden.app.cli.Terminal;
import org.patchwarden.app.web.TestServer;
import org.patchwarden.app.web.TestServer.Who;

/** Health, readiness, metrics and the collector agent against one real server (SQLite, demo feeds). */
class OpsRoutesTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir).loadDemoFeeds();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthAndReadyAnswerWithoutSignInAndReadyNamesTheSchema() {
    var health = server.as(Who.ANONYMOUS).get("/health");
    var ready = server.as(Who.ANONYMOUS).get("/ready");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"up\"");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"ready\"", "\"database\":\"reachable\"");
  }

  @Test
  void metricsShowRequestLatencyPerRouteTemplateFeedAgeAndOpenFindings() {
    server.as(Who.ADMIN).get("/api/v1/assets");
    server.as(Who.ADMIN).get("/api/v1/assets/no-such-asset");

    var metrics = server.as(Who.ANONYMOUS).get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("patchwarden_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/assets\",status=\"200\"}")
        .contains("route=\"/api/v1/assets/{name}\"")
        .doesNotContain("no-such-asset")
        .contains("patchwarden_feed_age_seconds{source=\"cisa-kev\"}")
        .contains("patchwarden_open_findings");
  }

  @Test
  void collectUploadsAHostAndARetryWithTheSameKeyIsAnsweredWithoutANewRecord() throws Exception {
    Path root = dir.resolve("host");
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Map<String, byte[]> files = TestServer.demoInventory("web-01");
    Files.write(root.resolve("etc/os-release"), files.get("os-release"));
    Files.write(root.resolve("var/lib/dpkg/status"), files.get("status"));

    String first = collect(root);
    String second = collect(root);

    assertThat(first).contains("agent-web-01: uploaded").contains("revision 1").doesNotContain("already received");
    assertThat(second).contains("already received: the first answer is repeated").contains("revision 1");
    assertThat(server.app().inventoryHistory().history("agent-web-01")).hasSize(1);
    assertThat(server.as(Who.ADMIN).get("/metrics").body()).contains("patchwarden_match_duration_seconds_count");
  }

  private static String collect(Path root) {
    StringWriter out = new StringWriter();
    int code = Main.run(new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(out),
        Map.of("PATCHWARDEN_TOKEN", server.token(Who.ANALYST))), "--home", dir.resolve("agent-home").toString(),
        "collect", "--server", server.uri("/").toString(), "--root", root.toString(), "--asset", "agent-web-01");
    assertThat(code).as(out.toString()).isZero();
    return out.toString();
  }
}
