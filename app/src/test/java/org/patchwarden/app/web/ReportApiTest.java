package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.Main;
import org.patchwarden.app.cli.Terminal;
import org.patchwarden.app.web.TestServer.Who;
import org.patchwarden.inventory.Asset;

/**
 * {@code GET /api/v1/report} over the demo fleet (web-01, web-02 and staging-web-01 of team red, the
 * rest of blue): the figures {@code patchwarden report --json} writes, limited to the caller's teams.
 */
class ReportApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> RED = Set.of("web-01", "web-02", "staging-web-01");
  private static final String PERIOD = "from=2026-10-01&to=2026-11-01";
  @TempDir static Path dir;
  static TestServer server;
  static Path home;

  @BeforeAll
  static void startOnTheDemo() throws IOException {
    StringWriter err = new StringWriter();
    int code = Main.run(new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of("PATCHWARDEN_HOME", dir.resolve("demo-parent").toString())),
        Clock.fixed(Instant.parse("2026-11-01T08:00:00Z"), ZoneOffset.UTC), "demo");
    assertThat(code).as(err.toString()).isZero();
    home = Files.createDirectories(dir.resolve("server"));
    Files.copy(dir.resolve("demo-parent/demo/patchwarden.db"), home.resolve("patchwarden.db"));
    server = TestServer.sqlite(home);
    var contexts = server.app().assetContexts();
    for (Asset a : contexts.list()) {
      contexts.state(new Asset(a.name(), a.kind(), null, RED.contains(a.name()) ? "red" : "blue", null, null, Set.of()));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** {@code patchwarden report --json} on the server's home, with {@code options}; the JSON it wrote. */
  private static JsonNode cli(String name, String... options) throws IOException {
    Path out = dir.resolve(name + ".json");
    String[] args = new String[options.length + 7];
    System.arraycopy(new String[] {"report", "--json", out.toString(), "--from", "2026-10-01", "--to", "2026-11-01"},
        0, args, 0, 7);
    System.arraycopy(options, 0, args, 7, options.length);
    StringWriter err = new StringWriter();
    int code = Main.run(new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of("PATCHWARDEN_HOME", home.toString())), Clock.systemUTC(), args);
    assertThat(code).as(err.toString()).isZero();
    return JSON.readTree(out.toFile());
  }

  private static JsonNode api(Who who, String query) throws IOException {
    HttpResponse<String> r = server.as(who).get("/api/v1/report?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  @Test
  void theJsonReportOfAnAdminHasTheNumbersTheCliWrites() throws IOException {
    JsonNode api = api(Who.ADMIN, PERIOD + "&format=json");

    assertThat(api.at("/summary/open_findings").asInt()).isPositive();
    assertThat(api.at("/summary/kev_open").asInt()).isPositive();
    assertThat(api).isEqualTo(cli("all"));
  }

  @Test
  void aTeamMemberGetsTheReportOfTheirTeamAsTheCliGivesForThatTeam() throws IOException {
    JsonNode all = api(Who.ADMIN, PERIOD);
    JsonNode red = api(Who.VIEWER, PERIOD);
    JsonNode blue = api(Who.OTHER_VIEWER, PERIOD);

    assertThat(red).isEqualTo(cli("red", "--team", "red"));
    assertThat(red.at("/summary/open_findings").asInt()).isPositive()
        .isLessThan(all.at("/summary/open_findings").asInt());
    assertThat(red.at("/summary/open_findings").asInt() + blue.at("/summary/open_findings").asInt())
        .isEqualTo(all.at("/summary/open_findings").asInt());
    assertThat(red.get("by_team")).extracting(t -> t.get("team").asText()).containsOnly("red");
    assertThat(api(Who.OTHER_VIEWER, PERIOD + "&team=red").at("/summary/open_findings").asInt()).isZero();
    assertThat(api(Who.ADMIN, PERIOD + "&team=RED")).isEqualTo(red);
  }

  @Test
  void thePdfIsAPdfAndTheHtmlIsTheReportPage() throws Exception {
    var pdf = server.http().send(server.request(Who.ANALYST, "/api/v1/report?format=pdf&" + PERIOD).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

    var html = server.as(Who.ANALYST).get("/api/v1/report?format=HTML&" + PERIOD);
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(html.body()).contains("data-figure=\"open-findings\"", "<svg", "2026-10-01");
  }

  @Test
  void aBadDateAPeriodEndingBeforeItStartsOrAnUnknownFormatIsABadRequestNamingTheParameter() {
    assertThat(problem("from=2026-13-01")).contains("from='2026-13-01'").contains("YYYY-MM-DD");
    assertThat(problem("to=yesterday")).contains("to='yesterday'");
    assertThat(problem("from=2026-11-02&to=2026-11-01")).contains("from='2026-11-02'").contains("to is before from");
    assertThat(problem("from=2999-01-01")).contains("from='2999-01-01'");
    assertThat(problem("format=docx")).contains("format='docx'").contains("html, pdf, json");
    assertThat(server.as(Who.ANONYMOUS).get("/api/v1/report").statusCode()).isEqualTo(401);
  }

  private static String problem(String query) {
    HttpResponse<String> r = server.as(Who.VIEWER).get("/api/v1/report?" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    return r.body();
  }
}
