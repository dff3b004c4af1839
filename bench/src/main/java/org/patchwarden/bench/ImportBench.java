package org.patchwarden.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.formats.inventory.dpkg.DpkgStatusReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/**
 * {@code patchwarden inventory import} of a whole fleet, timed as a user runs it: the real CLI jar
 * in a child process, so that JVM start, schema checks and the store's writes all count. Three
 * imports per run on a store that holds only the Debian DSA/DLA lists: a fresh import, the same
 * fleet again (unchanged), and the fleet with one package changed on every host. Each is reported
 * with wall time and peak RSS (the child's, from {@code /usr/bin/time} when present, else polled
 * from {@code /proc/PID/status} VmHWM), and the medians over the runs. The store is SQLite (a copy
 * of a prepared database per run) or PostgreSQL (an embedded server, one database per run made
 * from a prepared template). When {@code debsecan} is installed, the same hosts go through it, one
 * process per host as on each host, and the two finding sets are compared (Jaccard index of
 * (host, vulnerability, binary package) triples, as {@link DebsecanComparison} states them).
 *
 * <p>The fleet is generated ({@link FleetGenerator#generateRelease}: Debian 11 hosts built from
 * this machine's dpkg database and the versions the DSA/DLA lists fix) or read from a directory in
 * the {@code inventory import} layout. {@code --listed N} puts N sources the lists name first on each
 * image, for a fleet as exposed as the hosts of issue 11 (276 packages, ~98 findings each) whatever
 * this machine has installed; the changed fleet is a copy in which each host's dpkg
 * status has its first package at another version.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.patchwarden.bench.ImportBench --hosts 1000 \
 *     [--fleet DIR] [--store sqlite|postgres] [--runs 5] [--feeds ../shared/data/feeds]
 *     [--jar app/target/patchwarden.jar] [--launcher ./patchwarden] [--packages 276] [--listed 0] [--images 8]
 *     [--drift 5] [--seed 1] [--debsecan PATH|none] [--debsecan-hosts N] [--work DIR] [--keep]</pre>
 */
public final class ImportBench {
  private static final Set<String> DEBIAN_FEEDS = Set.of("debian-dsa", "debian-dla");
  private static final Map<String, String> SUITES = Map.of("10", "buster", "11", "bullseye");
  private static final List<String> KINDS = List.of("fresh", "unchanged", "changed");

  private static final String USAGE = "usage: bench import --hosts N [--fleet DIR] [--store sqlite|postgres]"
      + " [--runs R] [--feeds DIR] [--jar FILE] [--launcher FILE] [--packages N] [--listed N] [--images N]"
      + " [--drift N] [--seed N] [--debsecan PATH|none] [--debsecan-hosts N] [--work DIR] [--keep]";

  private ImportBench() {}

  /** What the bench was asked to do. */
  record Options(int hosts, Path fleet, String store, int runs, Path feeds, Path jar, Path launcher, int packages,
      int listed, int images, int drift, long seed, String debsecan, int debsecanHosts, Path work, boolean keep) {}

  /**
   * One child process's wall time, peak resident set and CPU time (user + system, -1 when unknown):
   * on a machine shared with other work, CPU time shows what the import itself costs.
   */
  record Measured(double seconds, long peakRssKb, double cpuSeconds, double serverCpuSeconds) {
    Measured(double seconds, long peakRssKb, double cpuSeconds) {
      this(seconds, peakRssKb, cpuSeconds, 0);
    }

    /** With the CPU time the database server spent meanwhile (PostgreSQL; SQLite works in the CLI itself). */
    Measured withServer(double serverSeconds) {
      return new Measured(seconds, peakRssKb, cpuSeconds, serverSeconds);
    }
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench import: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    boolean temporary = o.work() == null;
    Path work = temporary ? Files.createTempDirectory("import-bench") : Files.createDirectories(o.work());
    try {
      run(o, work);
    } finally {
      if (temporary && !o.keep()) {
        deleteTree(work);
      } else {
        System.out.println("files kept in " + work);
      }
    }
  }

  static Options parse(String[] args) {
    int hosts = 1000;
    Path fleet = null;
    String store = "sqlite";
    int runs = 5;
    Path feeds = Path.of("../shared/data/feeds");
    Path jar = Path.of("app/target/patchwarden.jar");
    Path launcher = null;
    int packages = 276;
    int listed = 0;
    int images = 8;
    int drift = 5;
    long seed = 1;
    String debsecan = null;
    int debsecanHosts = 100; // one process per host takes ~150 ms: more only extrapolates more exactly
    Path work = null;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--keep")) {
        keep = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      String v = args[++i];
      try {
        switch (a) {
          case "--hosts" -> hosts = positive(a, Integer.parseInt(v));
          case "--fleet" -> fleet = Path.of(v);
          case "--store" -> store = v.toLowerCase(Locale.ROOT);
          case "--runs" -> runs = positive(a, Integer.parseInt(v));
          case "--feeds" -> feeds = Path.of(v);
          case "--jar" -> jar = Path.of(v);
          case "--launcher" -> launcher = Path.of(v);
          case "--packages" -> packages = positive(a, Integer.parseInt(v));
          case "--listed" -> listed = Integer.parseInt(v);
          case "--images" -> images = positive(a, Integer.parseInt(v));
          case "--drift" -> drift = Integer.parseInt(v);
          case "--seed" -> seed = Long.parseLong(v);
          case "--debsecan" -> debsecan = v;
          case "--debsecan-hosts" -> debsecanHosts = Integer.parseInt(v);
          case "--work" -> work = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(a + " takes a number, got '" + v + "'");
      }
    }
    if (!store.equals("sqlite") && !store.equals("postgres")) {
      throw new IllegalArgumentException("--store is sqlite or postgres, got '" + store + "'");
    }
    if (fleet != null && !Files.isDirectory(fleet)) {
      throw new IllegalArgumentException("--fleet " + fleet + " is not a directory");
    }
    return new Options(hosts, fleet, store, runs, feeds, jar, launcher, packages, listed, images, drift, seed, debsecan,
        debsecanHosts, work, keep);
  }

  private static int positive(String option, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be 1 or more, got " + value);
    }
    return value;
  }

  private static void run(Options o, Path work) throws Exception {
    if (o.launcher() == null && !Files.isRegularFile(o.jar())) {
      throw new IllegalStateException("no CLI jar at " + o.jar() + " (build it: ./mvnw -B -pl app -am package"
          + " -DskipTests)");
    }
    Path debianFeeds = Files.isDirectory(o.feeds().resolve("debian")) ? o.feeds().resolve("debian") : o.feeds();
    long t0 = System.nanoTime();
    List<AdvisoryRecord> records = DebsecanComparison.loadDebianLists(o.feeds());
    System.out.printf("records: %d from the DSA/DLA lists under %s (%.1f s)%n", records.size(), debianFeeds,
        (System.nanoTime() - t0) / 1e9);

    Path fleet = o.fleet();
    if (fleet == null) {
      fleet = work.resolve("fleet");
      FleetGenerator generator = new FleetGenerator();
      records.forEach(generator::observe);
      List<FleetGenerator.DpkgPackage> dpkg = FleetGenerator.readDpkgStatus(Path.of("/var/lib/dpkg/status"));
      List<Inventory> hosts = generator.generateRelease("Debian:11", dpkg, o.hosts(), o.packages(), o.listed(),
          o.images(), o.drift(), o.seed());
      writeFleet(hosts, fleet);
      System.out.printf("fleet: %d Debian 11 hosts on %d images, %d packages each (%d drifted), in %s%n",
          hosts.size(), o.images(), hosts.isEmpty() ? 0 : hosts.get(0).packages().size(), o.drift(), fleet);
    } else {
      System.out.println("fleet: " + fleet);
    }
    Path changed = work.resolve("fleet-changed");
    int edited = writeChangedCopy(fleet, changed);
    System.out.printf("changed fleet: %d hosts with one package at another version, in %s%n", edited, changed);

    Path logs = Files.createDirectories(work.resolve("logs"));
    try (StoreUnderTest store = o.store().equals("postgres") ? new PostgresStore(work) : new SqliteStore(work)) {
      Cli cli = new Cli(o, work, logs);
      Measured load = cli.run("load", store.prepareBase(), List.of("feeds", "load", "--from", debianFeeds.toString()));
      System.out.printf("store: %s, DSA/DLA lists loaded in %.1f s (once; each run starts from a copy)%n",
          store.describe(), load.seconds());
      warmUp(cli, store, fleet, changed, o.launcher());
      Map<String, List<Measured>> results = new LinkedHashMap<>();
      KINDS.forEach(k -> results.put(k, new ArrayList<>()));
      Set<DebsecanComparison.Triple> ours = null;
      int openFindings = -1;
      for (int r = 1; r <= o.runs(); r++) {
        List<String> target = store.freshCopy(r);
        double server = store.serverCpuSeconds();
        Measured fresh = cli.run("fresh-" + r, target, List.of("inventory", "import", fleet.toString()));
        fresh = fresh.withServer(store.serverCpuSeconds() - server);
        if (r == 1) {
          Path json = cli.capture("findings-" + r, target, List.of("findings", "--status", "open", "--json"));
          ours = openDebianTriples(json);
          openFindings = countFindings(json);
          Files.delete(json);
        }
        server = store.serverCpuSeconds();
        Measured same = cli.run("unchanged-" + r, target, List.of("inventory", "import", fleet.toString()));
        same = same.withServer(store.serverCpuSeconds() - server);
        server = store.serverCpuSeconds();
        Measured diff = cli.run("changed-" + r, target, List.of("inventory", "import", changed.toString()));
        diff = diff.withServer(store.serverCpuSeconds() - server);
        results.get("fresh").add(fresh);
        results.get("unchanged").add(same);
        results.get("changed").add(diff);
        System.out.printf("run %d: fresh %.2f s (cpu %.1f s, server %.1f s) %d MB, unchanged %.2f s (cpu %.1f s,"
            + " server %.1f s) %d MB, changed %.2f s (cpu %.1f s, server %.1f s) %d MB; load average %s%n", r,
            fresh.seconds(), fresh.cpuSeconds(), fresh.serverCpuSeconds(), fresh.peakRssKb() >> 10, same.seconds(),
            same.cpuSeconds(), same.serverCpuSeconds(), same.peakRssKb() >> 10, diff.seconds(), diff.cpuSeconds(),
            diff.serverCpuSeconds(), diff.peakRssKb() >> 10, loadAverage());
        store.dropCopy(r);
      }
      System.out.println();
      System.out.printf("IMPORT %s, %s, medians of %d run(s): wall time including JVM start, CPU time (user +"
          + " system) of the CLI and of the database server, peak RSS of the CLI:%n", fleet.getFileName(),
          store.describe(), o.runs());
      for (String k : KINDS) {
        List<Measured> ms = results.get(k);
        System.out.printf("  %-10s %6.2f s  cpu %6.2f s  server cpu %6.2f s  %5d MB   (wall of each run: %s)%n", k,
            median(ms.stream().map(Measured::seconds).toList()), median(ms.stream().map(Measured::cpuSeconds).toList()),
            median(ms.stream().map(Measured::serverCpuSeconds).toList()),
            (long) median(ms.stream().map(m -> (double) m.peakRssKb()).toList()) >> 10,
            String.join(" ", ms.stream().map(m -> String.format("%.2f", m.seconds())).toList()));
      }
      System.out.printf("  findings open after the fresh import: %d (%d Debian list (host, vulnerability, binary)"
          + " triples)%n", openFindings, ours.size());
      compareWithDebsecan(o, records, fleet, work, ours, median(results.get("fresh").stream()
          .map(Measured::seconds).toList()));
    }
  }

  /**
   * Runs the three imports once, untimed, on a copy of its own: the first run of a command makes
   * its class-data-sharing archive at exit, or through the launcher records its AOT cache, which the
   * launcher then builds in the background for a few CPU-bound seconds. Timed runs overlapping that
   * build, or run without a cache while its lock is held, measured the bench rather than the import.
   */
  private static void warmUp(Cli cli, StoreUnderTest store, Path fleet, Path changed, Path launcher)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    List<String> target = store.freshCopy(0);
    cli.run("warmup-fresh", target, List.of("inventory", "import", fleet.toString()));
    cli.run("warmup-unchanged", target, List.of("inventory", "import", fleet.toString()));
    cli.run("warmup-changed", target, List.of("inventory", "import", changed.toString()));
    store.dropCopy(0);
    if (launcher != null) {
      awaitAotCaches(launcher.toAbsolutePath().getParent().resolve("app/target/aot"));
    }
    System.out.printf("warm-up: each import once, untimed, caches built (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
  }

  /** Waits (at most three minutes) until no AOT cache is being built under {@code dir}: the launcher holds a {@code .lock} directory while it builds one. */
  static void awaitAotCaches(Path dir) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && Files.isDirectory(dir)) {
      boolean building;
      try (Stream<Path> files = Files.walk(dir, 2)) {
        building = files.anyMatch(f -> f.getFileName().toString().endsWith(".lock") && Files.isDirectory(f));
      }
      if (!building) {
        return;
      }
      Thread.sleep(200);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the fleet on disk

  /** Writes the fleet in the {@code inventory import} layout: assets.csv, and os-release plus dpkg status per host. */
  static void writeFleet(List<Inventory> hosts, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder csv = new StringBuilder("name,kind,environment,owner_team,criticality,internet_facing,tags,"
        + "vendor,product,version,part,cpe\n");
    for (Inventory inv : hosts) {
      String name = inv.assetName();
      csv.append(name).append(",host,production,ops,").append(1 + Math.floorMod(name.hashCode(), 4))
          .append(",no,,,,,,\n");
      Path host = Files.createDirectories(dir.resolve(name));
      if (inv.os() != null) {
        Files.writeString(host.resolve("os-release"), "ID=" + inv.os().id() + "\nVERSION_ID=\"" + inv.os().versionId()
            + "\"\nVERSION_CODENAME=" + inv.os().codename() + "\n");
      }
      FleetGenerator.writeDpkgStatus(inv, host.resolve("status"));
    }
    Files.writeString(dir.resolve("assets.csv"), csv);
  }

  /**
   * Copies a fleet directory; in each host's dpkg status the first package's version gets a
   * {@code +bench1} suffix, so that every inventory differs from the original by one package.
   *
   * @return how many status files were changed
   */
  static int writeChangedCopy(Path fleet, Path out) throws IOException {
    if (Files.exists(out)) {
      deleteTree(out);
    }
    int changed = 0;
    List<Path> all;
    try (Stream<Path> walk = Files.walk(fleet)) {
      all = walk.sorted().toList();
    }
    for (Path p : all) {
      Path target = out.resolve(fleet.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(target);
      } else if (p.getFileName().toString().equals("status")) {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        int at = text.startsWith("Version: ") ? 0 : text.indexOf("\nVersion: ") + 1;
        if (at > 0 || text.startsWith("Version: ")) {
          int end = text.indexOf('\n', at);
          end = end < 0 ? text.length() : end;
          text = text.substring(0, end) + "+bench1" + text.substring(end);
          changed++;
        }
        Files.writeString(target, text, StandardCharsets.UTF_8);
      } else {
        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return changed;
  }

  // ---------------------------------------------------------------------------------------------
  // the CLI as a child process

  /** Runs the CLI: the launcher script when given (what a user types), else java -jar with the launcher's options. */
  private static final class Cli {
    private final Options o;
    private final Path logs;
    private final Path cds;
    private final boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));

    Cli(Options o, Path work, Path logs) throws IOException {
      this.o = o;
      this.logs = logs;
      this.cds = Files.createDirectories(work.resolve("cds"));
    }

    private List<String> command(List<String> target, List<String> args) {
      List<String> cmd = new ArrayList<>();
      if (o.launcher() != null) {
        cmd.add(o.launcher().toAbsolutePath().toString());
      } else {
        // the options ./patchwarden starts commands with (serial GC, a class-data-sharing archive, and
        // for inventory commands no optimizing compiler)
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive",
            "-XX:SharedArchiveFile=" + cds.resolve(args.get(0) + ".jsa"), "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        if (args.get(0).equals("inventory")) {
          cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.addAll(List.of("-jar", o.jar().toAbsolutePath().toString()));
      }
      cmd.addAll(target);
      cmd.addAll(args);
      return cmd;
    }

    /** Runs one command, stdout to a log file; fails unless it exits 0. */
    Measured run(String label, List<String> target, List<String> args) throws IOException, InterruptedException {
      return measure(label, command(target, args), logs.resolve(label + ".out"));
    }

    /** Runs one command (not measured for the figures) and returns the file its stdout went to. */
    Path capture(String label, List<String> target, List<String> args) throws IOException, InterruptedException {
      Path out = logs.resolve(label + ".json");
      measure(label, command(target, args), out);
      return out;
    }

    private Measured measure(String label, List<String> command, Path out) throws IOException, InterruptedException {
      Path err = logs.resolve(label + ".err");
      Path timing = logs.resolve(label + ".time");
      List<String> cmd = new ArrayList<>();
      if (gnuTime) {
        cmd.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", timing.toString()));
      }
      cmd.addAll(command);
      long start = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      long peak = 0;
      while (!p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (!gnuTime) {
          peak = Math.max(peak, vmHwmKb(p.pid()));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int code = p.exitValue();
      if (code != 0) {
        throw new IllegalStateException(label + ": exit " + code + ": " + String.join(" ", command) + "\n"
            + tail(err));
      }
      double cpu = -1;
      if (gnuTime) {
        List<String> lines = Files.readAllLines(timing);
        String[] f = lines.get(lines.size() - 1).strip().split(" ");
        peak = Long.parseLong(f[0]);
        cpu = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
      }
      return new Measured(seconds, peak, cpu);
    }
  }

  /** This machine's 1-minute load average: figures taken on a busy machine say so. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long vmHwmKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      // the process ended between the poll and the read: keep the last value
    }
    return 0;
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  // ---------------------------------------------------------------------------------------------
  // stores

  /** Where the imports write: a prepared store with the DSA/DLA lists, and a fresh copy per run. */
  private interface StoreUnderTest extends AutoCloseable {
    /** CLI arguments that open the prepared store (loaded once). */
    List<String> prepareBase() throws IOException;

    /** CLI arguments that open run {@code r}'s copy of the prepared store. */
    List<String> freshCopy(int r) throws IOException;

    void dropCopy(int r) throws IOException;

    String describe();

    /** CPU seconds (user + system) the database server has used so far; 0 for a store inside the CLI. */
    default double serverCpuSeconds() {
      return 0;
    }

    @Override
    void close() throws IOException;
  }

  /** SQLite: the prepared home's database file, copied per run. */
  private static final class SqliteStore implements StoreUnderTest {
    private final Path work;

    SqliteStore(Path work) {
      this.work = work;
    }

    @Override
    public List<String> prepareBase() throws IOException {
      Path home = work.resolve("home-base");
      if (Files.exists(home)) {
        deleteTree(home);
      }
      return List.of("--home", Files.createDirectories(home).toString());
    }

    @Override
    public List<String> freshCopy(int r) throws IOException {
      Path home = work.resolve("home-run-" + r);
      if (Files.exists(home)) {
        deleteTree(home);
      }
      Files.createDirectories(home);
      try (Stream<Path> files = Files.list(work.resolve("home-base"))) {
        for (Path f : files.filter(f -> f.getFileName().toString().startsWith("patchwarden.db")).toList()) {
          Files.copy(f, home.resolve(f.getFileName()));
        }
      }
      return List.of("--home", home.toString());
    }

    @Override
    public void dropCopy(int r) throws IOException {
      deleteTree(work.resolve("home-run-" + r));
    }

    @Override
    public String describe() {
      return "SQLite";
    }

    @Override
    public void close() {}
  }

  /** PostgreSQL: an embedded server; the prepared database is the template of each run's database. */
  private static final class PostgresStore implements StoreUnderTest {
    private final Path work;
    private final EmbeddedPostgres server;

    PostgresStore(Path work) throws IOException {
      this.work = work;
      // The embedded server's defaults are for throw-away test databases (it starts postgres with -F,
      // i.e. fsync off, and synchronous_commit off): a user's server makes every commit durable, so the
      // import is measured that way. The later -c fsync=on overrides the -F on the command line.
      this.server = EmbeddedPostgres.builder()
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setRegisterShutdownHook(true)
          .start();
    }

    /** The durability settings the server really runs with, read back rather than assumed. */
    private String settings() {
      try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN ('fsync',"
              + " 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'wal_buffers', 'max_wal_size')"
              + " ORDER BY name")) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          String unit = rs.getString(3);
          out.add(rs.getString(1) + "=" + rs.getString(2) + (unit == null ? "" : " " + unit));
        }
        return String.join(", ", out);
      } catch (SQLException e) {
        return "settings unknown: " + e.getMessage();
      }
    }

    private String url(String database) {
      return server.getJdbcUrl("postgres", database);
    }

    private void sql(String statement) throws IOException {
      try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute(statement);
      } catch (SQLException e) {
        throw new IOException("embedded PostgreSQL: " + statement + ": " + e.getMessage(), e);
      }
    }

    @Override
    public List<String> prepareBase() throws IOException {
      sql("CREATE DATABASE pw_bench_base");
      return List.of("--home", Files.createDirectories(work.resolve("home-pg")).toString(), "--db",
          url("pw_bench_base"));
    }

    @Override
    public List<String> freshCopy(int r) throws IOException {
      sql("CREATE DATABASE pw_bench_run_" + r + " TEMPLATE pw_bench_base");
      return List.of("--home", work.resolve("home-pg").toString(), "--db", url("pw_bench_run_" + r));
    }

    @Override
    public void dropCopy(int r) throws IOException {
      sql("DROP DATABASE pw_bench_run_" + r);
    }

    /**
     * The postmaster's own CPU time, that of its ended children (backends, which it reaps), and that
     * of its live children, from {@code /proc}; -1 when unknown.
     */
    @Override
    public double serverCpuSeconds() {
      long postmaster = postmasterPid();
      if (postmaster < 0) {
        return -1;
      }
      long ticks = 0;
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
          long[] stat = stat(proc);
          if (stat == null) {
            continue;
          }
          long pid = Long.parseLong(proc.getFileName().toString());
          if (pid == postmaster) {
            ticks += stat[1] + stat[2] + stat[3] + stat[4];
          } else if (stat[0] == postmaster) {
            ticks += stat[1] + stat[2];
          }
        }
      } catch (IOException e) {
        return -1;
      }
      return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    private long postmasterPid() {
      try {
        // the first line of postmaster.pid in the data directory; the server's backends are its children
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
            var rs = s.executeQuery("SELECT pg_backend_pid()")) {
          rs.next();
          long[] stat = stat(Path.of("/proc", Long.toString(rs.getLong(1))));
          return stat == null ? -1 : stat[0];
        }
      } catch (SQLException e) {
        return -1;
      }
    }

    /** ppid, utime, stime, cutime, cstime of a process, or null when it is gone. */
    private static long[] stat(Path proc) {
      try {
        String line = Files.readString(proc.resolve("stat"));
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based overall
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
            Long.parseLong(f[13]), Long.parseLong(f[14])};
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    @Override
    public String describe() {
      return "PostgreSQL " + server.getPort() + " (embedded; " + settings() + ")";
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // findings and debsecan

  /** The open Debian-list findings of {@code findings --json} as debsecan states them. */
  static Set<DebsecanComparison.Triple> openDebianTriples(Path json) throws IOException {
    Set<DebsecanComparison.Triple> out = new TreeSet<>();
    forEachFinding(json, f -> {
      String status = f.path("status").asText();
      if (!DEBIAN_FEEDS.contains(f.path("source").asText())
          || !(status.equals("affected") || status.equals("unfixed"))) {
        return;
      }
      List<String> cves = new ArrayList<>();
      f.path("aliases").forEach(a -> {
        if (a.asText().startsWith("CVE-")) {
          cves.add(a.asText());
        }
      });
      for (String name : cves.isEmpty() ? List.of(f.path("advisory_id").asText()) : cves) {
        out.add(new DebsecanComparison.Triple(f.path("asset").asText(), name, f.path("package").asText()));
      }
    });
    return out;
  }

  private static int countFindings(Path json) throws IOException {
    int[] n = {0};
    forEachFinding(json, f -> n[0]++);
    return n[0];
  }

  /** Streams the {@code findings} array of a findings JSON document, one object at a time. */
  private static void forEachFinding(Path json, java.util.function.Consumer<JsonNode> each) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    try (InputStream in = Files.newInputStream(json); JsonParser p = mapper.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(json + ": not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("findings") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            each.accept(mapper.readTree(p));
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private static void compareWithDebsecan(Options o, List<AdvisoryRecord> records, Path fleet, Path work,
      Set<DebsecanComparison.Triple> ours, double freshSeconds) throws IOException, InterruptedException {
    Path debsecan = findDebsecan(o.debsecan());
    if (debsecan == null) {
      System.out.println("debsecan: not installed (apt-get install debsecan), no comparison");
      return;
    }
    // the hosts debsecan can run on: one Debian release, from each host's os-release
    Map<String, Path> statusFiles = new TreeMap<>();
    Map<String, String> releaseOf = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(fleet)) {
      for (Path host : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path status = host.resolve("status");
        Path osRelease = host.resolve("os-release");
        if (Files.isRegularFile(status) && Files.isRegularFile(osRelease)) {
          String version = osReleaseField(osRelease, "VERSION_ID");
          if (SUITES.containsKey(version)) {
            statusFiles.put(host.getFileName().toString(), status);
            releaseOf.put(host.getFileName().toString(), version);
          }
        }
      }
    }
    if (statusFiles.isEmpty()) {
      System.out.println("debsecan: no Debian 10 or 11 host with a dpkg status in the fleet, no comparison");
      return;
    }
    Map<String, Integer> counts = new TreeMap<>();
    releaseOf.values().forEach(v -> counts.merge(v, 1, Integer::sum));
    String release = Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
    String suite = SUITES.get(release);
    List<String> hosts = statusFiles.keySet().stream().filter(h -> releaseOf.get(h).equals(release))
        .limit(Math.max(0, o.debsecanHosts())).toList();
    if (hosts.isEmpty()) {
      // no host timed, no ratio: a division by zero would print "Infinity"
      System.out.println("DEBSECAN: not run (--debsecan-hosts " + o.debsecanHosts() + "); no ratio, no agreement");
      return;
    }
    Map<String, Set<String>> binariesBySource = new TreeMap<>();
    for (String h : hosts) {
      try (InputStream in = Files.newInputStream(statusFiles.get(h))) {
        for (InstalledPackage p : new DpkgStatusReader(in, statusFiles.get(h).toString()).read().packages()) {
          binariesBySource.computeIfAbsent(p.effectiveSourceName(), k -> new TreeSet<>()).add(p.name());
        }
      }
    }
    DebsecanData data = DebsecanData.render(records, "Debian:" + release, binariesBySource);
    Path dataDir = work.resolve("debsecan");
    data.writeTo(dataDir, suite);
    Path whitelist = work.resolve("no-whitelist");
    Set<DebsecanComparison.Triple> theirs = new TreeSet<>();
    long start = System.nanoTime();
    for (String h : hosts) {
      theirs.addAll(DebsecanComparison.parseSimpleFormat(h, runDebsecan(List.of(debsecan.toString(), "--config",
          "/dev/null", "--whitelist", whitelist.toString(), "--suite", suite, "--source", dataDir.toUri().toString(),
          "--status", statusFiles.get(h).toString(), "--format", "simple"), work, h)));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Set<String> compared = Set.copyOf(hosts);
    Set<DebsecanComparison.Triple> a = new TreeSet<>();
    ours.stream().filter(t -> compared.contains(t.host())).forEach(a::add);
    Set<DebsecanComparison.Triple> both = new TreeSet<>(a);
    both.retainAll(theirs);
    double jaccard = a.isEmpty() && theirs.isEmpty() ? 1.0
        : both.size() / (double) (a.size() + theirs.size() - both.size());
    double perHost = seconds / hosts.size();
    System.out.printf("DEBSECAN %s: %d hosts in %.1f s (one process per host, sequential) = %.0f ms/host%n", suite,
        hosts.size(), seconds, perHost * 1000);
    if (hosts.size() == statusFiles.size()) {
      System.out.printf("  fresh import is %.0fx faster than debsecan over the same hosts%n", seconds / freshSeconds);
    } else {
      System.out.printf("  debsecan ran on %d of %d hosts: extrapolated to all, the fresh import is %.0fx faster%n",
          hosts.size(), statusFiles.size(), perHost * statusFiles.size() / freshSeconds);
    }
    System.out.printf("AGREEMENT on those hosts: Patchwarden %d triples, debsecan %d, both %d; Jaccard %.4f%n",
        a.size(), theirs.size(), both.size(), jaccard);
    Set<DebsecanComparison.Triple> onlyOurs = new TreeSet<>(a);
    onlyOurs.removeAll(theirs);
    Set<DebsecanComparison.Triple> onlyTheirs = new TreeSet<>(theirs);
    onlyTheirs.removeAll(a);
    onlyOurs.stream().limit(5).forEach(t -> System.out.println("  Patchwarden only: " + t));
    onlyTheirs.stream().limit(5).forEach(t -> System.out.println("  debsecan only: " + t));
  }

  private static Path findDebsecan(String option) {
    if ("none".equals(option)) {
      return null;
    }
    if (option != null) {
      return Path.of(option);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, "debsecan");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static String osReleaseField(Path file, String key) throws IOException {
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1).replace("\"", "").strip();
      }
    }
    return "";
  }

  private static String runDebsecan(List<String> command, Path work, String host)
      throws IOException, InterruptedException {
    Path err = work.resolve("debsecan-stderr");
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readNBytes(DebsecanComparison.MAX_OUTPUT_BYTES + 1);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    int code = p.waitFor();
    String errors = Files.readString(err);
    if (code != 0 || !errors.isBlank() || out.length > DebsecanComparison.MAX_OUTPUT_BYTES) {
      throw new IllegalStateException("debsecan failed on " + host + " (exit " + code + "): " + errors.strip());
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
