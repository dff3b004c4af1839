package org.patchwarden.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Serves {@code /api/v1/openapi.json}: the OpenAPI 3.1 document made from the route registry. */
final class OpenApiRoutes implements RouteModule {
  private final RouteRegistry registry;
  private final ObjectMapper json;

  OpenApiRoutes(RouteRegistry registry, ObjectMapper json) {
    this.registry = registry;
    this.json = json;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get(ApiRoutes.BASE + "/openapi.json", Permission.PUBLIC,
        "This API's OpenAPI 3.1 document", ctx -> ctx.contentType("application/json")
            .result(json.writeValueAsString(OpenApiDocument.of(registry.routes())))));
  }
}
