package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.web.TestServer.Who;
import org.patchwarden.formats.export.OfficialSchemas;

/** {@code GET /api/v1/export}: the CLI's exports over HTTP, valid against the official schemas and team-scoped. */
class ExportApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir).loadDemoFeeds();
    var up = server.as(Who.ANALYST).upload("web-01", TestServer.demoInventory("web-01"), "");
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eachFormatValidatesAgainstItsSchemaAndSaysItsContentType() throws Exception {
    var sarif = server.as(Who.VIEWER).get("/api/v1/export?format=sarif");
    assertThat(sarif.statusCode()).as(sarif.body()).isEqualTo(200);
    assertThat(sarif.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/sarif+json"));
    assertThat(OfficialSchemas.sarifErrors(sarif.body())).isEmpty();
    assertThat(JSON.readTree(sarif.body()).get("runs").get(0).get("results")).isNotEmpty();
    var cdx = server.as(Who.VIEWER).get("/api/v1/export?format=cyclonedx-vex&asset=web-01");
    assertThat(cdx.statusCode()).as(cdx.body()).isEqualTo(200);
    assertThat(OfficialSchemas.cycloneDxErrors(cdx.body())).isEmpty();
    var csaf = server.as(Who.ADMIN).get("/api/v1/export?format=csaf&kev=true");
    assertThat(csaf.statusCode()).as(csaf.body()).isEqualTo(200);
    assertThat(OfficialSchemas.csafErrors(csaf.body())).isEmpty();
    var json = server.as(Who.ANALYST).get("/api/v1/export?format=json&status=open");
    assertThat(OfficialSchemas.exportErrors(json.body())).isEmpty();
    var csv = server.as(Who.ANALYST).get("/api/v1/export?format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body().lines().count()).isEqualTo(JSON.readTree(server.as(Who.ANALYST)
        .get("/api/v1/export?format=json").body()).get("findings").size() + 1L);
  }

  @Test
  void anotherTeamExportsNoneOfTeamRedsFindingsAndCannotNameItsAsset() throws Exception {
    JsonNode other = JSON.readTree(server.as(Who.OTHER_VIEWER).get("/api/v1/export?format=json").body());
    assertThat(other.get("findings")).isEmpty();
    assertThat(server.as(Who.OTHER_VIEWER).get("/api/v1/export?format=json&asset=web-01").statusCode()).isEqualTo(404);
    assertThat(server.as(Who.ANONYMOUS).get("/api/v1/export?format=json").statusCode()).isEqualTo(401);
  }

  @Test
  void anUnknownFormatOrFilterIsABadRequest() {
    var pdf = server.as(Who.VIEWER).get("/api/v1/export?format=pdf");
    assertThat(pdf.statusCode()).isEqualTo(400);
    assertThat(pdf.body()).contains("expected one of json, csv, sarif, cyclonedx-vex, csaf");
    assertThat(server.as(Who.VIEWER).get("/api/v1/export?format=json&tier=T9").statusCode()).isEqualTo(400);
    assertThat(server.as(Who.VIEWER).get("/api/v1/export?format=json&kev=maybe").statusCode()).isEqualTo(400);
  }
}
