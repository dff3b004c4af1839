package org.patchwarden.app.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP route: method, Javalin path ({@code /api/v1/assets/{name}}), who may call it, and what the
 * OpenAPI document says of it. Build with {@link #get}/{@link #post}, then {@link #query}/{@link #body}.
 *
 * @param queryParams the query parameters it reads (documented in OpenAPI)
 * @param bodyType the request body's media type, or null for none
 * @param teamScoped whether what it returns or acts on is limited to the caller's teams (analyst, viewer)
 */
public record Route(HandlerType method, String path, Permission permission, String summary, Handler handler,
    List<String> queryParams, String bodyType, boolean teamScoped) {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_-]+)}");

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
    queryParams = List.copyOf(queryParams);
  }

  public static Route get(String path, Permission permission, String summary, Handler handler) {
    return new Route(HandlerType.GET, path, permission, summary, handler, List.of(), null, false);
  }

  public static Route post(String path, Permission permission, String summary, Handler handler) {
    return new Route(HandlerType.POST, path, permission, summary, handler, List.of(), null, false);
  }

  public Route query(String... names) {
    return new Route(method, path, permission, summary, handler, List.of(names), bodyType, teamScoped);
  }

  public Route body(String mediaType) {
    return new Route(method, path, permission, summary, handler, queryParams, mediaType, teamScoped);
  }

  /** Marks the route as returning or acting on team-scoped data (assets, findings, changes). */
  public Route scoped() {
    return new Route(method, path, permission, summary, handler, queryParams, bodyType, true);
  }

  /** The names of the path's parameters, in order. */
  public List<String> pathParams() {
    Matcher m = PATH_PARAM.matcher(path);
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Whether this route belongs to the documented REST API (under {@code /api/v1}). */
  public boolean api() {
    return path.startsWith(ApiRoutes.BASE);
  }

  /** Whether the method changes state (then a session caller must send the CSRF token). */
  public boolean changesState() {
    return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
