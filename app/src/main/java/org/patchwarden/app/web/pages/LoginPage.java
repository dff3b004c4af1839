package org.patchwarden.app.web.pages;

/**
 * The sign-in form. It carries no CSRF token (there is no session yet); the server checks the
 * browser's Origin header instead, and the session cookie it sets is SameSite=Strict.
 */
public final class LoginPage {
  private LoginPage() {}

  /** @param next where to go after signing in (a path on this server) */
  public static String render(String error, String user, String next) {
    return Layout.bare("Sign in", Html.of("""
        <h1>Patchwarden</h1>
        <form class="login" method="post" action="/login">
          {}
          <input type="hidden" name="next" value="{}">
          <label>User <input type="text" name="name" value="{}" autocomplete="username" required autofocus></label>
          <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
          <button type="submit" id="sign-in">Sign in</button>
        </form>
        """, Layout.notice("error", error), next, user == null ? "" : user));
  }
}
