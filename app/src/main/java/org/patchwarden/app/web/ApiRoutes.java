package org.patchwarden.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.app.App;
import org.patchwarden.inventory.Asset;

/**
 * The REST API under {@code /api/v1}: thin handlers that parse the request, call the same core use
 * cases as the CLI, filter to the caller's teams and write JSON.
 */
final class ApiRoutes implements RouteModule {
  static final String BASE = "/api/v1";
  private final App app;
  private final ObjectMapper json;

  ApiRoutes(App app, ObjectMapper json) {
    this.app = app;
    this.json = json;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get(BASE + "/assets", Permission.READ, "Assets the caller's teams own, with their context",
        this::assets).query("q").scoped());
    routes.add(Route.get(BASE + "/assets/{name}", Permission.READ, "One asset's context", this::asset).scoped());
  }

  private void assets(Context ctx) {
    Caller caller = Caller.of(ctx);
    String q = ctx.queryParam("q");
    List<Map<String, Object>> out = app.assetContexts().list().stream()
        .filter(a -> caller.sees(a.ownerTeam()))
        .filter(a -> q == null || a.name().contains(q))
        .map(ApiRoutes::asset).toList();
    ctx.json(out);
  }

  private void asset(Context ctx) {
    Caller caller = Caller.of(ctx);
    String name = ctx.pathParam("name");
    Asset a = app.assetContexts().find(name).orElseThrow(() -> ApiProblem.notFound("asset '" + name + "' not found"));
    caller.mustSee(name, a.ownerTeam());
    ctx.json(asset(a));
  }

  static Map<String, Object> asset(Asset a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
    m.put("environment", a.environment());
    m.put("team", a.ownerTeam());
    m.put("criticality", a.criticality());
    m.put("internetFacing", a.internetFacing());
    m.put("tags", a.tags().stream().sorted().toList());
    return m;
  }
}
