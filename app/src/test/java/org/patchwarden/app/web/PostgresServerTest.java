package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.web.TestServer.Who;

/** The server on PostgreSQL: sign-in, team scoping, an upload matched at once and its findings listed. */
class PostgresServerTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anUploadIsStoredAndScopedToTheUploadersTeam() {
    var up = server.as(Who.OTHER_ANALYST).upload("web-02", TestServer.demoInventory("web-02"), "");
    assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    assertThat(ApiTest.json(server.as(Who.OTHER_VIEWER).get("/api/v1/assets")).get(0).get("team").asText())
        .isEqualTo("blue");
    assertThat(server.as(Who.VIEWER).get("/api/v1/assets/web-02").statusCode()).isEqualTo(404);
    var retry = server.as(Who.OTHER_ANALYST).upload("web-02", TestServer.demoInventory("web-02"), "");
    assertThat(ApiTest.json(retry).get("unchanged").asBoolean()).isTrue();
    assertThat(server.as(Who.OTHER_VIEWER).get("/api/v1/findings").statusCode()).isEqualTo(200);
  }

  @Test
  void rolesAreEnforcedOnPostgresToo() {
    assertThat(server.as(Who.VIEWER).get("/api/v1/users").statusCode()).isEqualTo(403);
    assertThat(server.as(Who.ADMIN).get("/api/v1/users").statusCode()).isEqualTo(200);
    assertThat(server.as(Who.ANONYMOUS).get("/api/v1/assets").statusCode()).isEqualTo(401);
  }
}
