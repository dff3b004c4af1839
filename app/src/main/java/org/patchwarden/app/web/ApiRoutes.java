package org.patchwarden.app.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchwarden.app.App;
import org.patchwarden.app.cli.JsonShapes;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.usecase.BrowseFindings;

/**
 * The read side of the REST API under {@code /api/v1}: assets, their inventories, findings,
 * assessments, advisories, feeds, metrics, users. Thin handlers: parse the request, call the same
 * core use cases as the CLI, keep what the caller's teams may see, write JSON in the CLI's shapes.
 */
final class ApiRoutes implements RouteModule {
  static final String BASE = "/api/v1";
  private final App app;
  private final com.fasterxml.jackson.databind.ObjectMapper json;
  private final PageCache pages;

  /** @param json the server's mapper, which renders the pages {@code pages} keeps */
  ApiRoutes(App app, com.fasterxml.jackson.databind.ObjectMapper json, PageCache pages) {
    this.app = app;
    this.json = json;
    this.pages = pages;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get(BASE + "/assets", Permission.READ, "Assets the caller's teams own, with their context",
        this::assets).query("q").scoped());
    routes.add(Route.get(BASE + "/assets/{name}", Permission.READ, "One asset's context", this::asset).scoped());
    routes.add(Route.get(BASE + "/assets/{name}/inventories", Permission.READ,
        "The asset's inventory revisions, newest first, with what each changed", this::inventories).scoped());
    routes.add(Route.get(BASE + "/findings", Permission.READ,
        "Findings with their assessment: filter by tier, team, status, kev, asset, cve; sort; page",
        ctx -> findings(ctx, false))
        .query("tier", "team", "status", "kev", "asset", "cve", "sort", "page", "size").scoped());
    routes.add(Route.get(BASE + "/assessments", Permission.READ,
        "Assessments with rationale and every signal behind them (as 'explain'); same filters as findings",
        ctx -> findings(ctx, true))
        .query("tier", "team", "status", "kev", "asset", "cve", "sort", "page", "size").scoped());
    routes.add(Route.get(BASE + "/advisories/{id}", Permission.READ,
        "What every loaded source says of a vulnerability (CVE, GHSA, DSA... id)", this::advisory));
    routes.add(Route.get(BASE + "/feeds", Permission.READ, "Loaded feed versions: source, version, age, records",
        this::feeds));
    routes.add(Route.get(BASE + "/metrics", Permission.READ,
        "Remediation metrics: time to remediate by tier and team, verification pass rate, approvals", this::metrics));
    routes.add(Route.get(BASE + "/teams", Permission.READ, "The teams", ctx -> ctx.json(app.manageUsers().teams())));
    routes.add(Route.get(BASE + "/users", Permission.ADMIN, "Users with their roles and teams", this::users));
  }

  private void assets(Context ctx) {
    Caller caller = Caller.of(ctx);
    String q = ctx.queryParam("q");
    ctx.json(app.assetContexts().list().stream()
        .filter(a -> caller.sees(a.ownerTeam()))
        .filter(a -> q == null || a.name().contains(q))
        .map(ApiRoutes::asset).toList());
  }

  private Asset visibleAsset(Context ctx) {
    Caller caller = Caller.of(ctx);
    String name = ctx.pathParam("name");
    Asset a = app.assetContexts().find(name).orElseThrow(() -> ApiProblem.notFound("asset '" + name + "' not found"));
    caller.mustSee(name, a.ownerTeam());
    return a;
  }

  private void asset(Context ctx) {
    ctx.json(asset(visibleAsset(ctx)));
  }

  private void inventories(Context ctx) {
    Asset a = visibleAsset(ctx);
    ctx.json(app.inventoryHistory().history(a.name()).stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("revision", r.revision());
      m.put("scanned_at", r.scannedAt().toString());
      m.put("packages", r.packages());
      m.put("changes", r.changes().stream().map(c -> Map.of("kind", c.kind().name().toLowerCase(Locale.ROOT),
          "ecosystem", c.ecosystem(), "name", c.name(), "from", c.from() == null ? "" : c.from(),
          "to", c.to() == null ? "" : c.to())).toList());
      return m;
    }).toList());
  }

  private void findings(Context ctx, boolean explained) throws java.io.IOException {
    Caller caller = Caller.of(ctx);
    BrowseFindings.Query query = new BrowseFindings.Query(ctx.queryParam("tier"), ctx.queryParam("team"),
        status(ctx.queryParam("status")), bool("kev", ctx.queryParam("kev")), ctx.queryParam("asset"),
        ctx.queryParam("cve"), BrowseFindings.Sort.parse(ctx.queryParam("sort")),
        integer("page", ctx.queryParam("page"), 1), integer("size", ctx.queryParam("size"), 50));
    BrowseFindings browse = app.browseFindings();
    LocalDate today = LocalDate.now(app.clock());
    // the stamp is read before the page, so a page kept under it is at least as new as the stamp
    PageCache.Key key = browse.stamp().map(stamp -> new PageCache.Key(stamp, today,
        caller.user().role().seesAllTeams() ? null : caller.user().teams(), query, explained)).orElse(null);
    byte[] body = key == null ? null : pages.get(key);
    if (body == null) {
      BrowseFindings.Page page = browse.browse(query, caller.user());
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("page", page.page());
      doc.put("size", page.size());
      doc.put("total", page.total());
      doc.put("items", page.items().stream()
          .map(p -> explained ? JsonShapes.explained(p, today) : JsonShapes.finding(p, today)).toList());
      body = json.writeValueAsBytes(doc);
      if (key != null) {
        pages.put(key, body);
      }
    }
    ctx.contentType(io.javalin.http.ContentType.APPLICATION_JSON).result(body);
  }

  private void advisory(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(JsonShapes.advisory(app.describeVulnerability().describe(id)
        .orElseThrow(() -> ApiProblem.notFound("no loaded source knows '" + id + "'"))));
  }

  private void feeds(Context ctx) {
    var now = app.clock().instant();
    ctx.json(app.listFeedVersions().list().stream().map(v -> feed(v, now)).toList());
  }

  private static Map<String, Object> feed(FeedVersion v, java.time.Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", v.source());
    m.put("version", v.version());
    m.put("released", v.released() == null ? "" : v.released().toString());
    m.put("records", v.records());
    m.put("loaded_at", v.loadedAt().toString());
    m.put("age_seconds", java.time.Duration.between(v.released() != null ? v.released() : v.loadedAt(), now).toSeconds());
    m.put("origin", v.origin());
    return m;
  }

  private void metrics(Context ctx) {
    ctx.json(JsonShapes.metrics(app.listChanges().metrics()));
  }

  private void users(Context ctx) {
    ctx.json(app.manageUsers().list().stream().map(u -> Map.of("name", u.name(), "role", u.role().label(),
        "teams", u.teams())).toList());
  }

  static Map<String, Object> asset(Asset a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
    m.put("environment", a.environment());
    m.put("team", a.ownerTeam());
    m.put("criticality", a.criticality());
    m.put("internet_facing", a.internetFacing());
    m.put("tags", a.tags().stream().sorted().toList());
    return m;
  }

  private static FindingStatus status(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    for (FindingStatus s : FindingStatus.values()) {
      if (s.name().equalsIgnoreCase(text.strip().replace('-', '_'))) {
        return s;
      }
    }
    throw ApiProblem.badRequest("query parameter status='" + text + "': expected one of "
        + String.join(", ", java.util.Arrays.stream(FindingStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
  }

  static Boolean bool(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw ApiProblem.badRequest("query parameter " + name + "='" + text + "': expected true or false");
    };
  }

  static int integer(String name, String text, int dflt) {
    if (text == null || text.isBlank()) {
      return dflt;
    }
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("query parameter " + name + "='" + text + "': expected a whole number");
    }
  }

  /** A list of strings for the JSON reply. */
  static List<String> sorted(java.util.Collection<String> c) {
    return c.stream().sorted().toList();
  }
}
