package org.patchwarden.app.web.pages;

import io.javalin.http.Context;
import org.patchwarden.app.web.Caller;

/**
 * Errors of dashboard pages as HTML: a browser asking for a page gets a page (sign-in for 401, an
 * error page otherwise), while the API and other clients keep problem+json.
 */
public final class PageErrors {
  private PageErrors() {}

  /** Writes the error as a page and returns true when the request is a browser's for a dashboard page. */
  public static boolean write(Context ctx, int status, String title, String detail) {
    String accept = ctx.header("Accept");
    if (ctx.path().startsWith("/api/") || accept == null || !accept.contains("text/html")) {
      return false;
    }
    if (status == 401) {
      ctx.redirect(org.patchwarden.app.web.RouteRegistry.LOGIN_PAGE, io.javalin.http.HttpStatus.SEE_OTHER);
      return true;
    }
    Caller caller = Caller.orNull(ctx);
    ctx.status(status).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
        .result(ErrorPage.render(status, title, detail, caller == null ? null : DashboardRoutes.user(caller)));
    return true;
  }
}
