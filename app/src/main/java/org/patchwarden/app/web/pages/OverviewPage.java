package org.patchwarden.app.web.pages;

import java.util.List;
import org.patchwarden.usecase.SummarizeFindings.Overview;
import org.patchwarden.usecase.SummarizeFindings.TrendPoint;

/** The overview: open findings by tier, KEV exposure, overdue count and the trend as a chart. */
public final class OverviewPage {
  private OverviewPage() {}

  public static String render(Overview o, PageUser user) {
    Html tiers = Html.join(o.byTier().stream().map(t -> Html.of(
        "<li class=\"tile tier\"><a href=\"/findings?tier={}\"><span class=\"n\" data-tier=\"{}\">{}</span>"
            + "<span class=\"l\">{} {}</span></a></li>", Layout.query(t.tier()), t.tier(), t.open(), t.tier(),
        t.name())).toList());
    // The trend is a table first (readable without script); dashboard.js draws it as a chart.
    Html rows = Html.join(o.trend().reversed().stream().map(p -> Html.of(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", p.day(), p.open(), p.overdue()))
        .toList());
    Html body = Html.of("""
        <h1>Overview</h1>
        <p class="muted">As of {} · findings of the assets you can see</p>
        <ul class="tiles">
          <li class="tile"><a href="/findings"><span class="n" id="open-total">{}</span><span class="l">open findings</span></a></li>
          <li class="tile kev"><a href="/findings?kev=on"><span class="n" id="kev-open">{}</span><span class="l">in CISA KEV, on <b id="kev-assets">{}</b> assets</span></a></li>
          <li class="tile overdue"><a href="/findings?sort=due"><span class="n" id="overdue">{}</span><span class="l">overdue</span></a></li>
        </ul>
        <h2>Open findings by tier</h2>
        <ul class="tiles" id="tiers">{}</ul>
        <h2>Trend, last {} days</h2>
        <div id="trend-chart" class="chart" aria-hidden="true"></div>
        <script type="application/json" id="trend-data">{}</script>
        <details class="trend-table"><summary>Trend as a table</summary>
        <div class="table-wrap"><table><thead><tr><th>Day</th><th>Open</th><th>Overdue</th></tr></thead>
        <tbody>{}</tbody></table></div></details>
        """, o.today(), o.open(), o.kevOpen(), o.kevAssets(), o.overdue(), tiers, o.trend().size(),
        new Html(trendJson(o.trend())), rows);
    Html head = Html.of("<link rel=\"stylesheet\" href=\"{}uPlot.min.css\"><script src=\"{}uPlot.iife.min.js\" defer>"
        + "</script>", Layout.UPLOT, Layout.UPLOT);
    return Layout.page("Overview", "overview", user, body, head);
  }

  /** The trend as JSON arrays; only dates and numbers, so nothing in it can end the script element. */
  static String trendJson(List<TrendPoint> trend) {
    StringBuilder days = new StringBuilder();
    StringBuilder open = new StringBuilder();
    StringBuilder overdue = new StringBuilder();
    for (TrendPoint p : trend) {
      String sep = days.isEmpty() ? "" : ",";
      days.append(sep).append('"').append(p.day()).append('"');
      open.append(sep).append(p.open());
      overdue.append(sep).append(p.overdue());
    }
    return "{\"days\":[" + days + "],\"open\":[" + open + "],\"overdue\":[" + overdue + "]}";
  }
}
