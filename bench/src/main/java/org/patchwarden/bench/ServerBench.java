package org.patchwarden.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.inventory.Inventory;

/**
 * {@code patchwarden serve} under load (issue 13, Load): a generated Debian 11 fleet and its
 * findings in an embedded PostgreSQL, the real CLI jar serving it in a child process, then
 * <ol>
 *   <li>{@code GET /api/v1/findings?tier=T0&page=N} at a fixed rate (open loop: each request is timed
 *       from when it was due, so a stalled server is not hidden by the generator waiting for it);</li>
 *   <li>inventory uploads at a fixed rate (each a different host with one package changed), after
 *       which every uploaded host's new revision must be in the store, matched.</li>
 * </ol>
 * The reads' load generator is Java's HttpClient ({@code --generator java}, open loop), Debian's
 * {@code wrk} paced to the same rate by a Lua script ({@code wrk}), or both, wrk first.
 * {@code --keep DIR} seeds DIR once (the store, the home, the token, the uploads) and later runs
 * with the same hosts and packages start from a copy of it: a 10,000-host seed is minutes.
 *
 * Run with {@code ./patchwarden bench server}; figures in README (Benchmarks).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.patchwarden.bench.ServerBench --jar app/target/patchwarden.jar \
 *     [--hosts 10000] [--rate 500] [--seconds 30] [--upload-rate 50] [--upload-seconds 60]
 *     [--feeds ../shared/data/feeds] [--packages 276] [--work DIR] [--keep DIR] [--tier T0]
 *     [--generator java|wrk|both] [--connections 64] [--serve-opts "JVM options of serve"] [--policy FILE]</pre>
 * {@code --policy} serves with that policy (e.g. {@code bench/server-exposed-policy.yaml}, whose T0 is
 * the internet-facing hosts' fixable findings: see why there).
 */
public final class ServerBench {
  private ServerBench() {}

  record Options(Path jar, int hosts, int rate, int seconds, int uploadRate, int uploadSeconds, Path feeds,
      int packages, Path work, String tier, String generator, List<String> serveOptions, Path keep,
      int connections, Path policy) {}

  /** Latencies of one phase, in ms, and how many requests failed (status not 2xx, or no answer). */
  record Phase(String name, List<Double> latencies, int errors, int sent, double seconds) {
    double percentile(double p) {
      List<Double> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    String line() {
      return String.format("%-8s %6d requests in %5.1f s (%.0f/s): p50 %7.1f ms  p99 %7.1f ms  p999 %7.1f ms"
          + "  max %7.1f ms  errors %d", name, sent, seconds, sent / seconds, percentile(0.50), percentile(0.99),
          percentile(0.999), percentile(1.0), errors);
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Files.createDirectories(o.work());
    Path logs = Files.createDirectories(o.work().resolve("logs"));
    Path seeded = o.keep() != null ? o.keep() : o.work();
    String stamp = "hosts=" + o.hosts() + " packages=" + o.packages() + "\n";
    Path stampFile = seeded.resolve("seeded.txt");
    Path pgData = o.work().resolve("pgdata");
    deleteTree(pgData);
    if (o.keep() == null || !Files.exists(stampFile) || !Files.readString(stampFile).equals(stamp)) {
      deleteTree(seeded.resolve("pgdata"));
      Files.deleteIfExists(stampFile);
      long s0 = System.nanoTime();
      try (EmbeddedPostgres pg = postgres(seeded.resolve("pgdata"))) {
        seed(o, logs, pg, seeded);
      }
      if (o.keep() != null) {
        Files.writeString(stampFile, stamp);
      }
      System.out.printf("seed: %.0f s%s%n", (System.nanoTime() - s0) / 1e9,
          o.keep() != null ? " (kept in " + o.keep() + " for the next run)" : "");
    } else {
      System.out.println("seeded store reused from " + o.keep() + " (" + stamp.strip() + ")");
    }
    if (o.keep() != null) {
      // a copy per run: the kept store stays as seeded (no upload's revision, no index)
      copyTree(seeded.resolve("pgdata"), pgData);
      deleteTree(o.work().resolve("home"));
      copyTree(seeded.resolve("home"), o.work().resolve("home"));
    }
    // NB: deleted by hand below: zonky's clean-data-directory option also runs initdb at start
    try (EmbeddedPostgres pg = postgres(pgData)) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      List<String> target = List.of("--home", o.work().resolve("home").toString(), "--db", url);
      String token = Files.readString(seeded.resolve("token.txt")).strip();
      Path changed = seeded.resolve("fleet-changed");
      System.out.printf("store: %d assets, %d open findings in PostgreSQL%n",
          count(pg, "SELECT count(*) FROM assets"), count(pg, "SELECT count(*) FROM findings WHERE status = 'OPEN'"));
      if (o.policy() != null) {
        // the served home's policy: the index is built with it by the first page
        Files.copy(o.policy(), o.work().resolve("home").resolve("policy.yaml"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      int port;
      try (var s = new java.net.ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> serve = new ArrayList<>(java(o, o.serveOptions()));
      serve.addAll(target);
      serve.addAll(List.of("serve", "--port", Integer.toString(port)));
      Process server = new ProcessBuilder(serve).redirectOutput(logs.resolve("serve.out").toFile())
          .redirectError(logs.resolve("serve.err").toFile()).start();
      // a bench stopped by a signal skips the finally below: the server must not outlive it
      Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
      // the pool's threads are not daemons: shut down below, or the bench would never exit
      java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(64);
      try (HttpClient http = HttpClient.newBuilder().executor(pool).build()) {
        URI base = URI.create("http://127.0.0.1:" + port);
        awaitUp(http, base, server, logs);
        long b0 = System.nanoTime();
        HttpResponse<String> first = http.send(get(base, token, o.tier(), 1, Duration.ofMinutes(30)),
            HttpResponse.BodyHandlers.ofString());
        int tierZero = count(pg, "SELECT count(*) FROM assessment_index WHERE tier = '" + o.tier().replace("'", "") + "'");
        System.out.printf("index built by the first page: %.1f s (HTTP %d), %d rows, %d in %s%n",
            (System.nanoTime() - b0) / 1e9, first.statusCode(), count(pg, "SELECT count(*) FROM assessment_index"), tierZero, o.tier());
        System.out.println("rows per tier: " + tiers(pg));
        // every page of T0 and a tenth beyond (empty pages must be cheap too)
        int pages = Math.max(1, (int) Math.ceil(tierZero / 50.0 * 1.1));
        // warm-up: the JIT and the pool, not counted
        fixedRate(http, "warm-up", o.rate(), 5, i -> get(base, token, o.tier(), 1 + i % pages));
        if (o.generator().equals("wrk") || o.generator().equals("both")) {
          wrk(o, base, token, pages, logs);
        }
        if (!o.generator().equals("wrk")) {
          Phase reads = fixedRate(http, "findings", o.rate(), o.seconds(), i -> get(base, token, o.tier(), 1 + i % pages));
          System.out.println(reads.line());
        }

        List<Path> dirs;
        try (var list = Files.list(changed)) {
          dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        int uploads = Math.min(dirs.size(), o.uploadRate() * o.uploadSeconds());
        Phase up = fixedRate(http, "uploads", o.uploadRate(), (double) uploads / o.uploadRate(),
            i -> upload(base, token, dirs.get(i)));
        System.out.println(up.line());
        int stored = count(pg, "SELECT count(*) FROM inventories WHERE revision = 2 AND match_complete = 1");
        int incomplete = count(pg, "SELECT count(*) FROM inventories WHERE match_complete = 0");
        System.out.printf("uploads stored: %d of %d hosts have their new revision, matched (%d unmatched revisions)%n",
            stored, uploads, incomplete);
        if (stored != uploads - up.errors()) {
          System.out.println("LOST: " + (uploads - up.errors() - stored) + " accepted upload(s) not in the store");
        }
      } finally {
        pool.shutdownNow();
        server.destroy();
        server.waitFor(20, TimeUnit.SECONDS);
      }
    }
    deleteTree(pgData);
  }

  /** An embedded PostgreSQL on {@code data}, made there by initdb unless it holds one already. */
  private static EmbeddedPostgres postgres(Path data) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
        .setServerConfig("max_connections", "200").setRegisterShutdownHook(true).start();
  }

  /**
   * Generates the fleet and seeds {@code pg} through the CLI jar: feeds, the fleet's import, an
   * admin and its token; leaves in {@code dir} the home, {@code token.txt} and {@code fleet-changed}
   * (one package changed per host: the uploads).
   */
  private static void seed(Options o, Path logs, EmbeddedPostgres pg, Path dir) throws Exception {
    String url = pg.getJdbcUrl("postgres", "postgres");
    Path home = dir.resolve("home");
    deleteTree(home);
    List<String> target = List.of("--home", Files.createDirectories(home).toString(), "--db", url);
    // NB: the server's scheduler syncs every upstream at start, under the writer lock, for as long as
    // the downloads take (retries included): offline, that lock would hold every upload. The bench
    // serves the feeds loaded below and syncs nothing.
    StringBuilder config = new StringBuilder("feeds:\n");
    for (String u : List.of("cisa-kev", "epss", "osv-go", "osv-pypi", "osv-npm", "osv-maven", "osv-almalinux",
        "osv-alpine", "osv-rubygems", "osv-nuget", "debian-dsa", "debian-dla", "debian-tracker", "attack-enterprise",
        "attack-mappings", "nvd", "ssvc")) {
      config.append("  ").append(u).append(":\n    enabled: false\n");
    }
    Files.writeString(home.resolve("patchwarden.yaml"), config.toString());

    Path debianFeeds = Files.isDirectory(o.feeds().resolve("debian")) ? o.feeds().resolve("debian") : o.feeds();
    List<AdvisoryRecord> records = DebsecanComparison.loadDebianLists(o.feeds());
    FleetGenerator generator = new FleetGenerator();
    records.forEach(generator::observe);
    List<Inventory> hosts = generator.generateRelease("Debian:11",
        FleetGenerator.readDpkgStatus(Path.of("/var/lib/dpkg/status")), o.hosts(), o.packages(), 8, 5, 1);
    Path fleet = o.work().resolve("fleet");
    deleteTree(fleet);
    ImportBench.writeFleet(hosts, fleet);
    writeContexts(hosts, fleet);
    Path changed = dir.resolve("fleet-changed");
    deleteTree(changed);
    ImportBench.writeChangedCopy(fleet, changed);
    System.out.printf("fleet: %d Debian 11 hosts, %d packages each%n", hosts.size(), hosts.get(0).packages().size());

    cli(o, logs, "load", target, List.of("feeds", "load", "--from", debianFeeds.toString()), "");
    // KEV, EPSS and ATT&CK mappings too: tier T0 is KEV-listed and reachable (Initial Access)
    for (String extra : List.of("kev/2026-08-07", "epss/first-layout", "attack-mappings", "attack")) {
      Path feed = o.feeds().resolve(extra);
      if (Files.exists(feed)) {
        cli(o, logs, "load-" + feed.getFileName(), target, List.of("feeds", "load", "--from", feed.toString()), "");
      }
    }
    long t0 = System.nanoTime();
    cli(o, logs, "import", target, List.of("inventory", "import", fleet.toString()), "");
    System.out.printf("seeded: %d assets, %d open findings in PostgreSQL (import %.0f s)%n",
        count(pg, "SELECT count(*) FROM assets"), count(pg, "SELECT count(*) FROM findings WHERE status = 'OPEN'"),
        (System.nanoTime() - t0) / 1e9);
    cli(o, logs, "user", target, List.of("user", "add", "bench", "--role", "admin", "--password-stdin"),
        "bench-password-123\n");
    Files.writeString(dir.resolve("token.txt"),
        Files.readString(cli(o, logs, "token", target, List.of("user", "token", "bench"), "")).strip());
  }

  private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
    // cp keeps the modes PostgreSQL insists on (0700 data directory) and is quicker than a walk in Java
    Process p = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("cp -a " + from + " " + to + ": exit " + p.exitValue());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Realistic asset context, so that tier T0 (KEV-listed and internet-facing) has rows: one host in
   * ten internet-facing, four owner teams, criticality 1-4, a fifth of the fleet in staging.
   */
  static void writeContexts(List<Inventory> hosts, Path fleet) throws IOException {
    StringBuilder csv = new StringBuilder("name,kind,environment,owner_team,criticality,internet_facing,tags,"
        + "vendor,product,version,part,cpe\n");
    for (int i = 0; i < hosts.size(); i++) {
      String name = hosts.get(i).assetName();
      csv.append(name).append(",host,").append(i % 5 == 4 ? "staging" : "production").append(",team-")
          .append((char) ('a' + i % 4)).append(',').append(1 + Math.floorMod(name.hashCode(), 4)).append(',')
          .append(i % 10 == 0 ? "yes" : "no").append(",,,,,,\n");
    }
    Files.writeString(fleet.resolve("assets.csv"), csv);
  }

  private static String tiers(EmbeddedPostgres pg) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT tier, status, count(*) FROM assessment_index GROUP BY tier, status"
            + " ORDER BY tier, status")) {
      while (rs.next()) {
        out.append(out.isEmpty() ? "" : ", ").append(rs.getString(1)).append(' ').append(rs.getString(2).toLowerCase())
            .append(' ').append(rs.getInt(3));
      }
    }
    return out.toString();
  }

  /**
   * Debian's {@code wrk} over the same pages, paced to {@code rate} requests a second in all: each
   * thread hands out send times {@code threads/rate} apart and a connection waits for its slot in
   * wrk's {@code delay()} hook (LuaJIT's FFI reads the monotonic clock). So the latencies are those at
   * the target rate, not at saturation. wrk 4 times a request from when it is sent, not when it was
   * due: should the server fall behind, the achieved rate printed shows it.
   */
  private static void wrk(Options o, URI base, String token, int pages, Path logs) throws Exception {
    int threads = 2;
    Path script = logs.resolve("pages.lua");
    Files.writeString(script, """
        local ffi = require("ffi")
        ffi.cdef[[
        typedef struct { long tv_sec; long tv_nsec; } pw_timespec;
        int clock_gettime(int clock, pw_timespec *tp);
        ]]
        local ts = ffi.new("pw_timespec")
        local function now_ms()
          ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
          return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
        end
        local period = %f -- ms between two sends of this thread
        local counter = 0
        function setup(thread)
          thread:set("offset", counter * 7919) -- threads start on different pages
          counter = counter + 1
        end
        local n = 0
        local due = nil
        request = function()
          n = n + 1
          return wrk.format("GET", "/api/v1/findings?tier=%s&page=" .. ((n + offset) %% %d + 1),
            {["Authorization"] = "Bearer %s"})
        end
        delay = function()
          local now = now_ms()
          due = (due or now) + period
          local wait = due - now
          return wait > 0 and math.floor(wait) or 0
        end
        function done(summary, latency, requests)
          local s = summary.duration / 1e6
          io.write(string.format("wrk paced: %%d requests in %%.1f s (%%.0f/s), p50 %%.1f ms  p90 %%.1f ms  p99 %%.1f ms"
            .. "  p999 %%.1f ms  max %%.1f ms, errors: %%d connect %%d read %%d write %%d timeout %%d non-2xx\\n",
            summary.requests, s, summary.requests / s, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
            latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
            summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
            summary.errors.status))
        end
        """.formatted(1000.0 * threads / o.rate(), o.tier(), pages, token));
    Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + o.connections(), "-d" + o.seconds() + "s",
        "--timeout", "10s", "--latency", "-s", script.toString(), base.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Files.writeString(logs.resolve("wrk.out"), out);
    System.out.printf("wrk (%d threads, %d connections, paced to %d/s in all):%n", threads, o.connections(), o.rate());
    out.lines().filter(l -> l.contains("%") || l.contains("Requests/sec") || l.contains("requests in")
        || l.contains("Non-2xx") || l.contains("Socket errors") || l.startsWith("wrk paced"))
        .forEach(l -> System.out.println("  " + l.strip()));
  }

  private static HttpRequest get(URI base, String token, String tier, int page) {
    return get(base, token, tier, page, Duration.ofSeconds(30));
  }

  private static HttpRequest get(URI base, String token, String tier, int page, Duration timeout) {
    return HttpRequest.newBuilder(base.resolve("/api/v1/findings?tier=" + tier + "&page=" + page))
        .header("Authorization", "Bearer " + token).timeout(timeout).GET().build();
  }

  private static HttpRequest upload(URI base, String token, Path host) {
    String boundary = "patchwarden-bench-" + host.getFileName();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (var files = Files.list(host)) {
      for (Path f : files.sorted().toList()) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + f.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(Files.readAllBytes(f));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return HttpRequest.newBuilder(base.resolve("/api/v1/inventories?asset=" + host.getFileName()))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Idempotency-Key", "bench-" + host.getFileName())
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
  }

  /** Sends {@code rate} requests a second for {@code seconds}, each due at its slot; waits for every answer. */
  static Phase fixedRate(HttpClient http, String name, int rate, double seconds,
      java.util.function.IntFunction<HttpRequest> request) throws Exception {
    int total = (int) Math.round(rate * seconds);
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>(total));
    AtomicInteger errors = new AtomicInteger();
    Map<Integer, String> firstErrors = new ConcurrentHashMap<>();
    List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>(total));
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime();
    long periodNanos = 1_000_000_000L / rate;
    for (int i = 0; i < total; i++) {
      final int n = i;
      long due = start + n * periodNanos;
      ticker.schedule(() -> {
        HttpRequest r = request.apply(n);
        // a 2xx body is dropped as it arrives: thousands of 94 KB pages in flight would not fit the heap
        HttpResponse.BodyHandler<String> body = info -> info.statusCode() / 100 == 2
            ? HttpResponse.BodySubscribers.replacing("") : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        pending.add(http.sendAsync(r, body).whenComplete((resp, err) -> {
          latencies.add((System.nanoTime() - due) / 1e6);
          if (err != null || resp.statusCode() / 100 != 2) {
            errors.incrementAndGet();
            if (firstErrors.size() < 3) {
              firstErrors.put(n, err != null ? err.toString() : resp.statusCode() + " " + resp.body());
            }
          }
        }));
      }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    ticker.shutdown();
    ticker.awaitTermination(1, TimeUnit.HOURS);
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    double took = (System.nanoTime() - start) / 1e9;
    firstErrors.values().forEach(e -> System.out.println("  " + name + " error: "
        + (e.length() > 300 ? e.substring(0, 300) : e)));
    return new Phase(name, List.copyOf(latencies), errors.get(), total, took);
  }

  private static void awaitUp(HttpClient http, URI base, Process server, Path logs) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < until) {
      if (!server.isAlive()) {
        throw new IllegalStateException("serve exited " + server.exitValue() + ": " + Files.readString(logs.resolve("serve.err")));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/openapi.json")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("serve did not answer within 120 s");
  }

  private static List<String> java(Options o) {
    return java(o, List.of());
  }

  private static List<String> java(Options o, List<String> options) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(options);
    cmd.addAll(List.of("-jar", o.jar().toAbsolutePath().toString()));
    return cmd;
  }

  private static Path cli(Options o, Path logs, String label, List<String> target, List<String> args, String stdin)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(java(o));
    cmd.addAll(target);
    cmd.addAll(args);
    Path out = logs.resolve(label + ".out");
    Path err = logs.resolve(label + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException(label + ": exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n"
          + Files.readString(err));
    }
    return out;
  }

  private static int count(EmbeddedPostgres pg, String sql) throws Exception {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static Options parse(String[] args) {
    Path jar = Path.of("app/target/patchwarden.jar");
    int hosts = 10_000;
    int rate = 500;
    int seconds = 30;
    int uploadRate = 50;
    int uploadSeconds = 60;
    Path feeds = Path.of("../shared/data/feeds");
    int packages = 276;
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "patchwarden-bench-server");
    String tier = "T0";
    String generator = "java";
    List<String> serveOptions = List.of();
    Path keep = null;
    int connections = 64;
    Path policy = null;
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--jar" -> jar = Path.of(v);
        case "--hosts" -> hosts = Integer.parseInt(v);
        case "--rate" -> rate = Integer.parseInt(v);
        case "--seconds" -> seconds = Integer.parseInt(v);
        case "--upload-rate" -> uploadRate = Integer.parseInt(v);
        case "--upload-seconds" -> uploadSeconds = Integer.parseInt(v);
        case "--feeds" -> feeds = Path.of(v);
        case "--packages" -> packages = Integer.parseInt(v);
        case "--work" -> work = Path.of(v);
        case "--tier" -> tier = v;
        case "--generator" -> generator = switch (v) {
          case "java", "wrk", "both" -> v;
          default -> throw new IllegalArgumentException("--generator " + v + ": expected java, wrk or both");
        };
        case "--keep" -> keep = Path.of(v);
        case "--connections" -> connections = Integer.parseInt(v);
        case "--policy" -> policy = Path.of(v);
        case "--serve-opts" -> serveOptions = List.of(v.strip().split("\\s+")); // e.g. -XX:StartFlightRecording=...
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new Options(jar, hosts, rate, seconds, uploadRate, uploadSeconds, feeds, packages, work, tier, generator,
        serveOptions, keep == null ? null : keep.toAbsolutePath(), connections, policy);
  }
}
