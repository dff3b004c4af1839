package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.web.TestServer.Who;

/**
 * The REST API end to end on the demo feeds: an analyst uploads a host, sees its findings, plans a
 * change that an approver approves; another team sees none of it. The steps run in order on one server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static TestServer server;
  static long changeId;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir).loadDemoFeeds();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(1)
  void anUploadedInventoryIsMatchedAtOnceAndARetryAddsNoRevision() {
    var first = server.as(Who.ANALYST).upload("web-01", TestServer.demoInventory("web-01"), "");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(json(first).get("findings").asInt()).isPositive();
    assertThat(json(first).get("revision").asInt()).isEqualTo(1);

    var retry = server.as(Who.ANALYST).upload("web-01", TestServer.demoInventory("web-01"), "");
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(json(retry).get("unchanged").asBoolean()).isTrue();
    assertThat(json(retry).get("revision").asInt()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void theNewAssetBelongsToTheUploadersTeamAndIsHiddenFromOtherTeams() {
    var mine = server.as(Who.VIEWER).get("/api/v1/assets/web-01");
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(json(mine).get("team").asText()).isEqualTo("red");
    assertThat(server.as(Who.OTHER_VIEWER).get("/api/v1/assets/web-01").statusCode()).isEqualTo(404);
    assertThat(json(server.as(Who.OTHER_VIEWER).get("/api/v1/assets"))).isEmpty();
    assertThat(json(server.as(Who.APPROVER).get("/api/v1/assets"))).hasSize(1);
  }

  @Test
  @Order(3)
  void anotherTeamsAnalystCannotUploadOverAnAssetItDoesNotSee() {
    var r = server.as(Who.OTHER_ANALYST).upload("web-01", TestServer.demoInventory("web-02"), "");
    assertThat(r.statusCode()).isEqualTo(404);
    var foreignTeam = server.as(Who.ANALYST).upload("web-02", TestServer.demoInventory("web-02"), "&team=blue");
    assertThat(foreignTeam.statusCode()).isEqualTo(400);
  }

  @Test
  @Order(4)
  void findingsArePagedFilteredAndScopedToTheCallersTeams() {
    JsonNode all = json(server.as(Who.VIEWER).get("/api/v1/findings?size=2"));
    int total = all.get("total").asInt();
    assertThat(total).isGreaterThan(2);
    assertThat(all.get("items")).hasSize(2);
    assertThat(all.get("items").get(0).get("rationale").asText()).isNotEmpty();
    JsonNode page2 = json(server.as(Who.VIEWER).get("/api/v1/findings?size=2&page=2"));
    assertThat(page2.get("items").get(0).get("finding_key").asText())
        .isNotEqualTo(all.get("items").get(0).get("finding_key").asText());

    String tier = all.get("items").get(0).get("tier").asText();
    JsonNode byTier = json(server.as(Who.VIEWER).get("/api/v1/findings?size=500&tier=" + tier));
    assertThat(byTier.get("items")).allSatisfy(f -> assertThat(f.get("tier").asText()).isEqualTo(tier));
    JsonNode kev = json(server.as(Who.VIEWER).get("/api/v1/findings?size=500&kev=true"));
    JsonNode notKev = json(server.as(Who.VIEWER).get("/api/v1/findings?size=500&kev=false"));
    assertThat(kev.get("total").asInt() + notKev.get("total").asInt()).isEqualTo(total);
    assertThat(json(server.as(Who.VIEWER).get("/api/v1/findings?team=blue")).get("total").asInt()).isZero();

    assertThat(json(server.as(Who.OTHER_VIEWER).get("/api/v1/findings")).get("total").asInt()).isZero();
    assertThat(json(server.as(Who.ADMIN).get("/api/v1/findings")).get("total").asInt()).isEqualTo(total);
  }

  @Test
  @Order(5)
  void badQueryParametersAreRefusedWithAProblemDocument() {
    var r = server.as(Who.VIEWER).get("/api/v1/findings?size=100000");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("detail").asText()).contains("page size");
    assertThat(server.as(Who.VIEWER).get("/api/v1/findings?status=nope").statusCode()).isEqualTo(400);
    assertThat(server.as(Who.VIEWER).get("/api/v1/findings?sort=nope").statusCode()).isEqualTo(400);
  }

  @Test
  @Order(6)
  void assessmentsCarryTheirRationaleAndSignals() {
    JsonNode page = json(server.as(Who.VIEWER).get("/api/v1/assessments?size=1"));
    JsonNode a = page.get("items").get(0);
    assertThat(a.get("rationale").asText()).isNotEmpty();
    assertThat(a.has("signals")).isTrue();
    String cve = a.get("cve_ids").get(0).asText();
    var advisory = server.as(Who.VIEWER).get("/api/v1/advisories/" + cve);
    assertThat(advisory.statusCode()).as(advisory.body()).isEqualTo(200);
    assertThat(server.as(Who.VIEWER).get("/api/v1/advisories/CVE-1999-99999").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(7)
  void anAnalystPlansAChangeThatOnlyAnApproverMayApprove() {
    var plan = server.as(Who.ANALYST).postJson("/api/v1/changes", "{\"assets\":[\"web-01\"],\"title\":\"patch web-01\"}");
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
    changeId = json(plan).get("id").asLong();
    assertThat(json(plan).get("planned_by").asText()).isEqualTo("analyst");

    assertThat(server.as(Who.ANALYST).post("/api/v1/changes/" + changeId + "/approve", "application/json", "")
        .statusCode()).isEqualTo(403);
    var approved = server.as(Who.APPROVER).post("/api/v1/changes/" + changeId + "/approve", "application/json", "");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).get("approvals").get(0).get("by").asText()).isEqualTo("approver");
  }

  @Test
  @Order(8)
  void anUnknownChangeIsNotFound() {
    assertThat(server.as(Who.APPROVER).post("/api/v1/changes/999999/approve", "application/json", "").statusCode())
        .isEqualTo(404);
    assertThat(server.as(Who.APPROVER).get("/api/v1/changes/nope").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(9)
  void anotherTeamSeesNeitherTheChangeNorItsAudit() {
    assertThat(json(server.as(Who.OTHER_VIEWER).get("/api/v1/changes"))).isEmpty();
    assertThat(server.as(Who.OTHER_VIEWER).get("/api/v1/changes/" + changeId).statusCode()).isEqualTo(404);
    assertThat(server.as(Who.OTHER_ANALYST).post("/api/v1/changes/" + changeId + "/apply", "application/json", "")
        .statusCode()).isEqualTo(404);
    assertThat(json(server.as(Who.VIEWER).get("/api/v1/changes"))).hasSize(1);
    assertThat(json(server.as(Who.VIEWER).get("/api/v1/changes/" + changeId + "/audit"))).isNotEmpty();
  }

  @Test
  @Order(10)
  void applyingThenReUploadingTheUpgradedHostVerifiesTheChangeOnUpload() {
    var applied = server.as(Who.ANALYST).post("/api/v1/changes/" + changeId + "/apply", "application/json", "");
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(json(applied).get("state").asText()).isEqualTo("applied");
    // The same inventory again: nothing was upgraded, so verification fails the change on upload.
    var upload = server.as(Who.ANALYST).upload("web-01", TestServer.demoInventory("web-01"), "");
    assertThat(json(upload).get("verified_changes")).isNotEmpty();
    var after = json(server.as(Who.VIEWER).get("/api/v1/changes/" + changeId));
    assertThat(after.get("state").asText()).isEqualTo("verification-failed");
    var approveAgain = server.as(Who.APPROVER).post("/api/v1/changes/" + changeId + "/approve", "application/json", "");
    assertThat(approveAgain.statusCode()).as("approving a failed change").isEqualTo(409);
  }

  @Test
  @Order(11)
  void riskAcceptancesAndMarksNeedTheRightRoleAndTeam() {
    String key = json(server.as(Who.VIEWER).get("/api/v1/findings?size=1&status=open")).get("items").get(0)
        .get("finding_key").asText();
    String body = "{\"finding\":\"" + key + "\",\"reason\":\"compensating control\",\"until\":\"2027-06-01\"}";
    assertThat(server.as(Who.ANALYST).postJson("/api/v1/risk-acceptances", body).statusCode()).isEqualTo(403);
    var accepted = server.as(Who.APPROVER).postJson("/api/v1/risk-acceptances", body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    assertThat(json(server.as(Who.VIEWER).get("/api/v1/risk-acceptances"))).hasSize(1);
    assertThat(json(server.as(Who.OTHER_VIEWER).get("/api/v1/risk-acceptances"))).isEmpty();

    String mark = "{\"finding\":\"" + key + "\",\"action\":\"not-affected\",\"reason\":\"not loaded\"}";
    assertThat(server.as(Who.OTHER_ANALYST).postJson("/api/v1/findings/marks", mark).statusCode()).isEqualTo(404);
    var marked = server.as(Who.ANALYST).postJson("/api/v1/findings/marks", mark);
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
  }

  @Test
  @Order(12)
  void feedsAndMetricsAreReadable() {
    JsonNode feeds = json(server.as(Who.VIEWER).get("/api/v1/feeds"));
    assertThat(feeds).isNotEmpty();
    assertThat(feeds.get(0).has("age_seconds")).isTrue();
    var metrics = server.as(Who.VIEWER).get("/api/v1/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(json(metrics).has("pass_rate")).isTrue();
  }

  @Test
  @Order(13)
  void aMalformedJsonBodyIsA400WithoutAStackTrace() {
    var r = server.as(Who.ANALYST).postJson("/api/v1/changes", "{not json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).doesNotContain("at org.", "at com.", "Exception:");
  }
}
