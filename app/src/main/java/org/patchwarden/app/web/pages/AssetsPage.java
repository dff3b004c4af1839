package org.patchwarden.app.web.pages;

import java.util.List;
import org.patchwarden.inventory.Asset;

/** Assets: a search over the assets the user can see, with their open findings. */
public final class AssetsPage {
  private AssetsPage() {}

  /** One asset with its count of open findings. */
  public record Row(Asset asset, int open, int overdue) {}

  public static String render(String query, List<Row> rows, PageUser user) {
    Html lines = Html.join(rows.stream().map(r -> {
      Asset a = r.asset();
      return Html.of("""
          <tr><td><a href="/assets/view?name={}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
          <td class="num">{}</td><td class="num">{}</td></tr>
          """, Layout.query(a.name()), a.name(), a.kind().toString().toLowerCase(java.util.Locale.ROOT),
          orDash(a.environment()), orDash(a.ownerTeam()), a.criticality() == null ? "–" : a.criticality(),
          r.open(), r.overdue());
    }).toList());
    Html body = Html.of("""
        <h1>Assets</h1>
        <form class="filters" method="get" action="/assets" role="search">
          <label>Search <input type="search" name="q" value="{}" placeholder="name, team, environment or tag"></label>
          <button type="submit">Search</button>
        </form>
        <p class="muted" id="asset-count">{} assets</p>
        <div class="table-wrap"><table id="assets" class="cards">
        <thead><tr><th>Name</th><th>Kind</th><th>Environment</th><th>Team</th><th>Criticality</th><th>Open</th><th>Overdue</th></tr></thead>
        <tbody>{}</tbody></table></div>
        """, query == null ? "" : query, rows.size(), lines);
    return Layout.page("Assets", "assets", user, body, Html.EMPTY);
  }

  static String orDash(String s) {
    return s == null || s.isBlank() ? "–" : s;
  }
}
