package org.patchwarden.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.formats.notify.WebhookPayloads;
import org.patchwarden.notify.Delivery;
import org.patchwarden.notify.EventKind;
import org.patchwarden.notify.Notification;
import org.patchwarden.notify.NotificationChannel;
import org.patchwarden.notify.RetryPolicy;
import org.patchwarden.store.Database;
import org.patchwarden.store.TestDatabases;
import org.patchwarden.usecase.DeliverNotifications;

/**
 * Delivery through the real outbox (SQLite) to a real loopback HTTP server and an in-process SMTP
 * server (GreenMail), with a clock the test moves to the retry times.
 */
class NotificationDeliveryTest {
  private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static HttpServer server;
  private static final List<Received> received = new CopyOnWriteArrayList<>();

  record Received(String path, String body, String event) {}

  @TempDir Path dir;
  private Database db;
  private final MovingClock clock = new MovingClock();

  static final class MovingClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeAll
  static void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestURI().getPath(), body,
          exchange.getRequestHeaders().getFirst("X-Patchwarden-Event")));
      byte[] reply = exchange.getRequestURI().getPath().startsWith("/fail") ? "boom: database down".getBytes() : new byte[0];
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/fail") ? 500 : 204,
          reply.length == 0 ? -1 : reply.length);
      if (reply.length > 0) {
        exchange.getResponseBody().write(reply);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  @BeforeEach
  void open() {
    received.clear();
    db = TestDatabases.sqlite(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static Notification kevHit() {
    return new Notification("kev-hit|CVE-2021-44228", EventKind.KEV_HIT, "CISA KEV CVE-2021-44228 hits 2 assets",
        "CVE-2021-44228 is in CISA's Known Exploited Vulnerabilities catalog (added 2021-12-10) and open on "
            + "web-01, web-02 <&>.", T0, Map.of("cve", "CVE-2021-44228", "assets", "web-01,web-02"));
  }

  private DeliverNotifications deliverer(RetryPolicy retry, NotificationChannel... channels) {
    return new DeliverNotifications(db.outbox(), List.of(channels), retry, clock);
  }

  @Test
  void theGenericWebhookReceivesTheNotificationAsDocumentedJson() throws Exception {
    db.outbox().enqueue(List.of(kevHit()), List.of("webhook"), T0);
    var run = deliverer(RetryPolicy.defaults(), new WebhookChannel("webhook", url("/hook"),
        WebhookPayloads.Flavour.JSON)).deliver(100);

    assertThat(run).isEqualTo(new DeliverNotifications.Run(1, 0, 0));
    assertThat(received).singleElement().satisfies(r -> {
      assertThat(r.event()).isEqualTo("kev-hit|CVE-2021-44228");
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("schema").asText()).isEqualTo(WebhookPayloads.SCHEMA);
      assertThat(body.path("kind").asText()).isEqualTo("kev-hit");
      assertThat(body.path("event_key").asText()).isEqualTo("kev-hit|CVE-2021-44228");
      assertThat(body.path("facts").path("assets").asText()).isEqualTo("web-01,web-02");
      assertThat(body.path("raised_at").asText()).isEqualTo("2026-11-01T08:00:00Z");
    });
    assertThat(db.outbox().list(Delivery.Status.SENT, 10)).hasSize(1);
  }

  @Test
  void slackAndTeamsWebhooksReceiveTheirOwnMessageShapes() throws Exception {
    db.outbox().enqueue(List.of(kevHit()), List.of("slack", "teams"), T0);
    deliverer(RetryPolicy.defaults(), new WebhookChannel("slack", url("/slack"), WebhookPayloads.Flavour.SLACK),
        new WebhookChannel("teams", url("/teams"), WebhookPayloads.Flavour.TEAMS)).deliver(100);

    JsonNode slack = JSON.readTree(received.stream().filter(r -> r.path().equals("/slack")).findFirst().orElseThrow()
        .body());
    assertThat(slack.path("text").asText()).isEqualTo("CISA KEV CVE-2021-44228 hits 2 assets");
    assertThat(slack.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(slack.path("blocks").get(0).path("text").path("text").asText())
        .startsWith("*CISA KEV CVE-2021-44228 hits 2 assets*\n").contains("web-02 &lt;&amp;&gt;.");
    JsonNode teams = JSON.readTree(received.stream().filter(r -> r.path().equals("/teams")).findFirst().orElseThrow()
        .body());
    assertThat(teams.path("type").asText()).isEqualTo("message");
    JsonNode card = teams.path("attachments").get(0);
    assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
    assertThat(card.path("content").path("body").get(2).path("facts").get(0).path("title").asText()).isEqualTo("assets");
  }

  @Test
  void aFailingEndpointIsRetriedWithBackoffAndEndsAsADeadLetterAfterTheLastAttempt() {
    RetryPolicy retry = new RetryPolicy(3, Duration.ofMinutes(5), Duration.ofHours(1));
    db.outbox().enqueue(List.of(kevHit()), List.of("webhook"), T0);
    DeliverNotifications d = deliverer(retry, new WebhookChannel("webhook", url("/fail"), WebhookPayloads.Flavour.JSON));

    assertThat(d.deliver(100)).isEqualTo(new DeliverNotifications.Run(0, 1, 0));
    assertThat(d.deliver(100)).as("not due again before its backoff").isEqualTo(new DeliverNotifications.Run(0, 0, 0));
    clock.now = T0.plus(Duration.ofMinutes(5));
    assertThat(d.deliver(100)).isEqualTo(new DeliverNotifications.Run(0, 1, 0));
    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertThat(d.deliver(100)).as("the second wait is doubled").isEqualTo(new DeliverNotifications.Run(0, 0, 0));
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(d.deliver(100)).isEqualTo(new DeliverNotifications.Run(0, 0, 1));
    clock.now = clock.now.plus(Duration.ofDays(1));
    assertThat(d.deliver(100)).isEqualTo(new DeliverNotifications.Run(0, 0, 0));

    assertThat(received).hasSize(3);
    assertThat(d.list(true, 10)).singleElement().satisfies(dead -> {
      assertThat(dead.attempts()).isEqualTo(3);
      assertThat(dead.lastError()).isEqualTo("webhook webhook: HTTP 500: boom: database down");
      assertThat(dead.lastError()).doesNotContain("127.0.0.1");
    });
  }

  @Test
  void anEventRaisedAgainAfterItWasSentIsNotSentAgain() {
    DeliverNotifications d = deliverer(RetryPolicy.defaults(),
        new WebhookChannel("webhook", url("/hook"), WebhookPayloads.Flavour.JSON));
    db.outbox().enqueue(List.of(kevHit()), List.of("webhook"), T0);
    d.deliver(100);
    clock.now = T0.plus(Duration.ofHours(1));
    assertThat(db.outbox().enqueue(List.of(kevHit()), List.of("webhook"), clock.now)).isZero();
    assertThat(d.deliver(100)).isEqualTo(new DeliverNotifications.Run(0, 0, 0));
    assertThat(received).hasSize(1);
  }

  @Test
  void aDeliveryForAChannelNoLongerConfiguredBecomesADeadLetterSayingSo() {
    db.outbox().enqueue(List.of(kevHit()), List.of("teams"), T0);
    assertThat(deliverer(RetryPolicy.defaults()).deliver(100)).isEqualTo(new DeliverNotifications.Run(0, 0, 1));
    assertThat(db.outbox().list(Delivery.Status.DEAD, 10)).singleElement()
        .satisfies(x -> assertThat(x.lastError()).isEqualTo("channel 'teams' is not configured"));
  }

  @Test
  void emailIsSentOverSmtpToEveryRecipientWithTheFactsInTheBody() throws Exception {
    GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    try {
      db.outbox().enqueue(List.of(kevHit()), List.of("email"), T0);
      var smtp = new SmtpChannel("email", new SmtpChannel.Settings("127.0.0.1", mail.getSmtp().getPort(),
          "patchwarden@example.org", List.of("ops@example.org", "sec@example.org"), null, null, false));
      assertThat(deliverer(RetryPolicy.defaults(), smtp).deliver(100)).isEqualTo(new DeliverNotifications.Run(1, 0, 0));

      MimeMessage[] messages = mail.getReceivedMessages();
      assertThat(messages).hasSize(2); // one copy per recipient's mailbox
      assertThat(messages[0].getSubject()).isEqualTo("[patchwarden] CISA KEV CVE-2021-44228 hits 2 assets");
      assertThat(messages[0].getHeader("X-Patchwarden-Event")[0]).isEqualTo("kev-hit|CVE-2021-44228");
      assertThat(GreenMailUtil.getBody(messages[0])).contains("assets: web-01,web-02", "cve: CVE-2021-44228");
    } finally {
      mail.stop();
    }
  }

  @Test
  void anUnreachableSmtpServerFailsTheAttemptForALaterRetry() throws IOException {
    int closedPort;
    try (var s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    db.outbox().enqueue(List.of(kevHit()), List.of("email"), T0);
    var smtp = new SmtpChannel("email", new SmtpChannel.Settings("127.0.0.1", closedPort, "patchwarden@example.org",
        List.of("ops@example.org"), null, null, false));
    assertThat(deliverer(RetryPolicy.defaults(), smtp).deliver(100)).isEqualTo(new DeliverNotifications.Run(0, 1, 0));
    assertThat(db.outbox().list(Delivery.Status.PENDING, 10)).singleElement()
        .satisfies(p -> assertThat(p.lastError()).startsWith("email email via 127.0.0.1:" + closedPort));
  }
}
