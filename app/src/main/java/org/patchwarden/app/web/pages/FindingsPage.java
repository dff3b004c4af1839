package org.patchwarden.app.web.pages;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStatus;

/** Findings: filters, the most urgent first, and (for planners) select several to plan a change. */
public final class FindingsPage {
  /** How many rows one page shows (the largest page {@code BrowseFindings} gives). */
  public static final int LIMIT = org.patchwarden.usecase.BrowseFindings.MAX_PAGE_SIZE;

  private FindingsPage() {}

  /**
   * The filters as the query string gave them; blank is unset.
   *
   * @param status {@code open} (default), {@code fixed}, {@code retracted}, {@code not_affected} or {@code all}
   * @param sort {@code urgency} (default), {@code due}, {@code first_seen} or {@code asset}
   * @param page 1-based
   */
  public record Filters(String tier, String asset, String cve, String status, boolean kev, String sort, int page) {
    public Filters {
      tier = blankToNull(tier);
      asset = blankToNull(asset);
      cve = blankToNull(cve);
      status = blankToNull(status) == null ? "open" : status.strip().toLowerCase(Locale.ROOT);
      sort = blankToNull(sort) == null ? "urgency" : sort.strip().toLowerCase(Locale.ROOT);
      page = Math.max(1, page);
    }

    /** The status to list, or null for all. */
    public FindingStatus findingStatus() {
      return status.equals("all") ? null : FindingStatus.valueOf(status.toUpperCase(Locale.ROOT));
    }

    /** The query string of these filters on page {@code n}. */
    String query(int n) {
      StringBuilder q = new StringBuilder("?status=").append(Layout.query(status)).append("&sort=")
          .append(Layout.query(sort)).append("&page=").append(n);
      if (tier != null) {
        q.append("&tier=").append(Layout.query(tier));
      }
      if (asset != null) {
        q.append("&asset=").append(Layout.query(asset));
      }
      if (cve != null) {
        q.append("&cve=").append(Layout.query(cve));
      }
      if (kev) {
        q.append("&kev=on");
      }
      return q.toString();
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * @param found the page of findings shown
   * @param total how many match in all
   */
  public static String render(Filters f, List<String> tiers, List<PrioritisedFinding> found, int total, LocalDate today,
      PageUser user, String notice, String error) {
    Html tierOptions = Html.join(java.util.stream.Stream.concat(java.util.stream.Stream.of(""), tiers.stream())
        .map(t -> Html.of("<option value=\"{}\"{}>{}</option>", t, Html.when(t.equalsIgnoreCase(
            f.tier() == null ? "" : f.tier()), new Html(" selected")), t.isEmpty() ? "any" : t)).toList());
    Html statusOptions = Html.join(List.of("open", "fixed", "retracted", "not_affected", "all").stream()
        .map(s -> Html.of("<option value=\"{}\"{}>{}</option>", s, Html.when(s.equals(f.status()),
            new Html(" selected")), s.replace('_', ' '))).toList());
    boolean selectable = user.canPlan() && "open".equals(f.status());
    Html rows = Html.join(found.stream().map(p -> row(p, today, selectable)).toList());
    Html sortOptions = Html.join(List.of("urgency", "due", "first_seen", "asset").stream()
        .map(s -> Html.of("<option value=\"{}\"{}>{}</option>", s, Html.when(s.equals(f.sort()),
            new Html(" selected")), s.replace('_', ' '))).toList());
    int from = (f.page() - 1) * LIMIT;
    Html pages = Html.of("<nav class=\"pages\">{}{}</nav>",
        Html.when(f.page() > 1, Html.of("<a href=\"/findings{}\" rel=\"prev\">← previous</a> ", f.query(f.page() - 1))),
        Html.when(from + found.size() < total, Html.of("<a href=\"/findings{}\" rel=\"next\">next →</a>",
            f.query(f.page() + 1))));
    Html planForm = Html.when(selectable, Html.of("""
        <div class="plan-bar">
          <label>Change title <input type="text" name="title" maxlength="200" placeholder="optional"></label>
          <button type="submit" id="plan-change">Plan a change of the selected findings</button>
          <span class="muted" id="selected-count" aria-live="polite"></span>
        </div>
        """));
    Html body = Html.of("""
        <h1>Findings</h1>
        {}{}
        <form class="filters" method="get" action="/findings">
          <label>Tier <select name="tier">{}</select></label>
          <label>Asset <input type="text" name="asset" value="{}"></label>
          <label>CVE or advisory <input type="text" name="cve" value="{}"></label>
          <label>Status <select name="status">{}</select></label>
          <label>Sort <select name="sort">{}</select></label>
          <label class="check"><input type="checkbox" name="kev"{}> in CISA KEV</label>
          <button type="submit">Filter</button>
        </form>
        <p class="muted" id="finding-count" data-count="{}">{} findings{}</p>
        {}
        <form method="post" action="/findings/plan" id="plan-form">
        {}
        {}
        <div class="table-wrap"><table id="findings" class="cards">
        <thead><tr>{}<th>Tier</th><th>Asset</th><th>Package</th><th>Fix</th><th>Advisory</th><th>Due</th></tr></thead>
        <tbody>{}</tbody></table></div>
        </form>
        """, Layout.notice("ok", notice), Layout.notice("error", error), tierOptions,
        f.asset(), f.cve(), statusOptions, sortOptions, checked(f.kev()),
        total, total, total > found.size() ? ", " + (found.isEmpty() ? 0 : from + 1) + "–" + (from + found.size())
            + " shown" : "", pages,
        Layout.csrf(user), planForm,
        Html.when(selectable, new Html("<th><input type=\"checkbox\" id=\"select-all\" aria-label=\"select all\"></th>")),
        rows);
    return Layout.page("Findings", "findings", user, body, Html.EMPTY);
  }

  private static Html checked(boolean on) {
    return Html.when(on, new Html(" checked"));
  }

  private static Html row(PrioritisedFinding p, LocalDate today, boolean selectable) {
    Finding f = p.finding();
    Assessment a = p.assessment();
    Html box = Html.when(selectable, Html.of(
        "<td><input type=\"checkbox\" name=\"finding\" value=\"{}\" aria-label=\"select {}\"></td>", f.key(), f.key()));
    return Html.of("""
        <tr data-key="{}">{}<td><span class="badge t{}" title="{}">{}</span></td>\
        <td><a href="/assets/view?name={}">{}</a></td><td>{} {}</td><td>{}</td>\
        <td><details><summary>{}{}</summary><p class="rationale">{}</p></details></td><td>{}</td></tr>
        """, f.key(), box, a.tierRank(), a.tierName(), a.tier(), Layout.query(f.assetName()), f.assetName(),
        f.installed().name(), f.installed().version(), f.fixedVersion().isEmpty() ? "no fix" : "→ " + f.fixedVersion(),
        f.advisoryId(), Html.when(a.signals().inKev(), new Html(" <span class=\"kev\">KEV</span>")), a.rationale(),
        due(a, p.tracked().status(), today));
  }

  /** The due date, marked when an open finding is past it. */
  static Html due(Assessment a, FindingStatus status, LocalDate today) {
    if (status == FindingStatus.OPEN && a.overdue(today)) {
      return Html.of("<span class=\"overdue\">{} (overdue {} d)</span>", a.dueDate(), a.daysOverdue(today));
    }
    return Html.of("{}", a.dueDate());
  }
}
