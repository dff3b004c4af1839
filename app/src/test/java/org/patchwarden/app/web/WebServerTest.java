package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.web.TestServer.Who;

/** The server's plumbing: authentication, problem documents, limits, sessions. */
class WebServerTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCallWithoutCredentialsIsRefusedWith401AsAProblemDocument() {
    var r = server.as(Who.ANONYMOUS).get("/api/v1/assets");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains("\"status\":401").doesNotContain("Exception");
  }

  @Test
  void aWrongTokenIsRefusedWith401() {
    var r = server.as(Who.ANONYMOUS).send(server.request(Who.ANONYMOUS, "/api/v1/assets")
        .header("Authorization", "Bearer pw_nope").GET().build());
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenSignsTheUserIn() {
    var r = server.as(Who.VIEWER).get("/api/v1/session");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"name\":\"viewer\"", "\"role\":\"viewer\"", "red");
  }

  @Test
  void anUnknownPathIsA404ProblemDocument() {
    var r = server.as(Who.ADMIN).get("/api/v1/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"status\":404");
  }

  @Test
  void theOpenApiDocumentIsServedWithoutSigningIn() {
    var r = server.as(Who.ANONYMOUS).get("/api/v1/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"openapi\":\"3.1.0\"", "/api/v1/assets");
  }
}
