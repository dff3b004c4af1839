package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.web.TestServer.Who;
import org.patchwarden.usecase.SummarizeFindings;

/** {@code GET /api/v1/overview}: the dashboard overview's numbers, as the use case computes them for the caller's teams. */
class OverviewApiTest {
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

  private static JsonNode overview(Who who, String query) {
    var r = server.as(who).get("/api/v1/overview" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ApiTest.json(r);
  }

  @Test
  void aTeamMemberGetsTheNumbersTheUseCaseComputesForThem() {
    JsonNode o = overview(Who.VIEWER, "");
    var user = server.app().manageUsers().list().stream()
        .filter(u -> u.name().equals(Who.VIEWER.userName())).findFirst().orElseThrow();
    SummarizeFindings.Overview expected = new SummarizeFindings(server.app().assessFindings(null), server.app().clock())
        .summarize(user, 90);

    assertThat(o.get("open").asInt()).isPositive().isEqualTo(expected.open());
    assertThat(o.get("kev_open").asInt()).isEqualTo(expected.kevOpen());
    assertThat(o.get("kev_assets").asInt()).isEqualTo(expected.kevAssets());
    assertThat(o.get("overdue").asInt()).isEqualTo(expected.overdue());
    assertThat(o.get("by_tier")).extracting(t -> t.get("tier").asText())
        .containsExactlyElementsOf(expected.byTier().stream().map(SummarizeFindings.TierCount::tier).toList());
    assertThat(o.get("by_tier")).extracting(t -> t.get("open").asInt())
        .containsExactlyElementsOf(expected.byTier().stream().map(SummarizeFindings.TierCount::open).toList());
    assertThat(o.get("trend")).hasSize(90);
    assertThat(o.get("trend").get(89).get("day").asText()).isEqualTo(o.get("today").asText());
    assertThat(o.get("trend").get(89).get("open").asInt()).isEqualTo(expected.open());
  }

  @Test
  void anotherTeamSeesNoneOfTeamRedsFindingsAndAnAdminSeesThemAll() {
    assertThat(overview(Who.OTHER_VIEWER, "").get("open").asInt()).isZero();
    assertThat(overview(Who.ADMIN, "").get("open").asInt()).isEqualTo(overview(Who.ANALYST, "").get("open").asInt());
    assertThat(server.as(Who.ANONYMOUS).get("/api/v1/overview").statusCode()).isEqualTo(401);
  }

  @Test
  void theTrendCoversTheDaysAskedForAndAnImpossibleNumberIsABadRequest() {
    assertThat(overview(Who.VIEWER, "?days=7").get("trend")).hasSize(7);
    for (String bad : new String[] {"0", "3661", "week"}) {
      var r = server.as(Who.VIEWER).get("/api/v1/overview?days=" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.body()).contains("days='" + bad + "'", "1 to 3660");
    }
  }
}
