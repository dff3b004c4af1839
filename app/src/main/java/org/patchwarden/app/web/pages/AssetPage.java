package org.patchwarden.app.web.pages;

import java.time.LocalDate;
import java.util.List;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.Finding;

/** One asset: its context and its findings, each with the assessment's rationale. */
public final class AssetPage {
  private AssetPage() {}

  public static String render(Asset a, List<PrioritisedFinding> findings, LocalDate today, PageUser user) {
    Html items = Html.join(findings.stream().map(p -> {
      Finding f = p.finding();
      Assessment s = p.assessment();
      return Html.of("""
          <li class="finding"><div class="head"><span class="badge t{}">{} {}</span> <b>{}</b> {} → {} · {}\
           · {}</div><div class="rationale">{}</div></li>
          """, s.tierRank(), s.tier(), s.tierName(), f.installed().name(), f.installed().version(),
          f.fixedVersion().isEmpty() ? "no fix" : f.fixedVersion(), f.advisoryId(),
          FindingsPage.due(s, p.tracked().status(), today), s.rationale());
    }).toList());
    Html body = Html.of("""
        <h1>{}</h1>
        <dl class="context">
          <dt>Kind</dt><dd>{}</dd><dt>Environment</dt><dd>{}</dd><dt>Team</dt><dd>{}</dd>
          <dt>Criticality</dt><dd>{}</dd><dt>Internet-facing</dt><dd>{}</dd><dt>Tags</dt><dd>{}</dd>
        </dl>
        <h2>Open findings ({})</h2>
        <p><a href="/findings?asset={}">Select findings to plan a change</a></p>
        <ul class="findings" id="asset-findings">{}</ul>
        """, a.name(), a.kind().toString().toLowerCase(java.util.Locale.ROOT), AssetsPage.orDash(a.environment()),
        AssetsPage.orDash(a.ownerTeam()), a.criticality() == null ? "not stated" : a.criticality(),
        a.internetFacing() == null ? "not stated" : a.internetFacing() ? "yes" : "no",
        a.tags().isEmpty() ? "–" : String.join(", ", new java.util.TreeSet<>(a.tags())), findings.size(),
        Layout.query(a.name()), items);
    return Layout.page(a.name(), "assets", user, body, Html.EMPTY);
  }
}
