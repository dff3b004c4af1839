package org.patchwarden.app.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.patchwarden.app.App;
import org.patchwarden.formats.report.ReportFormat;
import org.patchwarden.report.PatchReport;
import org.patchwarden.report.ReportPeriod;
import org.patchwarden.usecase.BuildPatchReport;

/**
 * {@code GET /api/v1/report}: the patch-management report of {@code patchwarden report} (same use case,
 * same renderers, docs/reports.md) as HTML, PDF or JSON, over the assets the caller's teams may see.
 */
final class ReportRoutes implements RouteModule {
  private final App app;

  ReportRoutes(App app) {
    this.app = app;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get(ApiRoutes.BASE + "/report", Permission.READ,
        "The patch-management report of a period (from, to: YYYY-MM-DD; default the 30 days ending today) as "
            + "format=json (default), html or pdf; team narrows it to one owner team", this::report)
        .query("from", "to", "format", "team").scoped());
  }

  private void report(Context ctx) throws IOException {
    Caller caller = Caller.of(ctx);
    String name = ctx.queryParam("format");
    ReportFormat format = name == null || name.isBlank() ? ReportFormat.JSON : ReportFormat.parse(name)
        .orElseThrow(() -> ApiProblem.badRequest("query parameter format='" + name + "': expected one of "
            + ReportFormat.labels()));
    LocalDate from = date(ctx, "from");
    LocalDate to = date(ctx, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw ApiProblem.badRequest("query parameters from='" + from + "' and to='" + to + "': to is before from");
    }
    BuildPatchReport build = app.buildPatchReport(null);
    ReportPeriod period;
    try {
      period = build.period(from, to);
    } catch (IllegalArgumentException e) {
      // only a missing end (today) before the given start gets here
      throw ApiProblem.badRequest("query parameter from='" + from + "': after to (today, " + LocalDate.now(app.clock())
          + ")");
    }
    PatchReport report = build.build(period, ctx.queryParam("team"), caller.user()::sees);
    ctx.contentType(format.mediaType());
    if (format != ReportFormat.JSON) {
      ctx.header("Content-Disposition", "inline; filename=\"patchwarden-report-" + period.from() + "-" + period.to()
          + "." + format.extension() + "\"");
    }
    // Rendered whole before the first byte goes out, so a failed render is a problem document, not half a file.
    var buffer = new java.io.ByteArrayOutputStream();
    format.write(report, buffer);
    ctx.result(buffer.toByteArray());
  }

  private static LocalDate date(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("query parameter " + name + "='" + text + "': not a date; expected YYYY-MM-DD");
    }
  }
}
