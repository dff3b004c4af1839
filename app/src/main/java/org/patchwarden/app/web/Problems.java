package org.patchwarden.app.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors as RFC 9457 {@code application/problem+json}: refused input and domain refusals say what
 * and where; an internal error says only its id (logged with the stack trace, never sent).
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  static void install(RoutesConfig routes) {
    routes.exception(ApiProblem.class, (e, ctx) -> write(ctx, e.status(), e.title(), e.getMessage()));
    // Domain refusals (bad values, unknown ids, illegal transitions) carry messages meant for people.
    routes.exception(IllegalArgumentException.class, (e, ctx) -> write(ctx, 400, "Bad request", e.getMessage()));
    routes.exception(java.util.NoSuchElementException.class, (e, ctx) -> write(ctx, 404, "Not found", e.getMessage()));
    routes.exception(org.patchwarden.remediate.IllegalTransition.class, (e, ctx) -> write(ctx, 409, "Conflict", e.getMessage()));
    routes.exception(org.patchwarden.remediate.ChangeConflict.class, (e, ctx) -> write(ctx, 409, "Conflict", e.getMessage()));
    routes.exception(IllegalStateException.class, (e, ctx) -> write(ctx, 409, "Conflict", e.getMessage()));
    routes.exception(org.patchwarden.feed.FeedFormatException.class,
        (e, ctx) -> write(ctx, 400, "Input refused", e.getMessage()));
    routes.exception(com.fasterxml.jackson.core.JacksonException.class,
        (e, ctx) -> write(ctx, 400, "Bad request", "request body: not the JSON expected: " + e.getOriginalMessage()));
    routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), title(e.getStatus()), e.getMessage()));
    routes.exception(Exception.class, (e, ctx) -> {
      String id = UUID.randomUUID().toString();
      LOG.error("internal error {} on {} {}", id, ctx.method(), ctx.path(), e);
      write(ctx, 500, "Internal server error", "internal error " + id + " (the server log has the details)");
    });
    for (int status : new int[] {404, 405, 413}) {
      routes.error(status, "*", ctx -> {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith(MEDIA_TYPE)) { // not already a problem document of a handler
          String detail = status == 413 ? "request body larger than " + WebServer.MAX_REQUEST_BYTES + " bytes"
              : "no route " + ctx.method() + " " + ctx.path();
          write(ctx, status, title(status), detail);
        }
      });
    }
  }

  static void write(Context ctx, int status, String title, String detail) {
    if (org.patchwarden.app.web.pages.PageErrors.write(ctx, status, title, detail)) {
      return; // a browser asked for a dashboard page: it gets a page, not problem+json
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail == null ? title : detail);
    body.put("instance", ctx.path());
    ctx.status(status).json(body).contentType(MEDIA_TYPE);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 409 -> "Conflict";
      case 413 -> "Content too large";
      default -> "Error " + status;
    };
  }
}
