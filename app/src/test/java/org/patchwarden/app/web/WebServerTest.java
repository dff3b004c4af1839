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

  private static java.net.http.HttpResponse<String> login(String name, String password) {
    return server.as(Who.ANONYMOUS).postJson("/api/v1/session",
        "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
  }

  private static String sessionCookie(java.net.http.HttpResponse<String> login) {
    String setCookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("pw_session="))
        .findFirst().orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void aLoginSetsASecureHttpOnlySameSiteStrictCookieAndReturnsTheCsrfToken() {
    var r = login("approver", TestServer.password(Who.APPROVER));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("pw_session="))
        .findFirst().orElseThrow();
    assertThat(setCookie).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict");
    assertThat(ApiTest.json(r).get("csrfToken").asText()).hasSizeGreaterThan(20);
  }

  @Test
  void aSessionReadsWithoutCsrfButMustSendTheTokenToChangeState() {
    var r = login("analyst", TestServer.password(Who.ANALYST));
    String cookie = sessionCookie(r);
    String csrf = ApiTest.json(r).get("csrfToken").asText();
    var read = server.as(Who.ANONYMOUS).send(server.request(Who.ANONYMOUS, "/api/v1/session").header("Cookie", cookie)
        .GET().build());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"name\":\"analyst\"");

    var withoutToken = server.as(Who.ANONYMOUS).send(server.request(Who.ANONYMOUS, "/api/v1/findings/marks")
        .header("Cookie", cookie).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(withoutToken.body()).contains("CSRF");

    var withToken = server.as(Who.ANONYMOUS).send(server.request(Who.ANONYMOUS, "/api/v1/findings/marks")
        .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(withToken.statusCode()).as("past the CSRF check, refused for its empty body").isEqualTo(400);

    var logout = server.as(Who.ANONYMOUS).send(server.request(Who.ANONYMOUS, "/api/v1/session/logout")
        .header("Cookie", cookie).header("X-CSRF-Token", csrf).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertThat(logout.statusCode()).isEqualTo(204);
    var after = server.as(Who.ANONYMOUS).send(server.request(Who.ANONYMOUS, "/api/v1/session").header("Cookie", cookie)
        .GET().build());
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void repeatedFailedLoginsAreThrottledEvenWithTheRightPasswordAfterwards() {
    for (int i = 0; i < 5; i++) {
      assertThat(login("other-viewer", "wrong-password-" + i).statusCode()).isEqualTo(401);
    }
    var throttled = login("other-viewer", TestServer.password(Who.OTHER_VIEWER));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void anUnknownUserFailsLikeAWrongPassword() {
    var r = login("nobody-here", "whatever-password");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("user name or password wrong");
  }

  @Test
  void aRequestBodyAboveTheLimitIsRefusedWith413() {
    byte[] big = new byte[(int) WebServer.MAX_REQUEST_BYTES + 1024];
    // Expect: 100-continue, as a careful client sends a large body: the server answers 413 from the
    // headers alone; without it the server may close the connection while the body is still being
    // sent, and the client then sees a reset instead of the answer.
    var r = server.as(Who.ANALYST).send(server.request(Who.ANALYST, "/api/v1/inventories?asset=big&filename=status")
        .expectContinue(true)
        .header("Content-Type", "application/octet-stream")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build());
    assertThat(r.statusCode()).isEqualTo(413);
  }
}
