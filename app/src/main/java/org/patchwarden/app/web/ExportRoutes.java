package org.patchwarden.app.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;
import org.patchwarden.app.App;
import org.patchwarden.formats.export.ExportFormat;
import org.patchwarden.usecase.ExportFilter;
import org.patchwarden.usecase.FindingExport;

/**
 * {@code GET /api/v1/export?format=…}: the same exports as {@code patchwarden export} (docs/exports.md),
 * limited to what the caller's teams may see, written straight to the response.
 */
final class ExportRoutes implements RouteModule {
  private final App app;

  ExportRoutes(App app) {
    this.app = app;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get(ApiRoutes.BASE + "/export", Permission.READ,
        "Findings exported as json, csv, sarif, cyclonedx-vex or csaf (docs/exports.md): filter by asset, package, cve, "
            + "kev, status (default all), tier, team, overdue", this::export)
        .query("format", "asset", "package", "cve", "kev", "status", "tier", "team", "overdue").scoped());
  }

  private void export(Context ctx) throws IOException {
    Caller caller = Caller.of(ctx);
    String name = ctx.queryParam("format");
    ExportFormat format = ExportFormat.parse(name).orElseThrow(() -> ApiProblem.badRequest(
        "format '" + (name == null ? "" : name) + "': expected one of " + ExportFormat.labels()));
    String asset = ctx.queryParam("asset");
    if (asset != null) {
      // another team's asset is not acknowledged to exist, as everywhere in the API
      app.assetContexts().find(asset).ifPresent(a -> caller.mustSee(asset, a.ownerTeam()));
    }
    String status = ctx.queryParam("status");
    ExportFilter filter = new ExportFilter(asset, ctx.queryParam("package"), ctx.queryParam("cve"),
        status == null || status.equalsIgnoreCase("all") ? null : status, ctx.queryParam("tier"), ctx.queryParam("team"),
        flag(ctx, "kev"), flag(ctx, "overdue"));
    FindingExport export;
    try {
      export = app.exportFindings(null).export(filter, caller.user()::sees);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    ctx.contentType(format.mediaType());
    ctx.header("Content-Disposition", "attachment; filename=\"patchwarden-export." + format.extension() + "\"");
    format.writer(version()).write(export, ctx.outputStream());
  }

  private static boolean flag(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiProblem.badRequest(name + " '" + v + "': expected true or false");
    };
  }

  private static String version() {
    var p = new java.util.Properties();
    try (var in = ExportRoutes.class.getResourceAsStream("/patchwarden-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }
}
