package org.patchwarden.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Chaos trials against the real CLI (issue 10): kill -9 at a random moment of a feed load or an
 * inventory import, then the completing commands; or two and three matching commands at once. After
 * each trial the open findings are compared with a reference store built once without chaos:
 * "lost" are reference findings missing, "extra" findings that should not be open. A failure is a
 * nonzero exit that is not a clean "busy, try again" refusal, or matching left owed at the end.
 *
 * <pre>./patchwarden bench chaos [--store sqlite|postgres|both] [--kind kill|concurrent|both]
 *     [--trials N] [--seed S] [--work DIR] [--keep] [--minutes M] [--jar app/target/patchwarden.jar]</pre>
 *
 * The data is the demo's bundled snapshot, read from the CLI jar: feeds A (CISA KEV, CVE 5, NVD),
 * feeds B (Debian DSA, OSV AlmaLinux/Go/PyPI) and the demo fleet (also split in two halves).
 */
public final class ChaosBench {
  private final ChaosCli cli;
  private final Data data;
  private final Random random;
  private final boolean keep;
  private final List<String> problems = new ArrayList<>();

  private ChaosBench(ChaosCli cli, Data data, long seed, boolean keep) {
    this.cli = cli;
    this.data = data;
    this.random = new Random(seed);
    this.keep = keep;
  }

  /** Where the trials' inputs are: two feed mirrors, the fleet, and the fleet in two halves. */
  record Data(Path feedsA, Path feedsB, Path fleet, Path half1, Path half2) {}

  /** The base homes every trial starts from, and the reference findings. */
  private record Bases(Map<String, ChaosStore.Home> homes, Set<String> reference, Map<String, Double> seconds) {}

  /** One row of the table. */
  private static final class Tally {
    int trials;
    int failures;
    int refused;
    int lost;
    int extra;
    int killsLanded;
    final List<Double> seconds = new ArrayList<>();
  }

  public static void main(String[] args) throws Exception {
    String stores = "both";
    String kinds = "both";
    int trials = 10;
    long seed = 1;
    Path work = null;
    boolean keep = false;
    double minutes = 0;
    Path jar = Path.of("app/target/patchwarden.jar");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--store" -> stores = args[++i];
        case "--kind" -> kinds = args[++i];
        case "--trials" -> trials = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--keep" -> keep = true;
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        default -> {
          System.err.println("bench chaos: unknown argument '" + args[i] + "'; usage: bench chaos"
              + " [--store sqlite|postgres|both] [--kind kill|concurrent|both] [--trials N] [--seed S]"
              + " [--work DIR] [--keep] [--minutes M] [--jar FILE]");
          System.exit(2);
        }
      }
    }
    if (!Set.of("sqlite", "postgres", "both").contains(stores) || !Set.of("kill", "concurrent", "both").contains(kinds)
        || trials < 1) {
      System.err.println("bench chaos: --store is sqlite, postgres or both; --kind kill, concurrent or both;"
          + " --trials at least 1");
      System.exit(2);
    }
    if (!Files.isRegularFile(jar)) {
      System.err.println("bench chaos: no CLI jar at " + jar.toAbsolutePath()
          + " (build it: ./mvnw -q -B -pl app -am package -DskipTests)");
      System.exit(2);
    }
    boolean temporary = work == null;
    if (temporary) {
      work = Files.createTempDirectory("patchwarden-chaos");
    }
    Files.createDirectories(work);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    System.err.printf("bench chaos: seed %d, %d trial(s) per store and kind, work in %s, CLI %s%n", seed, trials,
        work, jar.toAbsolutePath());
    Data data = extract(jar, work.resolve("data"));
    ChaosBench bench = new ChaosBench(new ChaosCli(java, jar.toAbsolutePath(), work), data, seed, keep);
    Map<String, Tally> table = new LinkedHashMap<>();
    // A time budget: no trial starts after it, and the table covers the trials run.
    long deadline = minutes > 0 ? System.nanoTime() + (long) (minutes * 60e9) : Long.MAX_VALUE;
    for (String s : stores.equals("both") ? List.of("sqlite", "postgres") : List.of(stores)) {
      try (ChaosStore store = s.equals("sqlite") ? new ChaosStore.Sqlite(work.resolve("sqlite"))
          : new ChaosStore.Postgres(work.resolve("postgres"))) {
        Bases bases = bench.bases(store);
        List<String> kindList = kinds.equals("both") ? List.of("kill", "concurrent") : List.of(kinds);
        for (String k : kindList) {
          table.put(s + " " + k, new Tally());
        }
        // Kinds alternate, so that a run cut short by --minutes has figures for each.
        for (int i = 1; i <= trials && System.nanoTime() < deadline; i++) {
          for (String k : kindList) {
            if (k.equals("kill")) {
              bench.killTrial(store, bases, i, table.get(s + " " + k));
            } else {
              bench.concurrentTrial(store, bases, i, table.get(s + " " + k));
            }
          }
        }
        if (!keep) {
          bases.homes().values().forEach(store::drop);
        }
      }
    }
    System.out.println();
    System.out.printf("%-9s %-11s %7s %9s %8s %6s %6s %10s%n", "STORE", "KIND", "TRIALS", "FAILURES", "REFUSED",
        "LOST", "EXTRA", "MEDIAN S");
    table.forEach((key, t) -> {
      String[] sk = key.split(" ");
      System.out.printf("%-9s %-11s %7d %9d %8d %6d %6d %10.1f%s%n", sk[0], sk[1], t.trials, t.failures, t.refused,
          t.lost, t.extra, median(t.seconds),
          sk[1].equals("kill") ? "   (" + t.killsLanded + " kills landed before the command ended)" : "");
    });
    if (!bench.problems.isEmpty()) {
      System.out.println();
      System.out.println("problems (" + bench.problems.size() + "):");
      bench.problems.stream().limit(40).forEach(p -> System.out.println("  " + p));
    }
    if (temporary && !keep) {
      ChaosStore.deleteTree(work);
    }
    boolean clean = table.values().stream().allMatch(t -> t.failures == 0 && t.lost == 0 && t.extra == 0);
    System.exit(clean ? 0 : 1);
  }

  /** Builds the base homes by running the CLI, and checks that every order of the same data gives the same findings. */
  private Bases bases(ChaosStore store) {
    System.err.println(store.name() + ": building the base stores and the reference …");
    Map<String, ChaosStore.Home> homes = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    ChaosStore.Home empty = store.create("base-empty", null);
    homes.put("empty", empty);
    homes.put("fleet", step(store, empty, "base-fleet", seconds, "import", "inventory", "import", data.fleet().toString()));
    homes.put("a", step(store, empty, "base-a", seconds, "loadA", "feeds", "load", "--from", data.feedsA().toString()));
    homes.put("fleet_a", step(store, homes.get("fleet"), "base-fleet-a", seconds, "loadA", "feeds", "load", "--from",
        data.feedsA().toString()));
    homes.put("fleet_b", step(store, homes.get("fleet"), "base-fleet-b", seconds, "loadB", "feeds", "load", "--from",
        data.feedsB().toString()));
    homes.put("ab", step(store, homes.get("a"), "base-ab", seconds, "loadB", "feeds", "load", "--from",
        data.feedsB().toString()));
    ChaosStore.Home ref = step(store, homes.get("fleet_a"), "reference", seconds, "loadB", "feeds", "load", "--from",
        data.feedsB().toString());
    homes.put("reference", ref);
    Set<String> reference = store.openFindings(ref);
    // The same data in other orders must give the same findings, or no trial could be judged.
    check(store, reference, step(store, homes.get("ab"), "check-ab-fleet", seconds, "import", "inventory", "import",
        data.fleet().toString()), "feeds A, feeds B, then the fleet", homes);
    check(store, reference, step(store, homes.get("fleet_b"), "check-fleet-b-a", seconds, "loadA", "feeds", "load",
        "--from", data.feedsA().toString()), "the fleet, feeds B, then feeds A", homes);
    ChaosStore.Home halves = step(store, homes.get("ab"), "check-halves", seconds, "import", "inventory", "import",
        data.half1().toString());
    cli.run(halves, "inventory", "import", data.half2().toString());
    check(store, reference, halves, "feeds A, feeds B, then the fleet in two halves", homes);
    System.err.printf("%s: reference has %d open findings; import %.1f s, load A %.1f s, load B %.1f s%n", store.name(),
        reference.size(), seconds.get("import"), seconds.get("loadA"), seconds.get("loadB"));
    if (reference.isEmpty()) {
      throw new IllegalStateException(store.name() + ": the reference store has no open findings: nothing to compare");
    }
    return new Bases(homes, reference, seconds);
  }

  private void check(ChaosStore store, Set<String> reference, ChaosStore.Home home, String order,
      Map<String, ChaosStore.Home> homes) {
    Set<String> found = store.openFindings(home);
    if (!found.equals(reference)) {
      problems.add(store.name() + ": " + order + " gives " + diff(reference, found) + " against the reference ("
          + home.dir() + ")");
    }
    homes.put(home.label(), home);
  }

  private ChaosStore.Home step(ChaosStore store, ChaosStore.Home from, String label, Map<String, Double> seconds,
      String timed, String... args) {
    ChaosStore.Home home = store.create(label, from);
    long start = System.nanoTime();
    ChaosCli.Run r = cli.run(home, args);
    if (r.process.exitValue() != 0) {
      throw new IllegalStateException(store.name() + ": building " + label + ": " + r.describe());
    }
    seconds.merge(timed, (System.nanoTime() - start) / 1e9, Math::max);
    return home;
  }

  /** kill -9 one command at a random moment, then run what an operator would run: feeds rematch, the command again. */
  private void killTrial(ChaosStore store, Bases bases, int n, Tally t) {
    long start = System.nanoTime();
    int scenario = random.nextInt(3);
    String base;
    String timed;
    List<String[]> completion = new ArrayList<>();
    String[] victim;
    switch (scenario) {
      case 0 -> {
        base = "fleet_a";
        timed = "loadB";
        victim = new String[] {"feeds", "load", "--from", data.feedsB().toString()};
      }
      case 1 -> {
        base = "fleet_b";
        timed = "loadA";
        victim = new String[] {"feeds", "load", "--from", data.feedsA().toString()};
      }
      default -> {
        base = "ab";
        timed = "import";
        victim = new String[] {"inventory", "import", data.fleet().toString()};
      }
    }
    completion.add(new String[] {"feeds", "rematch"});
    completion.add(victim);
    long delay = (long) (random.nextDouble() * bases.seconds().get(timed) * 1000);
    ChaosStore.Home home = store.create("trial-" + store.name() + "-kill-" + n, bases.homes().get(base));
    ChaosCli.Run run = cli.start(home, victim);
    sleep(delay);
    boolean landed = run.kill();
    int failures = 0;
    for (String[] c : completion) {
      ChaosCli.Run r = cli.run(home, c);
      if (r.process.exitValue() != 0) {
        failures++;
        problems.add(store.name() + " kill " + n + ": " + r.describe());
      }
    }
    String what = String.join(" ", victim[0], victim[1]) + " killed at " + delay + " ms" + (landed ? "" : " (had ended)");
    finish(store, bases, home, n, "kill", what, failures, 0, t, start);
    if (landed) {
      t.killsLanded++;
    }
  }

  /** Two or three matching commands at once, started a random fraction of a second apart. */
  private void concurrentTrial(ChaosStore store, Bases bases, int n, Tally t) {
    long start = System.nanoTime();
    String[] loadA = {"feeds", "load", "--from", data.feedsA().toString()};
    String[] loadB = {"feeds", "load", "--from", data.feedsB().toString()};
    String[] importFleet = {"inventory", "import", data.fleet().toString()};
    String[] import1 = {"inventory", "import", data.half1().toString()};
    String[] import2 = {"inventory", "import", data.half2().toString()};
    int scenario = random.nextInt(4);
    String base;
    List<String[]> commands;
    String what;
    switch (scenario) {
      case 0 -> {
        base = "fleet";
        commands = List.of(loadA, loadB);
        what = "load A + load B";
      }
      case 1 -> {
        base = "a";
        commands = List.of(loadB, importFleet);
        what = "load B + import";
      }
      case 2 -> {
        base = "ab";
        commands = List.of(import1, import2);
        what = "import half 1 + import half 2";
      }
      default -> {
        base = "a";
        commands = List.of(loadB, import1, import2);
        what = "load B + two half imports";
      }
    }
    List<String[]> order = new ArrayList<>(commands);
    Collections.shuffle(order, random);
    ChaosStore.Home home = store.create("trial-" + store.name() + "-concurrent-" + n, bases.homes().get(base));
    List<ChaosCli.Run> runs = new ArrayList<>();
    for (String[] c : order) {
      runs.add(cli.start(home, c));
      sleep(random.nextInt(800));
    }
    int failures = 0;
    int refused = 0;
    List<String[]> again = new ArrayList<>();
    for (ChaosCli.Run r : runs) {
      if (r.await() == 0) {
        continue;
      }
      if (r.busyRefusal()) {
        refused++;
        again.add(r.args.toArray(String[]::new));
      } else {
        failures++;
        problems.add(store.name() + " concurrent " + n + " (" + what + "): " + r.describe());
      }
    }
    // A refused command is retried, as an operator told "busy, try again" would.
    for (String[] c : again) {
      ChaosCli.Run r = cli.run(home, c);
      if (r.process.exitValue() != 0) {
        failures++;
        problems.add(store.name() + " concurrent " + n + " retry: " + r.describe());
      }
    }
    finish(store, bases, home, n, "concurrent", what, failures, refused, t, start);
  }

  private void finish(ChaosStore store, Bases bases, ChaosStore.Home home, int n, String kind, String what,
      int failures, int refused, Tally t, long start) {
    Set<String> found = store.openFindings(home);
    int owed = store.owedMatching(home);
    if (owed > 0) {
      failures++;
      problems.add(store.name() + " " + kind + " " + n + " (" + what + "): " + owed + " matching(s) still owed at the end");
    }
    Set<String> lost = new TreeSet<>(bases.reference());
    lost.removeAll(found);
    Set<String> extra = new TreeSet<>(found);
    extra.removeAll(bases.reference());
    if (!lost.isEmpty() || !extra.isEmpty()) {
      problems.add(store.name() + " " + kind + " " + n + " (" + what + "): " + diff(bases.reference(), found) + " in "
          + home.dir());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    t.trials++;
    t.failures += failures;
    t.refused += refused;
    t.lost += lost.size();
    t.extra += extra.size();
    t.seconds.add(seconds);
    System.err.printf("%s %s %d: %s: %d failure(s), %d refused, %d lost, %d extra, %.1f s%n", store.name(), kind, n,
        what, failures, refused, lost.size(), extra.size(), seconds);
    if (!keep && failures == 0 && lost.isEmpty() && extra.isEmpty()) {
      store.drop(home);
    }
  }

  private static String diff(Set<String> reference, Set<String> found) {
    Set<String> lost = new TreeSet<>(reference);
    lost.removeAll(found);
    Set<String> extra = new TreeSet<>(found);
    extra.removeAll(reference);
    return lost.size() + " lost " + lost.stream().limit(3).toList() + ", " + extra.size() + " extra "
        + extra.stream().limit(3).toList();
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Extracts the demo's feeds and fleet from the CLI jar: feeds A (KEV, CVE 5, NVD), feeds B (Debian
   * DSA, OSV), the fleet, and the fleet split in two halves (every other asset of assets.csv).
   */
  static Data extract(Path jar, Path dir) throws IOException {
    ChaosStore.deleteTree(dir);
    Path demo = dir.resolve("demo");
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.isDirectory() || !e.getName().startsWith("demo/") || e.getName().contains("..")) {
          continue;
        }
        Path target = dir.resolve(e.getName());
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    if (!Files.isDirectory(demo.resolve("feeds")) || !Files.isDirectory(demo.resolve("fleet"))) {
      throw new IllegalStateException(jar + " holds no demo/feeds and demo/fleet: is it the Patchwarden CLI jar?");
    }
    Path a = dir.resolve("feeds-a");
    Path b = dir.resolve("feeds-b");
    for (String f : List.of("kev", "cve5", "nvd")) {
      copyTree(demo.resolve("feeds").resolve(f), a.resolve(f));
    }
    copyTree(demo.resolve("feeds/osv"), b.resolve("osv"));
    copyTree(demo.resolve("feeds/debian/data/DSA"), b.resolve("debian/data/DSA"));
    Path fleet = demo.resolve("fleet");
    Path half1 = dir.resolve("fleet-half-1");
    Path half2 = dir.resolve("fleet-half-2");
    List<String> lines = Files.readAllLines(fleet.resolve("assets.csv"));
    List<String> h1 = new ArrayList<>();
    List<String> h2 = new ArrayList<>();
    int asset = 0;
    for (String line : lines) {
      if (line.startsWith("name,") || line.startsWith("#") || line.isBlank()) {
        h1.add(line);
        h2.add(line);
        continue;
      }
      Path half = asset++ % 2 == 0 ? half1 : half2;
      (half == half1 ? h1 : h2).add(line);
      Path folder = fleet.resolve(line.substring(0, line.indexOf(',')));
      if (Files.isDirectory(folder)) {
        copyTree(folder, half.resolve(folder.getFileName().toString()));
      }
    }
    Files.createDirectories(half1);
    Files.createDirectories(half2);
    Files.write(half1.resolve("assets.csv"), h1);
    Files.write(half2.resolve("assets.csv"), h2);
    return new Data(a, b, fleet, half1, half2);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
