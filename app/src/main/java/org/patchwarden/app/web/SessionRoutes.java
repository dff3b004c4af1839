package org.patchwarden.app.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.patchwarden.usecase.Authenticate;

/**
 * Browser sessions: {@code POST /api/v1/session} logs in (JSON or form: name, password) and sets the
 * session cookie; {@code GET} says who is signed in and gives the CSRF token; {@code POST
 * /api/v1/session/logout} ends it.
 */
public final class SessionRoutes implements RouteModule {
  public static final Duration LENGTH = Duration.ofHours(8);
  private final Authenticate auth;

  SessionRoutes(Authenticate auth) {
    this.auth = auth;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.post(ApiRoutes.BASE + "/session", Permission.PUBLIC,
        "Log in with name and password: sets the session cookie, returns the CSRF token", this::login)
        .body("application/json"));
    routes.add(Route.get(ApiRoutes.BASE + "/session", Permission.READ,
        "Who is signed in: name, role, teams (and the CSRF token of a browser session)", this::whoami));
    routes.add(Route.post(ApiRoutes.BASE + "/session/logout", Permission.READ, "End the browser session", this::logout));
  }

  private void login(Context ctx) {
    String name;
    String password;
    if (ctx.contentType() != null && ctx.contentType().startsWith("application/json")) {
      LoginForm form = ctx.bodyAsClass(LoginForm.class);
      name = form.name();
      password = form.password();
    } else {
      name = ctx.formParam("name");
      password = ctx.formParam("password");
    }
    if (name == null || password == null) {
      throw ApiProblem.badRequest("log in: expected fields 'name' and 'password'");
    }
    Authenticate.LoginResult result = auth.login(name, password, ctx.ip());
    if (result.refusal() == Authenticate.Refusal.THROTTLED) {
      ctx.header("Retry-After", "300");
      throw new ApiProblem(429, "Too many requests", "too many failed logins; try again in a few minutes");
    }
    Authenticate.Login login = result.login()
        .orElseThrow(() -> ApiProblem.unauthorized("user name or password wrong"));
    ctx.cookie(sessionCookie(login.sessionId(), (int) LENGTH.toSeconds()));
    ctx.json(whoami(login.user(), login.session().csrfToken()));
  }

  /** The session cookie: Secure, HttpOnly, SameSite=Strict, path /. */
  public static Cookie sessionCookie(String value, int maxAgeSeconds) {
    return new Cookie(RouteRegistry.SESSION_COOKIE, value, "/", maxAgeSeconds, true, true, null, SameSite.STRICT);
  }

  private void whoami(Context ctx) {
    Caller c = Caller.of(ctx);
    ctx.json(whoami(c.user(), c.session() == null ? null : c.session().csrfToken()));
  }

  private void logout(Context ctx) {
    auth.logout(ctx.cookie(RouteRegistry.SESSION_COOKIE));
    ctx.cookie(sessionCookie("", 0));
    ctx.status(204);
  }

  private static Map<String, Object> whoami(org.patchwarden.access.User user, String csrf) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", user.name());
    m.put("role", user.role().label());
    m.put("teams", user.teams());
    if (csrf != null) {
      m.put("csrfToken", csrf);
    }
    return m;
  }

  /** The JSON body of a login. */
  record LoginForm(String name, String password) {}
}
