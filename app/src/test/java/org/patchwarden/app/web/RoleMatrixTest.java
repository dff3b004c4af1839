package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.access.Role;
import org.patchwarden.app.web.TestServer.Who;

/**
 * Every registered route called as every role, as another team's member and as nobody. The table
 * below says, by hand, which roles each route allows and whether it names a team's own thing (an
 * asset, a change, a finding of team red); the test fails when a route is missing from it.
 *
 * <p>Outcomes: nobody signed in gets 401 (except public routes); a role not allowed gets 403; a
 * member of another team (blue) calling an allowed route on red's asset, change or finding gets
 * 404, as if it did not exist (so names cannot be probed); lists answer 200 with only what the
 * caller's teams own. No route answers 5xx to anyone.
 */
class RoleMatrixTest {
  private static final Set<Role> ALL = EnumSet.allOf(Role.class);
  private static final Set<Role> ANALYZE = EnumSet.of(Role.ADMIN, Role.ANALYST);
  private static final Set<Role> APPROVE = EnumSet.of(Role.ADMIN, Role.APPROVER);
  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

  /** One route's expectation: the roles allowed (null: public), and whether it names one of team red's things. */
  record Expect(Set<Role> roles, boolean namesRedThing) {}

  private static final Map<String, Expect> MATRIX = new LinkedHashMap<>();

  static {
    MATRIX.put("POST /api/v1/session", new Expect(null, false));
    MATRIX.put("GET /api/v1/session", new Expect(ALL, false));
    MATRIX.put("POST /api/v1/session/logout", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/openapi.json", new Expect(null, false));
    MATRIX.put("GET /metrics", new Expect(null, false));
    MATRIX.put("GET /health", new Expect(null, false));
    MATRIX.put("GET /ready", new Expect(null, false));
    MATRIX.put("GET /api/v1/assets", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/assets/{name}", new Expect(ALL, true));
    MATRIX.put("GET /api/v1/assets/{name}/inventories", new Expect(ALL, true));
    MATRIX.put("GET /api/v1/findings", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/assessments", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/advisories/{id}", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/feeds", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/metrics", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/teams", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/users", new Expect(ADMIN, false));
    MATRIX.put("GET /api/v1/changes", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/changes/{id}", new Expect(ALL, true));
    MATRIX.put("GET /api/v1/changes/{id}/audit", new Expect(ALL, true));
    MATRIX.put("POST /api/v1/changes", new Expect(ANALYZE, true));
    MATRIX.put("POST /api/v1/changes/{id}/approve", new Expect(APPROVE, true));
    MATRIX.put("POST /api/v1/changes/{id}/apply", new Expect(ANALYZE, true));
    MATRIX.put("POST /api/v1/changes/{id}/cancel", new Expect(ANALYZE, true));
    MATRIX.put("POST /api/v1/changes/{id}/verify", new Expect(ANALYZE, true));
    MATRIX.put("GET /api/v1/risk-acceptances", new Expect(ALL, false));
    MATRIX.put("POST /api/v1/risk-acceptances", new Expect(APPROVE, true));
    MATRIX.put("POST /api/v1/findings/marks", new Expect(ANALYZE, true));
    MATRIX.put("POST /api/v1/inventories", new Expect(ANALYZE, true));
    MATRIX.put("GET /api/v1/export", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/report", new Expect(ALL, false));
    MATRIX.put("GET /api/v1/overview", new Expect(ALL, false));
    // The dashboard's pages (DashboardBrowserTest covers another team's asset page).
    MATRIX.put("GET /login", new Expect(null, false));
    MATRIX.put("POST /login", new Expect(null, false));
    MATRIX.put("POST /logout", new Expect(ALL, false));
    MATRIX.put("GET /", new Expect(ALL, false));
    MATRIX.put("GET /assets", new Expect(ALL, false));
    MATRIX.put("GET /assets/view", new Expect(ALL, false));
    MATRIX.put("GET /findings", new Expect(ALL, false));
    MATRIX.put("POST /findings/plan", new Expect(ANALYZE, false));
    MATRIX.put("GET /changes", new Expect(ALL, false));
    MATRIX.put("POST /changes/approve", new Expect(APPROVE, false));
    MATRIX.put("POST /changes/apply", new Expect(ANALYZE, false));
    MATRIX.put("POST /changes/verify", new Expect(ANALYZE, false));
    MATRIX.put("POST /changes/cancel", new Expect(ANALYZE, false));
    MATRIX.put("GET /feeds", new Expect(ALL, false));
    for (String file : List.of("/static/dashboard.css", "/static/dashboard.js",
        "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/webjars/uplot/1.6.30/dist/uPlot.min.css")) {
      MATRIX.put("GET " + file, new Expect(null, false));
    }
  }

  @TempDir static Path dir;
  static TestServer server;
  static long redChange;
  static String redFinding;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.sqlite(dir).loadDemoFeeds();
    var up = server.as(Who.ANALYST).upload("web-01", TestServer.demoInventory("web-01"), "");
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    var plan = server.as(Who.ANALYST).postJson("/api/v1/changes", "{\"assets\":[\"web-01\"]}");
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
    redChange = ApiTest.json(plan).get("id").asLong();
    redFinding = ApiTest.json(server.as(Who.VIEWER).get("/api/v1/findings?size=1")).get("items").get(0)
        .get("finding_key").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theMatrixCoversEveryRegisteredRouteAndNoOther() {
    Set<String> registered = new TreeSet<>();
    server.server().registry().routes().forEach(r -> registered.add(r.toString()));
    assertThat(new TreeSet<>(MATRIX.keySet())).as("routes in the matrix vs routes registered").isEqualTo(registered);
  }

  @Test
  void everyRouteAllowsExactlyItsRolesAndHidesAnotherTeamsThings() {
    List<String> wrong = new ArrayList<>();
    for (Route route : server.server().registry().routes()) {
      Expect expect = MATRIX.get(route.toString());
      if (expect == null) {
        continue; // reported by the coverage test
      }
      for (Who who : Who.values()) {
        HttpResponse<String> r = server.as(who).send(request(route, who));
        String outcome = outcome(expect, route, who);
        boolean ok = switch (outcome) {
          case "login" -> r.statusCode() / 100 == 3
              && r.headers().firstValue("Location").orElse("").startsWith(RouteRegistry.LOGIN_PAGE);
          case "401", "403", "404" -> r.statusCode() == Integer.parseInt(outcome);
          default -> r.statusCode() < 500 && r.statusCode() != 401 && r.statusCode() != 403 && !noRoute(r);
        };
        if (!ok || r.statusCode() >= 500) {
          wrong.add(route + " as " + who + ": expected " + outcome + ", got " + r.statusCode() + " "
              + r.body().substring(0, Math.min(200, r.body().length())));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void aViewerOfAnotherTeamIsRefusedEveryRouteThatNamesTeamRedsThings() {
    for (var e : MATRIX.entrySet()) {
      if (e.getValue().namesRedThing()) {
        Route route = server.server().registry().routes().stream().filter(r -> r.toString().equals(e.getKey()))
            .findFirst().orElseThrow();
        int status = server.as(Who.OTHER_VIEWER).send(request(route, Who.OTHER_VIEWER)).statusCode();
        assertThat(status).as(e.getKey()).isIn(403, 404);
      }
    }
  }

  private static boolean noRoute(HttpResponse<String> r) {
    return r.statusCode() == 404 && r.body().contains("no route");
  }

  /** "login" (redirected to sign in), "401", "403", "404" or "allowed". */
  private static String outcome(Expect expect, Route route, Who who) {
    if (expect.roles() == null) {
      return "allowed";
    }
    if (who == Who.ANONYMOUS) {
      // a dashboard page asked for without a session goes to the log-in page
      return !route.api() && route.method() == io.javalin.http.HandlerType.GET ? "login" : "401";
    }
    if (!expect.roles().contains(who.role)) {
      return "403";
    }
    boolean otherTeam = who == Who.OTHER_ANALYST || who == Who.OTHER_VIEWER;
    return otherTeam && expect.namesRedThing() ? "404" : "allowed";
  }

  /** A request for {@code route} naming team red's asset, change or finding, with a plausible body. */
  private static HttpRequest request(Route route, Who who) {
    String path = route.path().replace("{name}", "web-01")
        .replace("{id}", route.path().startsWith("/api/v1/advisories") ? "CVE-2022-40674" : Long.toString(redChange));
    if (route.path().equals("/api/v1/inventories")) {
      var body = TestServer.multipart(TestServer.demoInventory("web-01"));
      return server.request(who, path + "?asset=web-01").header("Content-Type", body.getKey())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.getValue())).build();
    }
    if (route.method() == io.javalin.http.HandlerType.GET) {
      return server.request(who, path).GET().build();
    }
    String body = switch (route.path()) {
      case "/api/v1/session" -> "{\"name\":\"viewer\",\"password\":\"" + TestServer.password(Who.VIEWER) + "\"}";
      case "/api/v1/changes" -> "{\"assets\":[\"web-01\"]}";
      case "/api/v1/changes/{id}/cancel" -> "{\"reason\":\"matrix\"}";
      case "/api/v1/risk-acceptances" -> "{\"finding\":\"" + redFinding + "\",\"reason\":\"matrix\",\"until\":\"2030-01-01\"}";
      case "/api/v1/findings/marks" -> "{\"finding\":\"" + redFinding + "\",\"action\":\"reopen\"}";
      default -> "";
    };
    return server.request(who, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
