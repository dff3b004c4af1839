package org.patchwarden.app.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The page shell every dashboard page shares: head, navigation, the signed-in user and logout. */
public final class Layout {
  /** The uPlot WebJar's files, served from the jar. */
  public static final String UPLOT = "/webjars/uplot/1.6.30/dist/";

  private static final List<String[]> NAV = List.of(
      new String[] {"overview", "/", "Overview"},
      new String[] {"assets", "/assets", "Assets"},
      new String[] {"findings", "/findings", "Findings"},
      new String[] {"changes", "/changes", "Changes"},
      new String[] {"feeds", "/feeds", "Feeds"});

  private Layout() {}

  /** A full page for a signed-in user; {@code active} names the navigation entry to mark. */
  public static String page(String title, String active, PageUser user, Html body, Html head) {
    Html nav = Html.join(NAV.stream().map(n -> Html.of("<a href=\"{}\"{}>{}</a>", n[1],
        Html.when(n[0].equals(active), new Html(" aria-current=\"page\"")), n[2])).toList());
    Html header = Html.of("""
        <header class="top">
          <a class="brand" href="/">Patchwarden</a>
          <nav>{}</nav>
          <form class="who" method="post" action="/logout">
            <span title="role: {}">{}</span>
            <input type="hidden" name="_csrf" value="{}">
            <button type="submit" class="link">Log out</button>
          </form>
        </header>
        """, nav, user.role(), user.name(), user.csrf());
    return document(title, Html.join(List.of(header, Html.of("<main>{}</main>", body))), head);
  }

  /** A page without navigation (login, errors before sign-in). */
  public static String bare(String title, Html body) {
    return document(title, Html.of("<main class=\"bare\">{}</main>", body), Html.EMPTY);
  }

  private static String document(String title, Html content, Html head) {
    return Html.of("""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{} · Patchwarden</title>
        <link rel="stylesheet" href="/static/dashboard.css">
        {}
        <script src="/static/dashboard.js" defer></script>
        </head>
        <body>
        {}
        </body>
        </html>
        """, title, head, content).text();
  }

  /** {@code s} encoded for a URL query value. */
  public static String query(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  /** A notice line: {@code kind} is {@code ok} or {@code error}; empty when there is no message. */
  public static Html notice(String kind, String message) {
    return message == null || message.isBlank() ? Html.EMPTY
        : Html.of("<p class=\"notice {}\" role=\"{}\">{}</p>", kind, kind.equals("error") ? "alert" : "status", message);
  }

  /** The hidden CSRF field of a form. */
  public static Html csrf(PageUser user) {
    return Html.of("<input type=\"hidden\" name=\"_csrf\" value=\"{}\">", user.csrf());
  }
}
