package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.web.TestServer.Who;

/** The served OpenAPI document against the server's real routes: every route documented, every documented operation real. */
class OpenApiTest {
  @TempDir static Path dir;
  static TestServer server;
  static JsonNode doc;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir);
    var r = server.as(Who.ANONYMOUS).get("/api/v1/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    doc = ApiTest.json(r);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Set<String> documented() {
    Set<String> ops = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      var path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> ops.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    return ops;
  }

  @Test
  void theDocumentIsOpenApi31WithSecuritySchemes() {
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/components/schemas/Problem")).isNotNull();
  }

  @Test
  void everyApiRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    Set<String> routes = new TreeSet<>();
    server.server().registry().routes().stream().filter(Route::api).forEach(r -> routes.add(r.toString()));
    assertThat(documented()).isEqualTo(routes);
  }

  @Test
  void everyDocumentedOperationAnswersOnTheServerRatherThanNoRoute() {
    for (String op : documented()) {
      String method = op.substring(0, op.indexOf(' '));
      String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
      var request = server.request(Who.ADMIN, path);
      request = method.equals("GET") ? request.GET()
          : request.header("Content-Type", "application/json").method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
      var r = server.as(Who.ADMIN).send(request.build());
      assertThat(r.statusCode()).as(op).isNotEqualTo(405).isLessThan(500);
      assertThat(r.body()).as(op).doesNotContain("no route");
    }
  }

  @Test
  void everyOperationHasASummaryAndItsPathParametersDeclared() {
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      var path = paths.next();
      for (JsonNode op : path.getValue()) {
        assertThat(op.get("summary").asText()).as(path.getKey()).isNotBlank();
        long declared = 0;
        if (op.has("parameters")) {
          for (JsonNode p : op.get("parameters")) {
            declared += p.get("in").asText().equals("path") ? 1 : 0;
          }
        }
        assertThat(declared).as(path.getKey()).isEqualTo(path.getKey().chars().filter(c -> c == '{').count());
      }
    }
  }
}
