package org.patchwarden.app.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchwarden.app.App;
import org.patchwarden.app.web.pages.DashboardRoutes;
import org.patchwarden.usecase.SummarizeFindings;

/**
 * {@code GET /api/v1/overview}: the numbers of the dashboard's overview page (open findings by tier,
 * KEV exposure, overdue count, daily trend), from the same use case ({@link SummarizeFindings}) and
 * scoped to the caller's teams the same way.
 */
final class OverviewRoutes implements RouteModule {
  private final App app;

  OverviewRoutes(App app) {
    this.app = app;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get(ApiRoutes.BASE + "/overview", Permission.READ,
        "The dashboard overview of the caller's teams' findings: open by tier, KEV exposure, overdue, and the "
            + "daily trend of open and overdue findings over the last 'days' days (1-3660, default "
            + DashboardRoutes.TREND_DAYS + ")", this::overview).query("days").scoped());
  }

  private void overview(Context ctx) {
    Caller caller = Caller.of(ctx);
    int days = days(ctx.queryParam("days"));
    SummarizeFindings.Overview o = new SummarizeFindings(app.assessFindings(null), app.clock())
        .summarize(caller.user(), days);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("today", o.today().toString());
    doc.put("open", o.open());
    doc.put("kev_open", o.kevOpen());
    doc.put("kev_assets", o.kevAssets());
    doc.put("overdue", o.overdue());
    doc.put("by_tier", o.byTier().stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tier", t.tier());
      m.put("name", t.name());
      m.put("open", t.open());
      return m;
    }).toList());
    doc.put("trend", o.trend().stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("day", p.day().toString());
      m.put("open", p.open());
      m.put("overdue", p.overdue());
      return m;
    }).toList());
    ctx.json(doc);
  }

  private static int days(String text) {
    if (text == null || text.isBlank()) {
      return DashboardRoutes.TREND_DAYS;
    }
    try {
      int days = Integer.parseInt(text.strip());
      if (days >= 1 && days <= 3660) {
        return days;
      }
    } catch (NumberFormatException e) {
      // answered below, as an out-of-range number is
    }
    throw ApiProblem.badRequest("query parameter days='" + text + "': expected a whole number from 1 to 3660");
  }
}
