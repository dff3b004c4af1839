package org.patchwarden.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.formats.feed.FeedDocumentReader;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.Finding;
import org.patchwarden.match.Fleet;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.MatchResult;
import org.patchwarden.version.OsvEvent;

/**
 * Fleet matching at scale, in memory (no database): loads every advisory feed of a mirror with the
 * formats readers into an {@link AdvisoryIndex}, generates a fleet ({@link FleetGenerator}) and
 * measures a full fleet match (wall time, median of passes after warm-up), the peak live heap
 * (heap used after each garbage collection, from GC notifications), and one new advisory → its
 * affected assets (index update plus re-match).
 *
 * <pre>java -cp bench/target/benchmarks.jar org.patchwarden.bench.MatchBench --feeds ../shared/data/feeds \
 *     --hosts 10000 --packages 700 [--passes 5] [--seed 1] [--images 15] [--drift 5]
 *     [--dpkg-status /var/lib/dpkg/status]</pre>
 */
public final class MatchBench {
  private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

  private MatchBench() {}

  public static void main(String[] args) {
    Path feeds = Path.of("../shared/data/feeds");
    Path status = Path.of("/var/lib/dpkg/status");
    int hosts = 10_000;
    int packages = 700;
    int passes = 5;
    int images = 15;
    int drift = 5;
    long seed = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--feeds" -> feeds = Path.of(args[++i]);
        case "--dpkg-status" -> status = Path.of(args[++i]);
        case "--hosts" -> hosts = Integer.parseInt(args[++i]);
        case "--packages" -> packages = Integer.parseInt(args[++i]);
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--images" -> images = Integer.parseInt(args[++i]);
        case "--drift" -> drift = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: MatchBench [--feeds DIR] [--hosts N] [--packages N] [--passes N] [--seed N]"
              + " [--images N] [--drift N] [--dpkg-status FILE]");
          System.exit(2);
        }
      }
    }
    watchGarbageCollections();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("heap max %d MiB, %d processors%n", rt.maxMemory() >> 20, rt.availableProcessors());

    // 1. the index, from the feeds, records streamed (not kept)
    long baseline = liveHeap();
    FleetGenerator generator = new FleetGenerator();
    AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
    Map<String, Integer> recordsBySource = new TreeMap<>();
    long start = System.nanoTime();
    for (FeedInput input : FeedScanner.scan(feeds).inputs()) {
      if (FeedDocumentReader.open(input) instanceof FeedDocumentReader.Advisories adv) {
        adv.snapshot().drainTo(r -> {
          builder.add(input.source(), r);
          generator.observe(r);
          recordsBySource.merge(input.source(), 1, Integer::sum);
        });
      }
    }
    AdvisoryIndex index = builder.build();
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    long indexHeap = liveHeap() - baseline; // includes the generator's few fixed-version lists
    System.out.printf("feeds: %s%n", recordsBySource);
    System.out.printf("index: %d records, %d entries, %d ecosystems, %d entries not evaluable; read+built in %.1f s;"
        + " live heap with index %.0f MiB%n", index.records(), index.entryCount(), index.ecosystems().size(),
        index.problemCount(), loadSeconds, indexHeap / 1048576.0);

    // 2. the fleet
    List<FleetGenerator.DpkgPackage> dpkg = FleetGenerator.readDpkgStatus(status);
    List<Inventory> fleet = generator.generate(dpkg, hosts, packages, images, drift, seed);
    long installed = fleet.stream().mapToLong(i -> i.packages().size()).sum();
    System.out.printf("fleet: %d hosts on %d images with %d drifted packages each, %d installed packages"
        + " (%d real dpkg packages named)%n", fleet.size(), images, drift, installed, dpkg.size());
    for (String eco : List.of("Debian:10", "Debian:11", "Debian:12")) {
      System.out.printf("  %s: %d advisory entries%n", eco, index.entryCount(eco));
    }

    // 3. full fleet match: Fleet.of (distinct tuples, reverse index) + match, timed together
    FleetMatcher matcher = new FleetMatcher(index);
    MatchResult result = null;
    for (int w = 0; w < 2; w++) {
      result = matcher.match(fleet);
    }
    result = null;
    System.gc();
    PEAK_AFTER_GC.set(0);
    List<Double> walls = new ArrayList<>();
    List<Double> prepares = new ArrayList<>();
    Fleet prepared = null;
    for (int p = 0; p < passes; p++) {
      result = null;
      long t0 = System.nanoTime();
      prepared = Fleet.of(fleet);
      long t1 = System.nanoTime();
      result = matcher.match(prepared);
      long t2 = System.nanoTime();
      prepares.add((t1 - t0) / 1e9);
      walls.add((t2 - t0) / 1e9);
    }
    System.gc(); // one collection with the result alive, so the peak includes it
    Collections.sort(walls);
    Collections.sort(prepares);
    Set<String> affectedAssets = new HashSet<>();
    Map<AffectedStatus, Integer> byStatus = new TreeMap<>();
    for (Finding f : result.findings()) {
      affectedAssets.add(f.assetName());
      byStatus.merge(f.status(), 1, Integer::sum);
    }
    Map<String, Integer> gapPackages = new TreeMap<>();
    for (CoverageGap g : result.gaps()) {
      gapPackages.merge(g.advisoryEcosystem() + ": " + (g.reason().contains("rejects") ? "invalid versions"
          : g.reason()), g.packages(), Integer::sum);
    }
    System.out.printf("distinct (ecosystem, name, version) tuples: %d of %d installed packages%n",
        prepared.distinctTuples(), prepared.packages());
    System.out.printf("findings: %d on %d assets %s; coverage gaps: %d %s%n", result.findings().size(),
        affectedAssets.size(), byStatus, result.gaps().size(), gapPackages);
    System.out.printf("FULL FLEET MATCH: median %.2f s (min %.2f, max %.2f) over %d passes, of which Fleet.of %.2f s%n",
        walls.get(walls.size() / 2), walls.get(0), walls.get(walls.size() - 1), passes,
        prepares.get(prepares.size() / 2));
    System.out.printf("PEAK LIVE HEAP (after GC) during matching: %.0f MiB%n", PEAK_AFTER_GC.get() / 1048576.0);

    // 4. one new advisory -> affected assets
    List<Double> updates = new ArrayList<>();
    List<Double> rematches = new ArrayList<>();
    List<Integer> hit = new ArrayList<>();
    List<String[]> targets = rematchTargets(result, 25);
    for (int round = 0; round < 3; round++) {
      for (int t = 0; t < targets.size(); t++) {
        String[] target = targets.get(t);
        String id = "DSA-9" + String.format("%03d", t) + "-1";
        AdvisoryRecord added = new AdvisoryRecord("debian-dsa", id, Set.of("CVE-2099-" + (1000 + t)), "", "",
            null, null, false, List.of(new AffectedPackage(target[0], target[1], null, AffectedStatus.AFFECTED,
                List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                    new OsvEvent(OsvEvent.Kind.FIXED, target[2])))), List.of(), "")), List.of(), List.of(), List.of());
        long t0 = System.nanoTime();
        AdvisoryIndex updated = index.withRecords("debian-dsa", List.of(added), List.of());
        long t1 = System.nanoTime();
        MatchResult re = new FleetMatcher(updated).rematch(List.of(id), prepared);
        long t2 = System.nanoTime();
        if (round == 2) {
          updates.add((t1 - t0) / 1e6);
          rematches.add((t2 - t1) / 1e6);
          hit.add((int) re.findings().stream().map(Finding::assetName).distinct().count());
        }
      }
    }
    List<Double> totals = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      totals.add(updates.get(i) + rematches.get(i));
    }
    Collections.sort(updates);
    Collections.sort(rematches);
    Collections.sort(totals);
    System.out.printf("ONE NEW ADVISORY -> AFFECTED ASSETS: median %.1f ms, max %.1f ms (index update median %.1f ms,"
        + " re-match median %.1f ms) over %d advisories hitting %d..%d assets%n",
        totals.get(totals.size() / 2), totals.get(totals.size() - 1), updates.get(updates.size() / 2),
        rematches.get(rematches.size() / 2), totals.size(), Collections.min(hit), Collections.max(hit));
  }

  /** Packages (ecosystem, source name, a fix above the installed version) the fleet really has. */
  private static List<String[]> rematchTargets(MatchResult result, int n) {
    List<String[]> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Finding f : result.findings()) {
      if (f.advisoryEcosystem().startsWith("Debian:") && seen.add(f.matchedName())) {
        out.add(new String[] {f.advisoryEcosystem(), f.matchedName(), f.matchedVersion() + "+deb99u1"});
        if (out.size() == n) {
          break;
        }
      }
    }
    return out;
  }

  private static long liveHeap() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Records the heap in use after every collection: the live set. */
  private static void watchGarbageCollections() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
        PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
      }, null, null);
    }
  }
}
