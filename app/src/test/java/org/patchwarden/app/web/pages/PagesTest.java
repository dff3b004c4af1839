package org.patchwarden.app.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.usecase.SummarizeFindings;

/** Pages rendered from view models: what they show, and that hostile data stays text. */
class PagesTest {
  private static final PageUser ANALYST = new PageUser("ana", "analyst", "tok\"en", true, false);
  private static final PageUser VIEWER = new PageUser("vic", "viewer", "t", false, false);

  @Test
  void theOverviewShowsEveryTierTheKevExposureTheOverdueCountAndTheTrendData() {
    var o = new SummarizeFindings.Overview(LocalDate.of(2026, 12, 5),
        List.of(new SummarizeFindings.TierCount("T0", "emergency", 3), new SummarizeFindings.TierCount("T1", "critical", 0)),
        3, 2, 1, 1, List.of(new SummarizeFindings.TrendPoint(LocalDate.of(2026, 12, 4), 2, 0),
            new SummarizeFindings.TrendPoint(LocalDate.of(2026, 12, 5), 3, 1)));

    String page = OverviewPage.render(o, ANALYST);

    assertThat(page).contains("<span class=\"n\" id=\"open-total\">3</span>", "id=\"kev-open\">2<",
        "id=\"kev-assets\">1<", "id=\"overdue\">1<", "data-tier=\"T0\">3<", "data-tier=\"T1\">0<",
        "{\"days\":[\"2026-12-04\",\"2026-12-05\"],\"open\":[2,3],\"overdue\":[0,1]}",
        "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "value=\"tok&quot;en\"");
  }

  @Test
  void assetNamesAndTagsFromAnInventoryAreEscapedAndLinkedByQuery() {
    Asset a = new Asset("web-01:8080/x", AssetKind.HOST, "production", "<script>alert(1)</script>", 1, true,
        Set.of("a&b"));

    String page = AssetsPage.render("<q>", List.of(new AssetsPage.Row(a, 4, 1)), VIEWER);

    assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;",
        "href=\"/assets/view?name=web-01%3A8080%2Fx\"", "value=\"&lt;q&gt;\"");
  }

  @Test
  void theFindingsPageOffersSelectionOnlyToPlannersLookingAtOpenFindings() {
    var filters = new FindingsPage.Filters("T0", null, null, null, false, null, 1);

    String planner = FindingsPage.render(filters, List.of("T0", "T1"), List.of(), 0, LocalDate.now(), ANALYST, null, null);
    String viewer = FindingsPage.render(filters, List.of("T0", "T1"), List.of(), 0, LocalDate.now(), VIEWER, null, null);
    String closed = FindingsPage.render(new FindingsPage.Filters(null, null, null, "fixed", false, null, 1),
        List.of("T0"), List.of(), 0, LocalDate.now(), ANALYST, null, null);

    assertThat(planner).contains("id=\"plan-change\"", "<option value=\"T0\" selected>");
    assertThat(viewer).doesNotContain("id=\"plan-change\"");
    assertThat(closed).doesNotContain("id=\"plan-change\"").contains("<option value=\"fixed\" selected>");
  }

  private static org.patchwarden.remediate.Change change(long id) {
    Instant at = Instant.parse("2026-11-01T08:00:00Z");
    return org.patchwarden.remediate.Change.plan("fixes", "T0", List.of("web-01"), null, 1, "alice", at, List.of(
        new org.patchwarden.remediate.ChangeFinding(new org.patchwarden.match.FindingKey("web-01", "deb", "curl",
            "DSA-5197-1"), List.of(), "Debian:11", false, "7.74.0-1.3+deb11u1", "7.74.0-1.3+deb11u2",
            "7.74.0-1.3+deb11u2", at, "T0", "", org.patchwarden.remediate.ChangeFinding.Outcome.PENDING, null, "")),
        null).stored(id, 1);
  }

  @Test
  void changeTransitionsAreOfferedOnlyToRolesAllowedThemAndOnlyInStatesThatAllowThem() {
    Instant at = Instant.parse("2026-11-02T08:00:00Z");
    var planned = change(1);
    var approved = change(2).approve("bob", at);
    var applied = change(3).approve("bob", at).apply("ana", at, java.time.Duration.ofHours(72));
    var changes = List.of(planned, approved, applied);
    PageUser approver = new PageUser("bob2", "approver", "t", false, true);

    String analyst = ChangesPage.render(changes, ANALYST, null, null);
    String viewer = ChangesPage.render(changes, VIEWER, null, null);
    String approving = ChangesPage.render(changes, approver, null, null);

    assertThat(viewer).doesNotContain("form method=\"post\"");
    assertThat(approving).contains("action=\"/changes/approve\"").doesNotContain("action=\"/changes/apply\"",
        "action=\"/changes/verify\"", "action=\"/changes/cancel\"");
    assertThat(analyst).doesNotContain("action=\"/changes/approve\"")
        .contains("name=\"_csrf\" value=\"tok&quot;en\"", "name=\"reason\" required");
    assertThat(row(analyst, 1)).contains("button type=\"submit\" class=\"cancel\"").doesNotContain("class=\"apply\"", "class=\"verify\"");
    assertThat(row(analyst, 2)).contains("class=\"apply\">Mark applied<", "class=\"cancel\"").doesNotContain("class=\"verify\"");
    assertThat(row(analyst, 3)).contains("class=\"verify\">Verify now<").doesNotContain("class=\"apply\"", "class=\"cancel\"");
  }

  /** The table row of change {@code id} in a changes page. */
  private static String row(String page, long id) {
    int start = page.indexOf("<tr data-id=\"" + id + "\">");
    return page.substring(start, page.indexOf("</tr>", start));
  }

  @Test
  void feedsOlderThanAWeekAreMarked() {
    Instant now = Instant.parse("2026-12-05T12:00:00Z");
    var fresh = new FeedVersion("cisa-kev", "2026.12.04", Instant.parse("2026-12-04T00:00:00Z"), 1400,
        now, "https://example.org/kev.json", "ab");
    var old = new FeedVersion("epss", "2026-10-01", Instant.parse("2026-10-01T00:00:00Z"), 9, now, "mirror", "cd");

    String page = FeedsPage.render(List.of(fresh, old), now, VIEWER);

    assertThat(page).contains("<span class=\"\">1 d (data date)</span>", "<span class=\"overdue\">65 d (data date)</span>");
  }

  @Test
  void anErrorPageSaysTheStatusAndNoMore() {
    String page = ErrorPage.render(403, "Forbidden", "web-01 belongs to another team", null);

    assertThat(page).contains("data-status=\"403\"", "403 · Forbidden", "web-01 belongs to another team")
        .doesNotContain("Exception");
  }

  @Test
  void afterSigningInOnlyAPathOnThisServerIsFollowed() {
    assertThat(DashboardRoutes.next("/findings?tier=T0")).isEqualTo("/findings?tier=T0");
    assertThat(DashboardRoutes.next("//evil.example/x")).isEqualTo("/");
    assertThat(DashboardRoutes.next("https://evil.example/")).isEqualTo("/");
    assertThat(DashboardRoutes.next("/\\evil.example")).isEqualTo("/");
    assertThat(DashboardRoutes.next(null)).isEqualTo("/");
  }

  @Test
  void theLoginPageCarriesWhereToGoBackEscaped() {
    assertThat(LoginPage.render(null, "ana", "/assets?q=\"x\"")).contains("name=\"next\" value=\"/assets?q=&quot;x&quot;\"");
  }
}
