package org.patchwarden.app.web.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.patchwarden.app.App;
import org.patchwarden.app.web.Permission;
import org.patchwarden.app.web.Route;
import org.patchwarden.app.web.RouteModule;
import org.patchwarden.app.web.RouteRegistry;

/**
 * {@code /metrics} (Prometheus text), {@code /health} (liveness: the process answers) and {@code
 * /ready} (readiness: the database answers and its schema is this build's), public like a load
 * balancer's probes need, plus the hook that times and logs every request.
 */
public final class OpsRoutes implements RouteModule {
  private final App app;
  private final ServerMetrics metrics;

  public OpsRoutes(App app, ServerMetrics metrics) {
    this.app = app;
    this.metrics = metrics;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get("/metrics", Permission.PUBLIC, "Prometheus metrics: request latency per route, match"
        + " duration, job duration, feed age per source, open findings", this::metrics));
    routes.add(Route.get("/health", Permission.PUBLIC, "Liveness: the server process answers", this::health));
    routes.add(Route.get("/ready", Permission.PUBLIC, "Readiness: the database answers with the current schema (503"
        + " otherwise)", this::ready));
  }

  private void metrics(Context ctx) {
    ctx.contentType(ServerMetrics.contentType()).result(metrics.scrape());
  }

  private void health(Context ctx) {
    ctx.json(Map.of("status", "up"));
  }

  private void ready(Context ctx) {
    var r = app.readiness();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", r.ready() ? "ready" : "not ready");
    doc.put("database", r.reachable() ? "reachable" : "unreachable");
    doc.put("schema", r.installed());
    doc.put("schema_expected", r.expected());
    if (r.problem() != null) {
      doc.put("problem", r.problem());
    }
    ctx.status(r.ready() ? 200 : 503).json(doc);
  }

  /**
   * Times every request into the metrics under its route template and logs it as JSON.
   *
   * @param user the caller's name for the log, or null
   */
  public static void install(JavalinConfig config, ServerMetrics metrics, Function<Context, String> user) {
    RequestLog.install();
    config.requestLogger.http((ctx, ms) -> {
      Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
      // the template, never the raw path: one series per route, not one per asset name
      String route = endpoint == null ? "unmatched" : endpoint.path;
      double millis = ms == null ? 0 : ms;
      metrics.recordRequest(ctx.method().name(), route, ctx.statusCode(), (long) (millis * 1_000_000));
      RequestLog.log(ctx.method().name(), route, ctx.path(), ctx.statusCode(), millis, user.apply(ctx));
    });
  }
}
