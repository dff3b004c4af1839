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
  /** How many rows one page shows; the count says how many matched. */
  public static final int LIMIT = 500;

  private FindingsPage() {}

  /**
   * The filters as the query string gave them; blank is unset.
   *
   * @param status {@code open} (default), {@code fixed}, {@code retracted}, {@code not_affected} or {@code all}
   */
  public record Filters(String tier, String asset, String packageName, String advisory, String status, boolean kev,
      boolean overdue) {
    public Filters {
      tier = blankToNull(tier);
      asset = blankToNull(asset);
      packageName = blankToNull(packageName);
      advisory = blankToNull(advisory);
      status = blankToNull(status) == null ? "open" : status.strip().toLowerCase(Locale.ROOT);
    }

    /** The status to list, or null for all. */
    public FindingStatus findingStatus() {
      return status.equals("all") ? null : FindingStatus.valueOf(status.toUpperCase(Locale.ROOT));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public static String render(Filters f, List<String> tiers, List<PrioritisedFinding> found, LocalDate today,
      PageUser user, String notice, String error) {
    Html tierOptions = Html.join(java.util.stream.Stream.concat(java.util.stream.Stream.of(""), tiers.stream())
        .map(t -> Html.of("<option value=\"{}\"{}>{}</option>", t, Html.when(t.equalsIgnoreCase(
            f.tier() == null ? "" : f.tier()), new Html(" selected")), t.isEmpty() ? "any" : t)).toList());
    Html statusOptions = Html.join(List.of("open", "fixed", "retracted", "not_affected", "all").stream()
        .map(s -> Html.of("<option value=\"{}\"{}>{}</option>", s, Html.when(s.equals(f.status()),
            new Html(" selected")), s.replace('_', ' '))).toList());
    boolean selectable = user.canPlan() && "open".equals(f.status());
    List<PrioritisedFinding> shown = found.size() > LIMIT ? found.subList(0, LIMIT) : found;
    Html rows = Html.join(shown.stream().map(p -> row(p, today, selectable)).toList());
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
          <label>Package <input type="text" name="package" value="{}"></label>
          <label>Advisory or CVE <input type="text" name="advisory" value="{}"></label>
          <label>Status <select name="status">{}</select></label>
          <label class="check"><input type="checkbox" name="kev"{}> in CISA KEV</label>
          <label class="check"><input type="checkbox" name="overdue"{}> overdue</label>
          <button type="submit">Filter</button>
        </form>
        <p class="muted" id="finding-count" data-count="{}">{} findings{}</p>
        <form method="post" action="/findings/plan" id="plan-form">
        {}
        {}
        <div class="table-wrap"><table id="findings">
        <thead><tr>{}<th>Tier</th><th>Asset</th><th>Package</th><th>Fix</th><th>Advisory</th><th>Due</th></tr></thead>
        <tbody>{}</tbody></table></div>
        </form>
        """, Layout.notice("ok", notice), Layout.notice("error", error), tierOptions,
        f.asset(), f.packageName(), f.advisory(), statusOptions, checked(f.kev()), checked(f.overdue()),
        found.size(), found.size(), found.size() > LIMIT ? " (the " + LIMIT + " most urgent shown)" : "",
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
        f.installed().name(), f.installed().version(), f.fixedVersion().isEmpty() ? "–" : f.fixedVersion(),
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
