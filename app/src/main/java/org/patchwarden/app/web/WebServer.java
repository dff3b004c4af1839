package org.patchwarden.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import org.patchwarden.access.LoginThrottle;
import org.patchwarden.app.App;
import org.patchwarden.usecase.Authenticate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of {@code patchwarden serve}: the Javalin app built from the composition root.
 * Routes come from the {@link RouteModule}s in {@link #modules}: add a module there (dashboard
 * pages, health, metrics) and its routes are guarded, documented-checked and in the role matrix.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  /** Request bodies above this are refused (413): an inventory upload of a large host is a few MB. */
  public static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

  private final App app;
  private final RouteRegistry registry = new RouteRegistry();
  private final ObjectMapper json = mapper();
  private final Authenticate authenticate;
  private final org.patchwarden.app.web.ops.ServerMetrics metrics;
  private final org.patchwarden.usecase.RecordUploads uploads;
  private final PageCache pages = new PageCache(PageCache.defaultBudget());
  private Javalin javalin;

  public WebServer(App app) {
    this.app = app;
    this.authenticate = app.authenticate(new LoginThrottle(5, 50, Duration.ofMinutes(5), app.clock()));
    this.metrics = app.serverMetrics();
    this.uploads = app.recordUploads(work -> () -> metrics.timeMatch(work));
    for (RouteModule module : modules()) {
      module.register(registry);
    }
  }

  /** Every module of routes, in order: the one list to extend. */
  private List<RouteModule> modules() {
    return List.of(
        new SessionRoutes(authenticate),
        new ApiRoutes(app, json, pages),
        new ChangeRoutes(app),
        new InventoryRoutes(app, uploads),
        new org.patchwarden.app.web.ops.OpsRoutes(app, metrics),
        new ExportRoutes(app),
        new ReportRoutes(app),
        new OverviewRoutes(app),
        new OpenApiRoutes(registry, json),
        new org.patchwarden.app.web.pages.DashboardRoutes(app, authenticate));
  }

  /** The JSON mapper of requests and responses: ISO-8601 times, records as objects. */
  public static ObjectMapper mapper() {
    return new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The metrics {@code /metrics} serves; the scheduler and the upload route time into them. */
  public org.patchwarden.app.web.ops.ServerMetrics metrics() {
    return metrics;
  }

  /** The rendered findings pages this server keeps. */
  PageCache pageCache() {
    return pages;
  }

  public RouteRegistry registry() {
    return registry;
  }

  public App app() {
    return app;
  }

  /** Starts listening on {@code bind}:{@code port} (0 picks a free port); returns this. */
  public WebServer start(String bind, int port) {
    javalin = Javalin.create(config -> {
      config.jsonMapper(new JavalinJackson(json, false));
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      config.jetty.multipartConfig.maxTotalRequestSize(MAX_REQUEST_BYTES, io.javalin.config.SizeUnit.BYTES);
      config.jetty.multipartConfig.maxFileSize(MAX_REQUEST_BYTES, io.javalin.config.SizeUnit.BYTES);
      config.startup.showJavalinBanner = false;
      config.router.ignoreTrailingSlashes = true;
      config.http.prefer405over404 = true;
      registry.install(config.routes, authenticate);
      Problems.install(config.routes);
      org.patchwarden.app.web.ops.OpsRoutes.install(config, metrics, ctx -> {
        Caller caller = ctx.attribute(Caller.ATTRIBUTE);
        return caller == null ? null : caller.user().name();
      });
    });
    javalin.start(bind, port);
    LOG.info("serving on http://{}:{}", bind, javalin.port());
    return this;
  }

  /** The port listened on (the picked one when started with 0). */
  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    if (javalin != null) {
      javalin.stop();
      javalin = null;
    }
    uploads.close();
  }
}
