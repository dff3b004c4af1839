package org.patchwarden.app.web.pages;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.patchwarden.access.User;
import org.patchwarden.app.App;
import org.patchwarden.app.web.ApiProblem;
import org.patchwarden.app.web.Caller;
import org.patchwarden.app.web.Permission;
import org.patchwarden.app.web.Route;
import org.patchwarden.app.web.RouteModule;
import org.patchwarden.app.web.RouteRegistry;
import org.patchwarden.app.web.SessionRoutes;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.IllegalTransition;
import org.patchwarden.usecase.AssessFindings;
import org.patchwarden.usecase.BrowseFindings;
import org.patchwarden.usecase.Authenticate;
import org.patchwarden.usecase.SummarizeFindings;

/**
 * The dashboard's routes: thin handlers that read the request, call the same core use cases as the
 * API and the CLI, keep to the caller's teams ({@link Caller#sees}, as the API does) and render a page.
 */
public final class DashboardRoutes implements RouteModule {
  /** Days of history the overview's trend shows. */
  public static final int TREND_DAYS = 90;
  private static final Map<String, String> STATIC = Map.of(
      "/static/dashboard.css", "/web/static/dashboard.css",
      "/static/dashboard.js", "/web/static/dashboard.js",
      Layout.UPLOT + "uPlot.iife.min.js", "/META-INF/resources" + Layout.UPLOT + "uPlot.iife.min.js",
      Layout.UPLOT + "uPlot.min.css", "/META-INF/resources" + Layout.UPLOT + "uPlot.min.css");

  private final App app;
  private final Authenticate auth;

  public DashboardRoutes(App app, Authenticate auth) {
    this.app = app;
    this.auth = auth;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.get("/login", Permission.PUBLIC, "Dashboard: sign-in page", this::loginPage));
    routes.add(Route.post("/login", Permission.PUBLIC, "Dashboard: sign in (form: name, password)", this::login)
        .body("application/x-www-form-urlencoded"));
    routes.add(Route.post("/logout", Permission.READ, "Dashboard: sign out", this::logout));
    routes.add(Route.get("/", Permission.READ, "Dashboard: overview", this::overview).scoped());
    routes.add(Route.get("/assets", Permission.READ, "Dashboard: assets", this::assets).query("q").scoped());
    routes.add(Route.get("/assets/view", Permission.READ, "Dashboard: one asset and its findings", this::asset)
        .query("name").scoped());
    routes.add(Route.get("/findings", Permission.READ, "Dashboard: findings", this::findings)
        .query("tier", "asset", "cve", "status", "kev", "sort", "page").scoped());
    routes.add(Route.post("/findings/plan", Permission.ANALYZE, "Dashboard: plan a change of selected findings",
        this::plan).body("application/x-www-form-urlencoded").scoped());
    routes.add(Route.get("/changes", Permission.READ, "Dashboard: changes", this::changes).scoped());
    routes.add(Route.post("/changes/approve", Permission.APPROVE, "Dashboard: approve a change",
        ctx -> transition(ctx, "approved", (c, by) -> app.approveChange().approve(c.id(), by)))
        .body("application/x-www-form-urlencoded").scoped());
    routes.add(Route.post("/changes/apply", Permission.ANALYZE, "Dashboard: mark an approved change applied",
        ctx -> transition(ctx, "applied", (c, by) -> app.applyChange().apply(c.id(), by)))
        .body("application/x-www-form-urlencoded").scoped());
    routes.add(Route.post("/changes/verify", Permission.ANALYZE,
        "Dashboard: verify an applied change against its assets' newest inventories",
        ctx -> transition(ctx, "verified", (c, by) -> {
          app.verifyChanges().verify(c.id(), List.of());
          return app.listChanges().find(c.id()).orElseThrow();
        })).body("application/x-www-form-urlencoded").scoped());
    routes.add(Route.post("/changes/cancel", Permission.ANALYZE, "Dashboard: cancel a change (form: id, reason)",
        ctx -> transition(ctx, "cancelled", (c, by) -> app.applyChange().cancel(c.id(), by, reason(ctx))))
        .body("application/x-www-form-urlencoded").scoped());
    routes.add(Route.get("/feeds", Permission.READ, "Dashboard: feeds status", this::feeds));
    STATIC.keySet().stream().sorted().forEach(path ->
        routes.add(Route.get(path, Permission.PUBLIC, "Dashboard: static file", this::staticFile)));
  }

  // --- signing in and out

  private void loginPage(Context ctx) {
    if (Caller.orNull(ctx) != null) {
      ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    html(ctx, 200, LoginPage.render(null, "", next(ctx.queryParam("next"))));
  }

  private void login(Context ctx) {
    sameOrigin(ctx);
    String name = ctx.formParam("name");
    String password = ctx.formParam("password");
    if (name == null || password == null || name.isBlank()) {
      html(ctx, 400, LoginPage.render("Enter your user name and password.", name, next(ctx.formParam("next"))));
      return;
    }
    Authenticate.LoginResult result = auth.login(name.strip(), password, ctx.ip());
    if (result.refusal() == Authenticate.Refusal.THROTTLED) {
      ctx.header("Retry-After", "300");
      html(ctx, 429, LoginPage.render("Too many failed sign-ins: try again in a few minutes.", name,
          next(ctx.formParam("next"))));
      return;
    }
    if (result.login().isEmpty()) {
      html(ctx, 401, LoginPage.render("User name or password wrong.", name, next(ctx.formParam("next"))));
      return;
    }
    ctx.cookie(SessionRoutes.sessionCookie(result.login().get().sessionId(), (int) SessionRoutes.LENGTH.toSeconds()));
    ctx.redirect(next(ctx.formParam("next")), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    auth.logout(ctx.cookie(RouteRegistry.SESSION_COOKIE));
    ctx.cookie(SessionRoutes.sessionCookie("", 0));
    ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  /** Where to go after signing in: a path on this server ({@code next}), else the overview; never another site. */
  static String next(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
  }

  /**
   * Refuses a sign-in posted from another site (login CSRF): there is no session to carry a token
   * yet, so the browser's Origin header must name this server when it sends one.
   */
  private static void sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) {
      return;
    }
    String host = ctx.header("Host");
    String originHost = URI.create(origin).getAuthority();
    if (host == null || !host.equalsIgnoreCase(originHost)) {
      throw ApiProblem.forbidden("sign-in posted from " + origin + ", not from this server");
    }
  }

  // --- pages

  private void overview(Context ctx) {
    Caller caller = Caller.of(ctx);
    SummarizeFindings.Overview o = new SummarizeFindings(assess(), app.clock())
        .summarize(caller.user(), TREND_DAYS);
    html(ctx, 200, OverviewPage.render(o, user(caller)));
  }

  private void assets(Context ctx) {
    Caller caller = Caller.of(ctx);
    String q = ctx.queryParam("q");
    String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
    LocalDate today = today();
    Map<String, int[]> counts = new HashMap<>();
    for (var a : assess().assessOpen()) {
      int[] c = counts.computeIfAbsent(a.assetName(), k -> new int[2]);
      c[0]++;
      if (a.overdue(today)) {
        c[1]++;
      }
    }
    List<AssetsPage.Row> rows = app.assetContexts().list().stream()
        .filter(a -> caller.sees(a.ownerTeam()))
        .filter(a -> needle.isEmpty() || matches(a, needle))
        .sorted(java.util.Comparator.comparing(Asset::name))
        .map(a -> {
          int[] c = counts.getOrDefault(a.name(), new int[2]);
          return new AssetsPage.Row(a, c[0], c[1]);
        }).toList();
    html(ctx, 200, AssetsPage.render(q, rows, user(caller)));
  }

  private static boolean matches(Asset a, String needle) {
    return contains(a.name(), needle) || contains(a.ownerTeam(), needle) || contains(a.environment(), needle)
        || a.tags().stream().anyMatch(t -> contains(t, needle));
  }

  private static boolean contains(String s, String needle) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(needle);
  }

  private void asset(Context ctx) {
    Caller caller = Caller.of(ctx);
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank()) {
      throw ApiProblem.badRequest("asset page: query parameter 'name' is missing");
    }
    // Another team's asset and an unknown one get the same answer, so names cannot be probed.
    Asset a = app.assetContexts().find(name.strip()).filter(x -> caller.sees(x.ownerTeam()))
        .orElseThrow(() -> ApiProblem.forbidden("no asset '" + name.strip() + "' among your teams' assets"));
    List<PrioritisedFinding> open = assess().prioritise(new FindingFilter(a.name(), null, null, FindingStatus.OPEN));
    html(ctx, 200, AssetPage.render(a, open, today(), user(caller)));
  }

  private void findings(Context ctx) {
    Caller caller = Caller.of(ctx);
    renderFindings(ctx, caller, filters(ctx), 200, null, null);
  }

  private static FindingsPage.Filters filters(Context ctx) {
    int page;
    try {
      page = ctx.queryParam("page") == null ? 1 : Integer.parseInt(ctx.queryParam("page").strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("page '" + ctx.queryParam("page") + "': expected a whole number");
    }
    return new FindingsPage.Filters(ctx.queryParam("tier"), ctx.queryParam("asset"), ctx.queryParam("cve"),
        ctx.queryParam("status"), ctx.queryParam("kev") != null, ctx.queryParam("sort"), page);
  }

  /** The findings page through the same query code as the API's findings list ({@link BrowseFindings}). */
  private void renderFindings(Context ctx, Caller caller, FindingsPage.Filters f, int status, String notice,
      String error) {
    FindingStatus findingStatus;
    try {
      findingStatus = f.findingStatus();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("status '" + f.status() + "': expected open, fixed, retracted, not_affected or all");
    }
    BrowseFindings browse = app.browseFindings();
    if (f.tier() != null && browse.tiers().stream().noneMatch(t -> t.equalsIgnoreCase(f.tier()))) {
      throw ApiProblem.badRequest("tier '" + f.tier() + "' is not in the policy; its tiers are "
          + String.join(", ", browse.tiers()));
    }
    BrowseFindings.Page page = browse.browse(new BrowseFindings.Query(f.tier(), null, findingStatus,
        f.kev() ? Boolean.TRUE : null, f.asset(), f.cve(), BrowseFindings.Sort.parse(f.sort()), f.page(),
        FindingsPage.LIMIT), caller.user());
    html(ctx, status, FindingsPage.render(f, browse.tiers(), page.items(), page.total(), today(), user(caller),
        notice, error));
  }

  private void plan(Context ctx) {
    Caller caller = Caller.of(ctx);
    List<String> keys = ctx.formParams("finding");
    Predicate<String> visible = visibleAssets(caller.user());
    for (String k : keys) {
      String asset = k.contains("|") ? k.substring(0, k.indexOf('|')) : k;
      if (!visible.test(asset)) {
        throw ApiProblem.forbidden("finding " + k + " is not on one of your teams' assets");
      }
    }
    FindingsPage.Filters back = new FindingsPage.Filters(null, null, null, null, false, null, 1);
    try {
      Change c = app.planChange(null).planFindings(keys, null, ctx.formParam("title"), caller.user().name());
      ctx.redirect("/changes?planned=" + c.id(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (IllegalArgumentException | NoSuchElementException e) {
      renderFindings(ctx, caller, back, 400, null, e.getMessage());
    }
  }

  /** What a transition's redirect names ({@code ?applied=3}) and how the page says it. */
  private static final Map<String, String> DONE = Map.of(
      "planned", "planned", "approved", "approved", "applied", "marked applied; verification is due",
      "cancelled", "cancelled");

  private void changes(Context ctx) {
    Caller caller = Caller.of(ctx);
    String notice = null;
    for (var done : DONE.entrySet()) {
      String id = ctx.queryParam(done.getKey());
      if (id != null) {
        notice = "Change " + id + " " + done.getValue() + ".";
      }
    }
    String verified = ctx.queryParam("verified");
    if (verified != null && verified.matches("\\d{1,18}")) {
      // verification may or may not decide the change: the page says where it stands now
      notice = app.listChanges().find(Long.parseLong(verified))
          .map(c -> "Change " + c.id() + " checked against its assets' newest inventories: " + c.state().name() + ".")
          .orElse(null);
    }
    renderChanges(ctx, caller, 200, notice, null);
  }

  private void renderChanges(Context ctx, Caller caller, int status, String notice, String error) {
    Predicate<String> visible = visibleAssets(caller.user());
    List<Change> changes = app.listChanges().list(null).stream()
        .filter(c -> c.assets().stream().allMatch(visible)).toList();
    html(ctx, status, ChangesPage.render(changes, user(caller), notice, error));
  }

  /** A change transition posted from the changes page: the same use cases as the API, on a change the caller sees. */
  private void transition(Context ctx, String done, java.util.function.BiFunction<Change, String, Change> step) {
    Caller caller = Caller.of(ctx);
    long id;
    try {
      id = Long.parseLong(String.valueOf(ctx.formParam("id")).strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("form field 'id' must be a change number, got '" + ctx.formParam("id") + "'");
    }
    Predicate<String> visible = visibleAssets(caller.user());
    Change c = app.listChanges().find(id).filter(x -> x.assets().stream().allMatch(visible))
        .orElseThrow(() -> ApiProblem.notFound("no change " + id + " among your teams' changes"));
    try {
      step.apply(c, caller.user().name());
      ctx.redirect("/changes?" + done + "=" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (IllegalTransition e) {
      renderChanges(ctx, caller, 409, null, e.getMessage());
    } catch (IllegalArgumentException e) {
      renderChanges(ctx, caller, 400, null, e.getMessage());
    }
  }

  private static String reason(Context ctx) {
    String reason = ctx.formParam("reason");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("Cancelling a change needs a reason.");
    }
    return reason;
  }

  private void feeds(Context ctx) {
    html(ctx, 200, FeedsPage.render(app.listFeedVersions().list(), app.clock().instant(), user(Caller.of(ctx))));
  }

  private void staticFile(Context ctx) {
    String resource = STATIC.get(ctx.path());
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw ApiProblem.notFound("no file " + ctx.path());
      }
      String type = ctx.path().endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
      ctx.header("Cache-Control", "public, max-age=3600").contentType(type).result(in.readAllBytes());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // --- shared

  private AssessFindings assess() {
    return app.assessFindings(null);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(app.clock().instant(), ZoneOffset.UTC);
  }

  /** The assets {@code user} may see, by name: the same rule as the API ({@link User#sees} of the owner team). */
  private Predicate<String> visibleAssets(User user) {
    if (user.role().seesAllTeams()) {
      return name -> true;
    }
    Map<String, String> teams = new HashMap<>();
    app.assetContexts().list().forEach(a -> teams.put(a.name(), a.ownerTeam() == null ? "" : a.ownerTeam()));
    return name -> teams.containsKey(name) && user.sees(teams.get(name).isEmpty() ? null : teams.get(name));
  }

  static PageUser user(Caller caller) {
    User u = caller.user();
    return new PageUser(u.name(), u.role().label(), caller.session() == null ? "" : caller.session().csrfToken(),
        Permission.ANALYZE.allows(u.role()), Permission.APPROVE.allows(u.role()));
  }

  private static void html(Context ctx, int status, String page) {
    ctx.status(status).contentType("text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        .result(page);
  }
}
