package org.patchwarden.app.web.pages;

import java.time.Instant;
import java.util.List;
import org.patchwarden.feed.FeedAge;
import org.patchwarden.feed.FeedVersion;

/** Feeds status: the current version of every loaded feed and how old its data is. */
public final class FeedsPage {
  /** Data older than this many days is marked stale (as {@code feeds status} does by default). */
  public static final int STALE_DAYS = 7;

  private FeedsPage() {}

  public static String render(List<FeedVersion> feeds, Instant now, PageUser user) {
    Html rows = Html.join(feeds.stream().map(v -> {
      FeedAge age = FeedAge.of(v, now);
      boolean stale = age.days() > STALE_DAYS;
      return Html.of("""
          <tr><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td><td><span class="{}">{} d{}</span></td></tr>
          """, v.source(), v.version(), v.records(), v.loadedAt().toString().substring(0, 16).replace('T', ' '),
          stale ? "overdue" : "", age.days(), age.byDataDate() ? " (data date)" : " (since loaded)");
    }).toList());
    Html body = Html.of("""
        <h1>Feeds</h1>
        <p class="muted">{} feeds loaded; data older than {} days is marked.</p>
        <div class="table-wrap"><table id="feeds">
        <thead><tr><th>Source</th><th>Version</th><th>Records</th><th>Loaded (UTC)</th><th>Age</th></tr></thead>
        <tbody>{}</tbody></table></div>
        """, feeds.size(), STALE_DAYS, rows);
    return Layout.page("Feeds", "feeds", user, body, Html.EMPTY);
  }
}
