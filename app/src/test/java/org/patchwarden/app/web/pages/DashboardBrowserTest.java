package org.patchwarden.app.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.patchwarden.app.Main;
import org.patchwarden.app.browser.HeadlessChromium;
import org.patchwarden.app.browser.ScreenshotOnFailure;
import org.patchwarden.app.cli.Terminal;
import org.patchwarden.app.web.TestServer;
import org.patchwarden.app.web.TestServer.Who;
import org.patchwarden.inventory.Asset;

/**
 * The dashboard in a real headless Chromium against a real server on loopback, over the demo's fleet
 * and feeds: web-01, web-02 and staging-web-01 belong to team red, every other asset to blue.
 */
@ExtendWith(ScreenshotOnFailure.class)
class DashboardBrowserTest {
  private static final Set<String> RED = Set.of("web-01", "web-02", "staging-web-01");
  @TempDir static Path dir;
  private static TestServer server;
  private static HeadlessChromium browser;

  @BeforeAll
  static void startServerAndBrowser() throws IOException {
    StringWriter err = new StringWriter();
    int code = Main.run(new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of("PATCHWARDEN_HOME", dir.resolve("demo-parent").toString())),
        Clock.fixed(Instant.parse("2026-11-01T08:00:00Z"), ZoneOffset.UTC), "demo");
    assertThat(code).as(err.toString()).isZero();
    Path home = Files.createDirectories(dir.resolve("server"));
    Files.copy(dir.resolve("demo-parent/demo/patchwarden.db"), home.resolve("patchwarden.db"));
    server = TestServer.sqlite(home);
    var contexts = server.app().assetContexts();
    for (Asset a : contexts.list()) {
      contexts.state(new Asset(a.name(), a.kind(), null, RED.contains(a.name()) ? "red" : "blue", null, null, Set.of()));
    }
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Pages on "localhost": a secure context, where Chromium keeps the Secure session cookie over plain HTTP. */
  private static java.net.URI page(String path) {
    return java.net.URI.create("http://localhost:" + server.server().port() + path);
  }

  private static void signIn(Who who) {
    browser.driver().manage().deleteAllCookies();
    browser.open(page("/login"));
    browser.find("input[name=name]").sendKeys(who.userName());
    browser.find("input[name=password]").sendKeys(TestServer.password(who));
    browser.find("#sign-in").click();
    browser.waitUntil(d -> d.getCurrentUrl().endsWith(":" + server.server().port() + "/"));
    browser.find("#open-total");
  }

  private static int number(String css) {
    return Integer.parseInt(browser.text(css).strip());
  }

  @Test
  void aSignedInAnalystSeesTheOverviewOfTheirTeamsAssetsWithATrendChart() {
    signIn(Who.ANALYST);

    int open = number("#open-total");
    int byTier = browser.findAll("#tiers [data-tier]").stream().mapToInt(e -> Integer.parseInt(e.getText())).sum();
    assertThat(open).isPositive().isEqualTo(byTier);
    assertThat(number("#kev-assets")).isBetween(1, RED.size());
    browser.waitUntil(d -> browser.find("#trend-chart").getAttribute("data-drawn"));
    assertThat(browser.findAll("#trend-chart canvas")).isNotEmpty();
  }

  /** Calls the API from the page, with the browser's session: the same user as the page. */
  private static long api(String pathAndQuery, String expression) {
    Object v = browser.script("return fetch(arguments[0], {headers: {Accept: 'application/json'}})"
        + ".then(r => r.json()).then(j => " + expression + ");", pathAndQuery);
    return ((Number) v).longValue();
  }

  @Test
  void theOverviewNumbersEqualTheApisForTheSameUser() {
    signIn(Who.ANALYST);

    String overview = "/api/v1/overview";
    for (WebElement tier : browser.findAll("#tiers [data-tier]")) {
      String id = tier.getAttribute("data-tier");
      assertThat(Long.parseLong(tier.getText())).as(id)
          .isEqualTo(api(overview, "j.by_tier.find(t => t.tier === '" + id + "').open"));
    }
    assertThat(browser.findAll("#tiers [data-tier]")).hasSize((int) api(overview, "j.by_tier.length"));
    assertThat((long) number("#open-total")).isPositive().isEqualTo(api(overview, "j.open"));
    assertThat((long) number("#kev-open")).isEqualTo(api(overview, "j.kev_open"));
    assertThat((long) number("#kev-assets")).isEqualTo(api(overview, "j.kev_assets"));
    assertThat((long) number("#overdue")).isEqualTo(api(overview, "j.overdue"));
    assertThat((long) browser.findAll(".trend-table tbody tr").size()).isEqualTo(api(overview, "j.trend.length"));
    // The overview and the findings list are two use cases over one store: they must agree too.
    assertThat(api(overview, "j.open")).isEqualTo(api("/api/v1/findings?status=open&size=1", "j.total"));
  }

  @Test
  void signingOutEndsTheSession() {
    signIn(Who.VIEWER);

    browser.find("form.who button").click();
    browser.find("#sign-in");
    browser.open(page("/findings"));

    assertThat(browser.driver().getCurrentUrl()).contains("/login?next=%2Ffindings");
    assertThat(browser.findAll("input[name=next]")).extracting(e -> e.getAttribute("value")).containsExactly("/findings");
  }

  @Test
  void anAnalystPlansAChangeOfSelectedFindingsAndAnApproverApprovesIt() {
    signIn(Who.ANALYST);
    browser.open(page("/findings?asset=web-02"));
    List<WebElement> boxes = browser.findAll("input[name=finding]");
    assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
    String first = boxes.get(0).getAttribute("value");
    String second = boxes.get(1).getAttribute("value");
    boxes.get(0).click();
    boxes.get(1).click();
    assertThat(browser.text("#selected-count")).isEqualTo("2 selected");
    browser.find("input[name=title]").sendKeys("Browser test change");
    browser.find("#plan-change").click();

    browser.waitUntil(d -> d.getCurrentUrl().contains("/changes?planned="));
    String id = browser.driver().getCurrentUrl().replaceAll(".*planned=", "");
    WebElement row = browser.find("#changes tr[data-id='" + id + "']");
    assertThat(row.getText()).contains("Browser test change", "analyst", "planned", "0 of 1");
    assertThat(row.findElements(By.cssSelector("button.approve"))).as("the planner cannot approve").isEmpty();
    var planned = server.app().listChanges().find(Long.parseLong(id)).orElseThrow();
    assertThat(planned.findings()).extracting(f -> f.key().toString()).containsExactlyInAnyOrder(first, second);

    signIn(Who.APPROVER);
    browser.open(page("/changes"));
    browser.find("#changes tr[data-id='" + id + "'] button.approve").click();

    browser.waitUntil(d -> d.getCurrentUrl().contains("/changes?approved=" + id));
    assertThat(browser.text("#changes tr[data-id='" + id + "'] .state")).isEqualTo("approved");
    assertThat(browser.text("#changes tr[data-id='" + id + "']")).contains("approver");
  }

  /** Plans a change of {@code asset}'s findings through the API as the analyst; its id. */
  private static long planByApi(String asset) {
    var plan = server.as(Who.ANALYST).postJson("/api/v1/changes", "{\"assets\":[\"" + asset + "\"]}");
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(201);
    return json(plan.body()).get("id").asLong();
  }

  private static String state(long id) {
    return json(server.as(Who.ADMIN).get("/api/v1/changes/" + id).body()).get("state").asText();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void anAnalystMarksAnApprovedChangeAppliedAndVerifiesItWhileAViewerGetsNoButtons() {
    long id = planByApi("web-01");
    var approve = server.as(Who.APPROVER).postJson("/api/v1/changes/" + id + "/approve", "");
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(200);
    String row = "#changes tr[data-id='" + id + "']";

    signIn(Who.VIEWER);
    browser.open(page("/changes"));
    assertThat(browser.find(row).findElements(By.cssSelector("form.transition"))).isEmpty();

    signIn(Who.ANALYST);
    browser.open(page("/changes"));
    assertThat(browser.find(row).findElements(By.cssSelector("button.verify"))).as("not applied yet").isEmpty();
    browser.find(row + " button.apply").click();
    browser.waitUntil(d -> d.getCurrentUrl().contains("/changes?applied=" + id));
    assertThat(browser.text(row + " .state")).isEqualTo("applied").isEqualTo(state(id));
    assertThat(browser.text("p.notice.ok")).contains("Change " + id + " marked applied");
    assertThat(browser.find(row).findElements(By.cssSelector("button.apply, button.cancel"))).isEmpty();

    browser.find(row + " button.verify").click();
    browser.waitUntil(d -> d.getCurrentUrl().contains("/changes?verified=" + id));
    assertThat(browser.text(row + " .state")).isEqualTo(state(id));
    assertThat(browser.text("p.notice.ok")).contains("Change " + id + " checked", state(id));
  }

  @Test
  void anAnalystCancelsAPlannedChangeGivingAReason() {
    long id = planByApi("staging-web-01");
    String row = "#changes tr[data-id='" + id + "']";
    signIn(Who.ANALYST);
    browser.open(page("/changes"));

    browser.find(row + " input[name=reason]").sendKeys("superseded by the next release");
    browser.find(row + " button.cancel").click();

    browser.waitUntil(d -> d.getCurrentUrl().contains("/changes?cancelled=" + id));
    assertThat(browser.text(row + " .state")).isEqualTo("cancelled").isEqualTo(state(id));
    assertThat(browser.text(row)).contains("superseded by the next release");
    assertThat(browser.find(row).findElements(By.cssSelector("form.transition"))).isEmpty();
  }

  @Test
  void aViewerOfAnotherTeamGetsAForbiddenPageAndDoesNotSeeTheAsset() {
    signIn(Who.OTHER_VIEWER);

    browser.open(page("/assets"));
    assertThat(browser.findAll("#assets a")).extracting(WebElement::getText).doesNotContainAnyElementsOf(RED)
        .isNotEmpty();
    assertThat(browser.findAll("input[name=finding]")).isEmpty();
    browser.open(page("/assets/view?name=web-01"));

    assertThat(browser.find("h1.error-title").getAttribute("data-status")).isEqualTo("403");
    assertThat(browser.driver().getPageSource()).doesNotContain("Exception");
  }

  @Test
  void everyPageFitsAPhoneScreenWithoutScrollingSideways() {
    signIn(Who.ADMIN);
    browser.resize(HeadlessChromium.PHONE);
    try {
      for (String path : List.of("/", "/assets", "/assets/view?name=web-01", "/findings", "/changes", "/feeds")) {
        browser.open(page(path));
        assertThat(browser.scrollsHorizontally()).as(path).isFalse();
      }
    } finally {
      browser.resize(HeadlessChromium.DESKTOP);
    }
  }
}
