package org.patchwarden.app.web.pages;

/**
 * The sign-in form. It carries no CSRF token (there is no session yet); the server checks the
 * browser's Origin header instead, and the session cookie it sets is SameSite=Strict.
 */
public final class LoginPage {
  private LoginPage() {}

  public static String render(String error, String user) {
    return Layout.bare("Sign in", Html.of("""
        <h1>Patchwarden</h1>
        <form class="login" method="post" action="/login">
          {}
          <label>User <input type="text" name="name" value="{}" autocomplete="username" required autofocus></label>
          <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
          <button type="submit" id="sign-in">Sign in</button>
        </form>
        """, Layout.notice("error", error), user == null ? "" : user));
  }
}
