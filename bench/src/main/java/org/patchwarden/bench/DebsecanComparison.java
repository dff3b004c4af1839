package org.patchwarden.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.feed.FeedDocumentReader;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedKind;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.formats.inventory.dpkg.DpkgStatusReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.EcosystemMapping;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.MatchResult;

/**
 * Patchwarden's matcher against Debian's own {@code debsecan} on the same advisories and the same
 * hosts: the DSA/DLA lists are loaded once, rendered as debsecan's data file for the suite ({@link
 * DebsecanData}), and a fleet of one release ({@link FleetGenerator#generateRelease}) is written as
 * one dpkg status file per host. Patchwarden reads those files and matches them all in one process;
 * debsecan runs once per host, as it would on each host. Both finding sets are reduced to (host,
 * vulnerability, binary package) triples and compared, and the first disagreements are explained
 * with what each tool compared.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.patchwarden.bench.DebsecanComparison \
 *     --feeds /work/shared/data/feeds --hosts 50 --release 11 [--packages 700] [--images 8] [--drift 5]
 *     [--seed 1] [--passes 5] [--dpkg-status /var/lib/dpkg/status] [--debsecan /usr/bin/debsecan]
 *     [--work DIR] [--keep]</pre>
 */
public final class DebsecanComparison {
  /** Most output read from one debsecan run; a host with every bullseye CVE would print well under 1 MB. */
  static final int MAX_OUTPUT_BYTES = 16 << 20;
  private static final Map<String, String> CODENAMES = Map.of("10", "buster", "11", "bullseye");
  private static final Set<String> DEBIAN_FEEDS = Set.of("debian-dsa", "debian-dla");
  private static final int EXPLAINED = 10;

  private DebsecanComparison() {}

  /** One finding reduced to what both tools can say: host, vulnerability name, binary package. */
  record Triple(String host, String vulnerability, String binary) implements Comparable<Triple> {
    private static final Comparator<Triple> ORDER = Comparator.comparing(Triple::host)
        .thenComparing(Triple::vulnerability).thenComparing(Triple::binary);

    @Override
    public int compareTo(Triple o) {
      return ORDER.compare(this, o);
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Path feeds = Path.of("../shared/data/feeds");
    Path status = Path.of("/var/lib/dpkg/status");
    Path debsecan = Path.of("/usr/bin/debsecan");
    Path work = null;
    boolean keep = false;
    String release = "11";
    int hosts = 50;
    int packages = 700;
    int images = 8;
    int drift = 5;
    int passes = 5;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--feeds" -> feeds = Path.of(args[++i]);
        case "--dpkg-status" -> status = Path.of(args[++i]);
        case "--debsecan" -> debsecan = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--keep" -> keep = true;
        case "--release" -> release = args[++i];
        case "--hosts" -> hosts = Integer.parseInt(args[++i]);
        case "--packages" -> packages = Integer.parseInt(args[++i]);
        case "--images" -> images = Integer.parseInt(args[++i]);
        case "--drift" -> drift = Integer.parseInt(args[++i]);
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> usage();
      }
    }
    String suite = CODENAMES.get(release);
    if (suite == null) {
      System.err.println("--release must be one of " + new TreeSet<>(CODENAMES.keySet())
          + " (releases the DSA/DLA lists fix packages in)");
      System.exit(2);
    }
    String ecosystem = "Debian:" + release;
    OsRelease os = new OsRelease("debian", release, suite, "");
    boolean temporary = work == null;
    if (temporary) {
      work = Files.createTempDirectory("debsecan-comparison");
    }

    // 1. the same records for both: the DSA and DLA lists
    long t0 = System.nanoTime();
    List<AdvisoryRecord> records = loadDebianLists(feeds);
    FleetGenerator generator = new FleetGenerator();
    records.forEach(generator::observe);
    System.out.printf("records: %d from the DSA/DLA lists under %s, read in %.2f s%n", records.size(), feeds,
        (System.nanoTime() - t0) / 1e9);

    // 2. the hosts, and their dpkg status files
    List<FleetGenerator.DpkgPackage> dpkg = FleetGenerator.readDpkgStatus(status);
    List<Inventory> fleet = generator.generateRelease(ecosystem, dpkg, hosts, packages, images, drift, seed);
    Path hostDir = Files.createDirectories(work.resolve("hosts"));
    Map<String, Path> statusFiles = new LinkedHashMap<>();
    Map<String, Map<String, List<InstalledPackage>>> installed = new HashMap<>(); // host -> binary -> packages
    Map<String, Set<String>> binariesBySource = new TreeMap<>();
    for (Inventory inv : fleet) {
      statusFiles.put(inv.assetName(), FleetGenerator.writeDpkgStatus(inv, hostDir.resolve(inv.assetName())));
      Map<String, List<InstalledPackage>> byName = installed.computeIfAbsent(inv.assetName(), k -> new HashMap<>());
      for (InstalledPackage p : inv.packages()) {
        byName.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
        binariesBySource.computeIfAbsent(p.effectiveSourceName(), k -> new TreeSet<>()).add(p.name());
      }
    }
    System.out.printf("hosts: %d %s hosts on %d images, %d packages each (%d drifted), status files in %s%n",
        fleet.size(), suite, images, fleet.isEmpty() ? 0 : fleet.get(0).packages().size(), drift, hostDir);

    // 3. debsecan's data file for the suite, from the same records
    DebsecanData data = DebsecanData.render(records, ecosystem, binariesBySource);
    Path dataDir = work.resolve("debsecan");
    Path dataFile = data.writeTo(dataDir, suite);
    System.out.printf("debsecan data: %s, %d vulnerabilities, %d package lines (%d without fix, %d with several"
        + " fixes, greatest kept), left out %s, %d bytes compressed%n", dataFile, data.vulnerabilities(),
        data.packageLines(), data.unfixedLines(), data.severalFixes(), data.leftOut(), Files.size(dataFile));

    // 4. Patchwarden: index once, then read every status file and match the fleet
    long i0 = System.nanoTime();
    AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
    for (AdvisoryRecord r : records) {
      builder.add(r.source(), r);
    }
    AdvisoryIndex index = builder.build();
    double indexMs = (System.nanoTime() - i0) / 1e6;
    FleetMatcher matcher = new FleetMatcher(index);
    List<Double> reads = new ArrayList<>();
    List<Double> matches = new ArrayList<>();
    MatchResult result = null;
    for (int p = 0; p <= passes; p++) { // pass 0 is the cold one, in a fresh JVM
      long r0 = System.nanoTime();
      List<Inventory> read = readStatusFiles(statusFiles, os);
      long r1 = System.nanoTime();
      result = matcher.match(read);
      long r2 = System.nanoTime();
      reads.add((r1 - r0) / 1e6);
      matches.add((r2 - r1) / 1e6);
    }
    Set<Triple> a = patchwardenTriples(result.findings(), ecosystem);

    // 5. debsecan, once per host, as it runs on each host
    Path whitelist = work.resolve("no-whitelist"); // absent: nothing whitelisted, whatever this machine has
    String source = dataDir.toUri().toString();
    Set<Triple> b = new TreeSet<>();
    List<Double> perHost = new ArrayList<>();
    long d0 = System.nanoTime();
    for (Map.Entry<String, Path> h : statusFiles.entrySet()) {
      long h0 = System.nanoTime();
      String out = run(List.of(debsecan.toString(), "--config", "/dev/null", "--whitelist", whitelist.toString(),
          "--suite", suite, "--source", source, "--status", h.getValue().toString(), "--format", "simple"),
          work, h.getKey());
      perHost.add((System.nanoTime() - h0) / 1e6);
      b.addAll(parseSimpleFormat(h.getKey(), out));
    }
    double debsecanSeconds = (System.nanoTime() - d0) / 1e9;

    // 6. figures
    int n = fleet.size();
    System.out.println();
    System.out.printf("PATCHWARDEN: index of %d records built in %.0f ms (once);"
        + " cold pass (first in this JVM): read %d status files %.0f ms + match %.0f ms = %.2f ms/host;"
        + " warm (median of %d passes): read %.0f ms + match %.0f ms = %.3f ms/host%n",
        index.records(), indexMs, n, reads.get(0), matches.get(0), (reads.get(0) + matches.get(0)) / n, passes,
        median(reads.subList(1, reads.size())), median(matches.subList(1, matches.size())),
        (median(reads.subList(1, reads.size())) + median(matches.subList(1, matches.size()))) / n);
    List<Double> sorted = new ArrayList<>(perHost);
    Collections.sort(sorted);
    System.out.printf("DEBSECAN: %d runs in %.1f s wall (sequential, one process per host) = %.0f ms/host"
        + " (min %.0f, median %.0f, max %.0f)%n", n, debsecanSeconds, debsecanSeconds * 1000 / n, sorted.get(0),
        median(sorted), sorted.get(sorted.size() - 1));
    Map<AffectedStatus, Integer> byStatus = new TreeMap<>();
    result.findings().forEach(f -> byStatus.merge(f.status(), 1, Integer::sum));
    System.out.printf("findings: Patchwarden %d %s -> %d (host, vulnerability, binary) triples on %d hosts;"
        + " debsecan %d triples on %d hosts%n", result.findings().size(), byStatus, a.size(), hostsOf(a), b.size(),
        hostsOf(b));
    // the mix of versions: installed binaries whose source the data names, below a fix or not
    Set<String> affectedBinaries = new TreeSet<>();
    a.forEach(t -> affectedBinaries.add(t.host() + " " + t.binary()));
    long named = 0;
    for (Inventory inv : fleet) {
      named += inv.packages().stream().filter(p -> data.hasSource(p.effectiveSourceName())).map(InstalledPackage::name)
          .distinct().count();
    }
    System.out.printf("installed binaries whose source the %s data names: %d, of which %d affected by at least one"
        + " advisory and %d at or above every fix%n", suite, named, affectedBinaries.size(),
        named - affectedBinaries.size());
    Set<Triple> both = new TreeSet<>(a);
    both.retainAll(b);
    Set<Triple> onlyA = new TreeSet<>(a);
    onlyA.removeAll(b);
    Set<Triple> onlyB = new TreeSet<>(b);
    onlyB.removeAll(a);
    System.out.printf("AGREEMENT: |A∩B| = %d, |A\\B| = %d (Patchwarden only), |B\\A| = %d (debsecan only);"
        + " Jaccard %.4f%n", both.size(), onlyA.size(), onlyB.size(),
        a.isEmpty() && b.isEmpty() ? 1.0 : both.size() / (double) (a.size() + b.size() - both.size()));
    List<String> explained = new ArrayList<>();
    Stream.concat(onlyA.stream().map(t -> "A\\B " + explain(t, installed, os, data, true)),
        onlyB.stream().map(t -> "B\\A " + explain(t, installed, os, data, false)))
        .limit(EXPLAINED).forEach(explained::add);
    explained.forEach(e -> System.out.println("  " + e));

    // 7. one host in debsecan's detail format, to show what it reads from the rendered file
    if (!statusFiles.isEmpty()) {
      Map.Entry<String, Path> first = statusFiles.entrySet().iterator().next();
      String detail = run(List.of(debsecan.toString(), "--config", "/dev/null", "--whitelist", whitelist.toString(),
          "--suite", suite, "--source", source, "--status", first.getValue().toString(), "--format", "detail"),
          work, first.getKey());
      System.out.println("debsecan --format detail on " + first.getKey() + " (first lines):");
      detail.lines().limit(8).forEach(l -> System.out.println("  | " + l));
    }
    if (temporary && !keep) {
      deleteTree(work);
    } else {
      System.out.println("files kept in " + work);
    }
  }

  private static void usage() {
    System.err.println("usage: DebsecanComparison [--feeds DIR] [--hosts N] [--release 10|11] [--packages N]"
        + " [--images N] [--drift N] [--seed N] [--passes N] [--dpkg-status FILE] [--debsecan PATH] [--work DIR]"
        + " [--keep]");
    System.exit(2);
  }

  /** Every record of the DSA and DLA lists under {@code feeds} (its {@code debian} folder when there is one). */
  static List<AdvisoryRecord> loadDebianLists(Path feeds) {
    Path root = Files.isDirectory(feeds.resolve("debian")) ? feeds.resolve("debian") : feeds;
    List<AdvisoryRecord> records = new ArrayList<>();
    for (FeedInput input : FeedScanner.scan(root).inputs()) {
      if ((input.kind() == FeedKind.DEBIAN_DSA || input.kind() == FeedKind.DEBIAN_DLA)
          && FeedDocumentReader.open(input) instanceof FeedDocumentReader.Advisories adv) {
        adv.snapshot().drainTo(records::add);
      }
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no DSA or DLA list under " + root);
    }
    return records;
  }

  private static List<Inventory> readStatusFiles(Map<String, Path> files, OsRelease os) {
    List<Inventory> out = new ArrayList<>(files.size());
    for (Map.Entry<String, Path> f : files.entrySet()) {
      try (InputStream in = Files.newInputStream(f.getValue())) {
        List<InstalledPackage> pkgs = new DpkgStatusReader(in, f.getValue().toString()).read().packages();
        out.add(new Inventory(f.getKey(), 1, java.time.Instant.EPOCH, os, pkgs));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f.getValue(), e);
      }
    }
    return out;
  }

  /**
   * Patchwarden's findings as debsecan can state them: Debian list findings of the release with a
   * fix (AFFECTED) or without (UNFIXED), one triple per CVE the advisory names (its id when it names
   * none) and installed binary package.
   */
  static Set<Triple> patchwardenTriples(Collection<Finding> findings, String ecosystem) {
    Set<Triple> out = new TreeSet<>();
    for (Finding f : findings) {
      if (!DEBIAN_FEEDS.contains(f.feedSource()) || !f.advisoryEcosystem().equals(ecosystem)
          || (f.status() != AffectedStatus.AFFECTED && f.status() != AffectedStatus.UNFIXED)) {
        continue;
      }
      List<String> cves = f.aliases().stream().filter(s -> s.startsWith("CVE-")).toList();
      for (String name : cves.isEmpty() ? List.of(f.advisoryId()) : cves) {
        out.add(new Triple(f.assetName(), name, f.installed().name()));
      }
    }
    return out;
  }

  /**
   * The triples of one run of {@code debsecan --format simple}: a line {@code VULNERABILITY
   * BINARY-PACKAGE} per finding, read up to {@link #MAX_OUTPUT_BYTES}.
   *
   * @throws FeedFormatException naming the host's output and the line, for output that is not such lines
   */
  static List<Triple> parseSimpleFormat(String host, String output) {
    String where = "debsecan output for " + host;
    if (output.length() > MAX_OUTPUT_BYTES) {
      throw new FeedFormatException(where, "output", "longer than " + (MAX_OUTPUT_BYTES >> 20) + " MB, the most read");
    }
    List<Triple> out = new ArrayList<>();
    int number = 0;
    for (String line : output.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(" ");
      if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        throw new FeedFormatException(where, "line " + number, "expected 'VULNERABILITY PACKAGE', got '"
            + (line.length() > 80 ? line.substring(0, 77) + "..." : line) + "'");
      }
      out.add(new Triple(host, parts[0], parts[1]));
    }
    return out;
  }

  /** Runs a command, returning its standard output; stderr goes to a file and is shown on failure. */
  private static String run(List<String> command, Path work, String host) throws IOException, InterruptedException {
    Path err = work.resolve("stderr-" + host);
    Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(err.toFile()).start();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readNBytes(MAX_OUTPUT_BYTES + 1);
      in.transferTo(OutputStream.nullOutputStream()); // let the process finish if it printed more than was read
    }
    if (out.length > MAX_OUTPUT_BYTES) {
      p.waitFor();
      throw new FeedFormatException("debsecan output for " + host, "output",
          "longer than " + (MAX_OUTPUT_BYTES >> 20) + " MB, the most read");
    }
    int code = p.waitFor();
    String errors = Files.readString(err);
    Files.delete(err);
    if (code != 0 || !errors.isBlank()) {
      throw new IllegalStateException("debsecan failed on " + host + " (exit " + code + "): " + errors.strip()
          + "\ncommand: " + String.join(" ", command));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** What each tool compared for a triple only one of them reports, and the likely reason. */
  private static String explain(Triple t, Map<String, Map<String, List<InstalledPackage>>> installed, OsRelease os,
      DebsecanData data, boolean patchwardenOnly) {
    List<InstalledPackage> pkgs = installed.getOrDefault(t.host(), Map.of()).getOrDefault(t.binary(), List.of());
    if (pkgs.isEmpty()) {
      return t + ": the host has no package " + t.binary();
    }
    StringBuilder b = new StringBuilder(t.toString()).append(':');
    for (InstalledPackage p : pkgs) {
      // debsecan: Source: name (version), else the binary's own name and version, binNMU suffix kept
      String dsName = p.effectiveSourceName();
      String dsVersion = p.effectiveSourceVersion();
      String pwName = dsName;
      String pwVersion = dsVersion;
      if (EcosystemMapping.map(os, p) instanceof EcosystemMapping.Target target) {
        pwName = target.name();
        pwVersion = target.version();
      }
      String fixed = data.line(dsName, t.vulnerability());
      if (fixed == null && !data.hasSource(dsName)) {
        fixed = data.line(p.name(), t.vulnerability()); // debsecan falls back to the binary name
      }
      b.append(String.format(" installed %s %s (%s) from source %s %s; Patchwarden compared %s %s;"
          + " debsecan line: %s", p.name(), p.version(), p.architecture(), dsName, dsVersion, pwName, pwVersion,
          fixed == null ? "none" : fixed.isEmpty() ? "unfixed" : "fixed in " + fixed));
      String reason;
      if (!pwName.equals(dsName)) {
        reason = "the tools name different source packages";
      } else if (!pwVersion.equals(dsVersion)) {
        reason = "Patchwarden compares the source version " + pwVersion + " (binNMU suffix dropped), debsecan "
            + dsVersion;
      } else if (fixed == null) {
        reason = "not in the rendered data (" + data.leftOut() + " left out)";
      } else if (!fixed.isEmpty()) {
        String dpkg = dpkgLessThan(dsVersion, fixed);
        String order = "dpkg --compare-versions " + dsVersion + " lt " + fixed + " is " + dpkg;
        reason = dpkg.equals(String.valueOf(patchwardenOnly))
            ? order + ", as Patchwarden's deb scheme orders them: not a version-order difference"
            : "version order: " + order + ", Patchwarden's deb scheme says " + (patchwardenOnly ? "" : "not ")
                + "affected";
      } else {
        reason = "unexplained";
      }
      b.append(" -> ").append(reason);
    }
    return b.toString();
  }

  private static String dpkgLessThan(String a, String b) {
    try {
      Process p = new ProcessBuilder("dpkg", "--compare-versions", a, "lt", b).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor() == 0 ? "true" : "false";
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }

  private static long hostsOf(Set<Triple> triples) {
    return triples.stream().map(Triple::host).distinct().count();
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
