package org.patchwarden.app.web.pages;

/** The sign-in form; {@code csrf} is the pre-session token the server checks on the POST. */
public final class LoginPage {
  private LoginPage() {}

  public static String render(String csrf, String error, String user) {
    return Layout.bare("Sign in", Html.of("""
        <h1>Patchwarden</h1>
        <form class="login" method="post" action="/login">
          {}
          <input type="hidden" name="csrf" value="{}">
          <label>User <input type="text" name="username" value="{}" autocomplete="username" required autofocus></label>
          <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
          <button type="submit" id="sign-in">Sign in</button>
        </form>
        """, Layout.notice("error", error), csrf, user));
  }
}
