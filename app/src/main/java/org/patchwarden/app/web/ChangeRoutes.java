package org.patchwarden.app.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.app.App;
import org.patchwarden.app.cli.JsonShapes;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.FindingKey;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeWindow;
import org.patchwarden.remediate.RiskAcceptance;

/**
 * The remediation side of the REST API: changes and their transitions (plan, approve, apply, cancel,
 * verify), risk acceptances and finding marks. A change is visible to a team-scoped caller when they
 * see every asset in it; another team's change or finding answers 404, as if absent.
 */
final class ChangeRoutes implements RouteModule {
  private static final String BASE = ApiRoutes.BASE;
  private final App app;

  ChangeRoutes(App app) {
    this.app = app;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get(BASE + "/changes", Permission.READ, "Changes, newest first; filter by state", this::list)
        .query("state").scoped());
    routes.add(Route.get(BASE + "/changes/{id}", Permission.READ,
        "One change: findings, approvals, upgrade commands, verification outcome", this::show).scoped());
    routes.add(Route.get(BASE + "/changes/{id}/audit", Permission.READ, "The change's audit trail", this::audit).scoped());
    routes.add(Route.post(BASE + "/changes", Permission.ANALYZE,
        "Plan a change: {assets:[...], tier?, title?, window_start?, window_end?}", this::plan)
        .body("application/json").scoped());
    routes.add(Route.post(BASE + "/changes/{id}/approve", Permission.APPROVE, "Approve a planned change",
        ctx -> transition(ctx, (id, by) -> app.approveChange().approve(id, by))).scoped());
    routes.add(Route.post(BASE + "/changes/{id}/apply", Permission.ANALYZE,
        "Record an approved change as applied; verification is due within the configured hours",
        ctx -> transition(ctx, (id, by) -> app.applyChange().apply(id, by))).scoped());
    routes.add(Route.post(BASE + "/changes/{id}/cancel", Permission.ANALYZE, "Cancel a change: {reason}",
        ctx -> transition(ctx, (id, by) -> app.applyChange().cancel(id, by, field(body(ctx), "reason"))))
        .body("application/json").scoped());
    routes.add(Route.post(BASE + "/changes/{id}/verify", Permission.ANALYZE,
        "Verify an applied change against its assets' newest inventories", this::verify).scoped());
    routes.add(Route.get(BASE + "/risk-acceptances", Permission.READ, "Risk acceptances, newest first, expired included",
        this::acceptances).scoped());
    routes.add(Route.post(BASE + "/risk-acceptances", Permission.APPROVE,
        "Accept a finding's risk until a date: {finding, reason, until}", this::accept).body("application/json").scoped());
    routes.add(Route.post(BASE + "/findings/marks", Permission.ANALYZE,
        "Mark a finding not affected ({finding, action: not-affected, reason}) or reopen it ({finding, action: reopen})",
        this::mark).body("application/json").scoped());
  }

  private void list(Context ctx) {
    Caller caller = Caller.of(ctx);
    ctx.json(app.listChanges().list(ctx.queryParam("state")).stream().filter(c -> sees(caller, c))
        .map(JsonShapes::change).toList());
  }

  private Change visible(Context ctx) {
    Caller caller = Caller.of(ctx);
    long id = id(ctx);
    Change c = app.listChanges().find(id).orElseThrow(() -> ApiProblem.notFound("change " + id + " not found"));
    if (!sees(caller, c)) {
      throw ApiProblem.notFound("change " + id + " not found");
    }
    return c;
  }

  private void show(Context ctx) {
    ctx.json(JsonShapes.change(visible(ctx)));
  }

  private void audit(Context ctx) {
    Change c = visible(ctx);
    ctx.json(app.listChanges().audit(c.id()).stream().map(JsonShapes::audit).toList());
  }

  private void plan(Context ctx) {
    Caller caller = Caller.of(ctx);
    Map<String, Object> body = body(ctx);
    List<String> assets = strings(body, "assets");
    for (String name : assets) {
      Asset a = app.assetContexts().find(name).orElseThrow(() -> ApiProblem.notFound("asset '" + name + "' not found"));
      caller.mustSee(name, a.ownerTeam());
    }
    ChangeWindow window = null;
    if (body.get("window_start") != null || body.get("window_end") != null) {
      window = new ChangeWindow(instant(field(body, "window_start"), "window_start"),
          instant(field(body, "window_end"), "window_end"));
    }
    Change c = app.planChange(null).plan(optional(body, "tier"), assets, window, optional(body, "title"),
        caller.user().name());
    ctx.status(201).json(JsonShapes.change(c));
  }

  /** A transition of a change the caller sees, as the caller. */
  private void transition(Context ctx, Transition step) {
    Change c = visible(ctx);
    ctx.json(JsonShapes.change(step.apply(c.id(), Caller.of(ctx).user().name())));
  }

  private void verify(Context ctx) {
    Change c = visible(ctx);
    app.verifyChanges().verify(c.id(), List.of());
    ctx.json(JsonShapes.change(app.listChanges().find(c.id()).orElseThrow()));
  }

  private void acceptances(Context ctx) {
    Caller caller = Caller.of(ctx);
    ctx.json(app.acceptRisk().list().stream().filter(a -> caller.sees(team(a.key().assetName())))
        .map(ChangeRoutes::acceptance).toList());
  }

  private void accept(Context ctx) {
    Caller caller = Caller.of(ctx);
    Map<String, Object> body = body(ctx);
    String key = field(body, "finding");
    visibleFinding(caller, key);
    RiskAcceptance a = app.acceptRisk().accept(key, field(body, "reason"), caller.user().name(),
        instant(field(body, "until"), "until"));
    ctx.status(201).json(acceptance(a));
  }

  private void mark(Context ctx) {
    Caller caller = Caller.of(ctx);
    Map<String, Object> body = body(ctx);
    String key = field(body, "finding");
    visibleFinding(caller, key);
    String action = field(body, "action");
    var claims = switch (action) {
      case "not-affected" -> app.markFindings().notAffected(key, field(body, "reason"), caller.user().name());
      case "reopen" -> app.markFindings().reopen(key);
      default -> throw ApiProblem.badRequest("field action='" + action + "': expected not-affected or reopen");
    };
    ctx.json(Map.of("finding", key, "claims", claims.size(),
        "status", claims.isEmpty() ? "" : claims.get(0).status().name().toLowerCase(java.util.Locale.ROOT)));
  }

  /** Refuses (404) a finding key on an asset the caller may not see. */
  private void visibleFinding(Caller caller, String key) {
    FindingKey k = FindingKey.parse(key);
    if (!caller.sees(team(k.assetName()))) {
      throw ApiProblem.notFound("finding '" + key + "' not found");
    }
  }

  /** Whether the caller sees every asset of the change. */
  private boolean sees(Caller caller, Change c) {
    return caller.user().role().seesAllTeams() || c.assets().stream().allMatch(a -> caller.sees(team(a)));
  }

  private String team(String assetName) {
    return app.assetContexts().find(assetName).map(Asset::ownerTeam).orElse(null);
  }

  private static Map<String, Object> acceptance(RiskAcceptance a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("finding_key", a.key().toString());
    m.put("reason", a.reason());
    m.put("approver", a.approver());
    m.put("at", a.at().toString());
    m.put("until", a.until().toString());
    return m;
  }

  private static long id(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiProblem.notFound("change '" + text + "' not found");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return Map.of();
    }
    Object parsed = ctx.bodyAsClass(Object.class);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw ApiProblem.badRequest("request body: expected a JSON object");
    }
    return (Map<String, Object>) map;
  }

  static String field(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (!(v instanceof String s) || s.isBlank()) {
      throw ApiProblem.badRequest("request body: field '" + name + "' must be a non-empty string");
    }
    return s;
  }

  static String optional(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiProblem.badRequest("request body: field '" + name + "' must be a string");
    }
    return s.isBlank() ? null : s;
  }

  static List<String> strings(Map<String, Object> body, String name) {
    Object v = body.get(name);
    if (!(v instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(x -> x instanceof String)) {
      throw ApiProblem.badRequest("request body: field '" + name + "' must be a non-empty list of strings");
    }
    return list.stream().map(x -> ((String) x).strip()).toList();
  }

  static Instant instant(String text, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiProblem.badRequest("field " + field + "='" + text + "': expected an ISO-8601 instant or date");
      }
    }
  }

  /** A change transition by id and actor. */
  @FunctionalInterface
  private interface Transition {
    Change apply(long id, String by);
  }
}
