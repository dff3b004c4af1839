package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.web.TestServer.Who;

/**
 * Findings pages served again from the server's page cache are the pages it would render now: an
 * upload, another team's scope and a policy change each show in the next page. Steps in order on
 * one server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FindingsPageCacheTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALL = "/api/v1/findings?size=500";
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir).loadDemoFeeds();
    var r = server.as(Who.ANALYST).upload("web-01", TestServer.demoInventory("web-01"), "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(Who who, String path) {
    var r = server.as(who).get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return r;
  }

  static List<String> assets(HttpResponse<String> r) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode item : JSON.readTree(r.body()).get("items")) {
      out.add(item.get("asset").asText());
    }
    return out;
  }

  @Test
  @Order(1)
  void aPageAskedTwiceIsServedFromTheCacheWithTheSameBody() {
    var first = get(Who.ADMIN, ALL);
    long hits = server.server().pageCache().hits();

    var again = get(Who.ADMIN, ALL);

    assertThat(server.server().pageCache().hits()).isEqualTo(hits + 1);
    assertThat(again.body()).isEqualTo(first.body());
  }

  @Test
  @Order(2)
  void anUploadShowsInTheNextPageOfACachedQuery() throws Exception {
    assertThat(assets(get(Who.ADMIN, ALL))).doesNotContain("web-02");

    var r = server.as(Who.ADMIN).upload("web-02", TestServer.demoInventory("web-02"), "&team=blue");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

    assertThat(assets(get(Who.ADMIN, ALL))).contains("web-01", "web-02");
  }

  @Test
  @Order(3)
  void aViewerDoesNotGetTheCachedPageOfSomeoneWhoSeesMoreTeams() throws Exception {
    assertThat(assets(get(Who.ADMIN, ALL))).contains("web-02");

    assertThat(assets(get(Who.VIEWER, ALL))).isNotEmpty().containsOnly("web-01");
    assertThat(assets(get(Who.OTHER_VIEWER, ALL))).isNotEmpty().containsOnly("web-02");
  }

  @Test
  @Order(4)
  void aPolicyChangeShowsInTheNextPageOfACachedQuery() throws Exception {
    String emergencies = "/api/v1/findings?size=500&tier=T0";
    get(Who.ADMIN, emergencies);
    int before = JSON.readTree(get(Who.ADMIN, emergencies).body()).get("total").asInt();
    // every finding with a fix is now an emergency
    Files.writeString(server.app().config().home().resolve("policy.yaml"), """
        version: 1
        name: everything-now
        ssvc_table: cisa:DT_CO:2.0.3
        assume:
          criticality: 2
          internet_facing: false
          environment: production
        tiers:
          - id: T0
            name: emergency
            window_days: 2
            when:
              fix_available: true
          - id: T4
            name: track
            window_days: 180
        """);

    JsonNode after = JSON.readTree(get(Who.ADMIN, emergencies).body());

    assertThat(after.get("total").asInt()).isGreaterThan(before);
    assertThat(after.get("items")).allSatisfy(f -> assertThat(f.get("tier").asText()).isEqualTo("T0"));
  }
}
