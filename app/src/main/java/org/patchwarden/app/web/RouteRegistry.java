package org.patchwarden.app.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.patchwarden.access.Session;
import org.patchwarden.access.User;
import org.patchwarden.usecase.Authenticate;

/**
 * Every route the server has, in one list: installing them wraps each handler with authentication
 * (API token or session cookie), the route's {@link Permission} and the CSRF check; tests read
 * {@link #routes()} to check the OpenAPI document and the role matrix cover them all.
 */
public final class RouteRegistry {
  /** The session cookie; Secure, HttpOnly, SameSite=Strict. */
  public static final String SESSION_COOKIE = "pw_session";
  /** The header (or form field {@link #CSRF_FIELD}) a session caller sends its CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "_csrf";
  /** Where a page request without a session is sent (the dashboard's log-in page). */
  public static final String LOGIN_PAGE = "/login";

  private final List<Route> routes = new ArrayList<>();

  public RouteRegistry add(Route route) {
    for (Route r : routes) {
      if (r.method() == route.method() && r.path().equals(route.path())) {
        throw new IllegalStateException("route registered twice: " + route);
      }
    }
    routes.add(route);
    return this;
  }

  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }

  /** Installs every route onto Javalin's routing, each behind authentication and authorization. */
  void install(RoutesConfig config, Authenticate auth) {
    for (Route r : routes) {
      config.addHttpHandler(r.method(), r.path(), guarded(r, auth));
    }
  }

  private static Handler guarded(Route route, Authenticate auth) {
    return ctx -> {
      if (ctx.req().getContentLengthLong() > WebServer.MAX_REQUEST_BYTES) {
        throw new ApiProblem(413, "Content too large", "request body larger than " + WebServer.MAX_REQUEST_BYTES + " bytes");
      }
      Caller caller = identify(ctx, auth, route);
      if (caller != null) {
        ctx.attribute(Caller.ATTRIBUTE, caller);
      }
      if (route.permission().needsUser()) {
        if (caller == null && !route.api() && route.method() == io.javalin.http.HandlerType.GET) {
          // A dashboard page asked for without a session: to the log-in page, and back after it.
          ctx.redirect(LOGIN_PAGE + "?next=" + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8));
          return;
        }
        if (caller == null) {
          throw ApiProblem.unauthorized("sign in: send 'Authorization: Bearer TOKEN' or log in (POST /api/v1/session)");
        }
        if (!route.permission().allows(caller.user().role())) {
          throw ApiProblem.forbidden("role " + caller.user().role().label() + " may not " + route
              + " (needs " + route.permission().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
      }
      route.handler().handle(ctx);
    };
  }

  /** The caller by bearer token, else by session cookie (with the CSRF check), else null. */
  private static Caller identify(Context ctx, Authenticate auth, Route route) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw ApiProblem.unauthorized("Authorization header: expected 'Bearer TOKEN'");
      }
      User user = auth.byToken(authorization.substring(7).strip())
          .orElseThrow(() -> ApiProblem.unauthorized("API token not recognised"));
      return new Caller(user, null);
    }
    Optional<Session> session = auth.session(ctx.cookie(SESSION_COOKIE));
    if (session.isEmpty()) {
      return null;
    }
    Optional<User> user = auth.user(session.get().userName());
    if (user.isEmpty()) {
      return null;
    }
    if (route.changesState()) {
      String sent = ctx.header(CSRF_HEADER);
      if (sent == null && isForm(ctx)) {
        sent = ctx.formParam(CSRF_FIELD);
      }
      if (!org.patchwarden.access.Secrets.same(sent, session.get().csrfToken())) {
        if (!route.permission().needsUser()) {
          return null; // a public form (log in) posted from a page of an old session: not as that user
        }
        throw ApiProblem.forbidden("CSRF token missing or wrong: send the session's token in the " + CSRF_HEADER
            + " header or the " + CSRF_FIELD + " form field");
      }
    }
    return new Caller(user.get(), session.get());
  }

  private static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
  }
}
