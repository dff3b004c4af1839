package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.patchwarden.app.web.TestServer.Who;

/**
 * Inventory uploads sent at once to a real server (recorded by group commit): every upload's
 * revision and findings are in the store afterwards, none twice. Run on SQLite and PostgreSQL.
 */
abstract class ConcurrentUploadsContract {
  static TestServer server;

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> upload(String asset, String demoHost, String key) {
    var body = TestServer.multipart(TestServer.demoInventory(demoHost));
    HttpRequest.Builder r = server.request(Who.ANALYST, "/api/v1/inventories?asset=" + asset)
        .header("Content-Type", body.getKey()).POST(HttpRequest.BodyPublishers.ofByteArray(body.getValue()));
    if (key != null) {
      r.header("Idempotency-Key", key);
    }
    return server.as(Who.ANALYST).send(r.build());
  }

  @Test
  void concurrentUploadsAreEachStoredWithTheirFindingsAndNoneTwice() throws Exception {
    JsonNode reference = ApiTest.json(upload("reference", "web-01", null));
    int findings = reference.get("findings").asInt();
    assertThat(findings).isPositive();

    // hosts 1-10 once each; host-11 twice with the same key (a retry); host-12 twice with new content
    List<String[]> sends = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      sends.add(new String[] {"host-" + i, "web-01", "key-" + i});
    }
    sends.add(new String[] {"host-11", "web-01", "retried"});
    sends.add(new String[] {"host-11", "web-01", "retried"});
    sends.add(new String[] {"host-12", "web-01", null});
    sends.add(new String[] {"host-12", "web-02", null});
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(sends.size())) {
      for (String[] s : sends) {
        answers.add(pool.submit(() -> {
          go.await();
          return upload(s[0], s[1], s[2]);
        }));
      }
      go.countDown();
      for (int i = 0; i < sends.size(); i++) {
        HttpResponse<String> r = answers.get(i).get();
        assertThat(r.statusCode()).as(sends.get(i)[0] + ": " + r.body()).isIn(200, 201);
      }
    }
    for (int i = 1; i <= 10; i++) {
      JsonNode answer = ApiTest.json(answers.get(i - 1).get());
      assertThat(answer.get("asset").asText()).isEqualTo("host-" + i);
      assertThat(answer.get("revision").asInt()).isEqualTo(1);
      assertThat(answer.get("findings").asInt()).isEqualTo(findings);
      assertStored("host-" + i, 1, findings);
    }
    assertStored("host-11", 1, findings);
    assertThat(ApiTest.json(answers.get(10).get()).get("revision").asInt()).isEqualTo(1);
    assertThat(ApiTest.json(answers.get(11).get()).get("revision").asInt()).isEqualTo(1);
    assertThat(server.app().inventoryHistory().history("host-12")).hasSize(2);
  }

  /** The asset has {@code revisions} revisions and {@code findings} findings listed by the API (the store's index). */
  private static void assertStored(String asset, int revisions, int findings) {
    assertThat(server.app().inventoryHistory().history(asset)).as(asset).hasSize(revisions);
    JsonNode page = ApiTest.json(server.as(Who.ANALYST).get("/api/v1/findings?asset=" + asset + "&size=1"));
    assertThat(page.get("total").asInt()).as(asset).isEqualTo(findings);
  }
}
