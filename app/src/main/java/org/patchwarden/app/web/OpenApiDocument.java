package org.patchwarden.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of the REST API, made from the route registry: every {@code /api/v1}
 * route with its summary, parameters, body type, the roles allowed, and the problem+json errors.
 */
public final class OpenApiDocument {
  private OpenApiDocument() {}

  public static Map<String, Object> of(List<Route> routes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put("info", Map.of("title", "Patchwarden API", "version", "1",
        "description", "Vulnerability and patch-management control plane. Authenticate with "
            + "'Authorization: Bearer TOKEN' (patchwarden user token NAME) or a browser session (POST /api/v1/session)."));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Route r : routes) {
      if (!r.api()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
      item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
    }
    doc.put("paths", paths);
    doc.put("components", Map.of(
        "securitySchemes", Map.of(
            "bearer", Map.of("type", "http", "scheme", "bearer"),
            "session", Map.of("type", "apiKey", "in", "cookie", "name", RouteRegistry.SESSION_COOKIE)),
        "schemas", Map.of("Problem", Map.of("type", "object", "properties", Map.of(
            "type", Map.of("type", "string"), "title", Map.of("type", "string"),
            "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
            "instance", Map.of("type", "string"))))));
    return doc;
  }

  private static Map<String, Object> operation(Route r) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", r.summary());
    op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
    op.put("x-permission", r.permission().name().toLowerCase(Locale.ROOT));
    op.put("x-team-scoped", r.teamScoped());
    List<Map<String, Object>> params = new java.util.ArrayList<>();
    for (String p : r.pathParams()) {
      params.add(Map.of("name", p, "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    for (String q : r.queryParams()) {
      params.add(Map.of("name", q, "in", "query", "required", false, "schema", Map.of("type", "string")));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    if (r.bodyType() != null) {
      op.put("requestBody", Map.of("required", true, "content", Map.of(r.bodyType(), Map.of("schema", Map.of()))));
    }
    op.put("security", r.permission().needsUser() ? List.of(Map.of("bearer", List.of()), Map.of("session", List.of()))
        : List.of());
    Map<String, Object> problem = Map.of("content", Map.of(Problems.MEDIA_TYPE,
        Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", "OK", "content", Map.of("application/json", Map.of("schema", Map.of()))));
    responses.put("400", with("Refused input", problem));
    if (r.permission().needsUser()) {
      responses.put("401", with("Not signed in", problem));
      responses.put("403", with("Role not allowed (or CSRF token missing)", problem));
    }
    responses.put("404", with("Not found (or another team's asset)", problem));
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> with(String description, Map<String, Object> content) {
    Map<String, Object> m = new LinkedHashMap<>(content);
    m.put("description", description);
    return m;
  }
}
