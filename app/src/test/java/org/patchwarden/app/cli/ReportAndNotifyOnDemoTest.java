package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.patchwarden.app.App;
import org.patchwarden.app.browser.HeadlessChromium;
import org.patchwarden.app.browser.ScreenshotOnFailure;
import org.patchwarden.app.config.ConfigLoader;
import org.patchwarden.report.PatchReport;

/**
 * The demo fleet, built once: its HTML report as a browser shows it (the numbers the use case
 * computes, and drawn charts), and its notifications delivered to a loopback webhook.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ReportAndNotifyOnDemoTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T08:00:00Z"), ZoneOffset.UTC);
  @TempDir static Path dir;
  private static HeadlessChromium browser;
  private static PatchReport expected;
  private static Path html;
  private static Path home;

  @BeforeAll
  static void renderTheDemoReport() {
    var demo = CommandLineRunner.run(CLOCK, Map.of("PATCHWARDEN_HOME", dir.toString()), "", "demo");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    home = dir.resolve("demo");
    html = dir.resolve("out/report.html");
    var r = CommandLineRunner.run(CLOCK, Map.of("PATCHWARDEN_HOME", home.toString()), "", "report", "--html",
        html.toString(), "--from", "2026-10-01", "--to", "2026-11-01");
    assertThat(r.exitCode()).as(r.err()).isZero();
    try (App app = new App(ConfigLoader.load(new ConfigLoader.Flags(home, null, null), Map.of()), CLOCK)) {
      var build = app.buildPatchReport(null);
      expected = build.build(build.period(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-01")));
    }
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private String figure(String name) {
    return browser.text("[data-figure='" + name + "']");
  }

  @Test
  void theBrowserShowsTheNumbersTheUseCaseComputes() {
    browser.open(html);
    assertThat(expected.openFindings()).isPositive();
    assertThat(figure("open-findings")).isEqualTo(String.valueOf(expected.openFindings()));
    assertThat(figure("overdue-findings")).isEqualTo(
        String.valueOf(expected.byTier().stream().mapToInt(PatchReport.TierCount::overdue).sum()));
    assertThat(figure("kev-open")).isEqualTo(String.valueOf(expected.kev().openFindings()));
    assertThat(figure("kev-assets")).isEqualTo(String.valueOf(expected.kev().assets()));
    assertThat(figure("kev-cve-count")).isEqualTo(String.valueOf(expected.kev().cves().size()));
    assertThat(figure("overdue-count")).isEqualTo(String.valueOf(expected.overdue().size()));
    for (PatchReport.TierCount t : expected.byTier()) {
      assertThat(browser.text("tr[data-tier='" + t.tier() + "'] td:nth-child(2)")).isEqualTo(String.valueOf(t.open()));
    }
    assertThat(browser.findAll("#table-trend tbody tr")).hasSize(expected.trend().size());
  }

  @Test
  void everyChartIsDrawnWithItsBarsOrLineAndLabelledAxes() {
    browser.open(html);
    for (String id : new String[] {"chart-tiers", "chart-teams", "chart-fix-times", "chart-trend"}) {
      WebElement chart = browser.find("svg#" + id);
      assertThat(chart.getSize().getWidth()).as(id).isGreaterThan(300);
      assertThat(chart.getSize().getHeight()).as(id).isGreaterThan(150);
      assertThat(chart.getText()).as(id).contains("Findings");
    }
    assertThat(browser.findAll("svg#chart-tiers rect[height]")).hasSizeGreaterThan(expected.byTier().size());
    assertThat(browser.findAll("svg#chart-trend polyline")).hasSize(3);
  }

  @Test
  void notifyDeliverSendsEachEventOnceToTheWebhookAndNothingOnASecondRun() throws Exception {
    java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      Map<String, String> env = Map.of("PATCHWARDEN_HOME", home.toString(), "PATCHWARDEN_NOTIFY_WEBHOOK_URL",
          "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", "PATCHWARDEN_NOTIFY_LOOKBACK_DAYS", "3650");
      var first = CommandLineRunner.run(CLOCK, env, "", "notify", "deliver", "--limit", "5000");
      assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
      assertThat(bodies).isNotEmpty();
      assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"kind\":\"kev-hit\""));
      assertThat(first.out()).contains("sent " + bodies.size() + ", to retry 0, dead letters 0");
      int sent = bodies.size();

      var second = CommandLineRunner.run(CLOCK, env, "", "notify", "deliver");
      assertThat(second.out()).contains("queued 0 new deliveries").contains("sent 0");
      assertThat(bodies).hasSize(sent);
      assertThat(CommandLineRunner.run(CLOCK, env, "", "notify", "dead-letters").out()).contains("no dead letters");
    } finally {
      server.stop(0);
    }
  }
}
