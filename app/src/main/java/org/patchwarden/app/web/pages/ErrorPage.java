package org.patchwarden.app.web.pages;

/** An error page (403, 404, 400): says what happened and where to go, never a stack trace. */
public final class ErrorPage {
  private ErrorPage() {}

  /** For a signed-in user (with navigation), or {@code user} null. */
  public static String render(int status, String title, String detail, PageUser user) {
    Html body = Html.of("""
        <h1 class="error-title" data-status="{}">{} · {}</h1>
        <p>{}</p>
        <p><a href="/">Back to the overview</a></p>
        """, status, status, title, detail);
    return user == null ? Layout.bare(title, body) : Layout.page(title, "", user, body, Html.EMPTY);
  }
}
