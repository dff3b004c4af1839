package org.patchwarden.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.patchwarden.formats.feed.FeedDocumentReader;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedScanner;

/**
 * Reader throughput and memory on a feed mirror: for every feed document the scanner finds, the
 * median MB/s of several timed passes (after warm-up passes), and the peak live heap (heap used
 * after each garbage collection) while reading the document {@code --times} over in one snapshot.
 * Run it with 1 and with 2: a streaming reader shows the same peak for twice the input.
 *
 * <pre>./patchwarden bench feeds --from ../shared/data/feeds [--times 2] [--passes 5]</pre>
 */
public final class FeedReadBench {
  private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

  private FeedReadBench() {}

  public static void main(String[] args) {
    Path from = Path.of("../shared/data/feeds");
    int times = 1;
    int passes = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--from" -> from = Path.of(args[++i]);
        case "--times" -> times = Integer.parseInt(args[++i]);
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: FeedReadBench [--from DIR] [--times N] [--passes N]");
          System.exit(2);
        }
      }
    }
    watchGarbageCollections();
    System.out.printf("heap max %d MiB; input read %d time(s) per pass; median of %d passes%n",
        Runtime.getRuntime().maxMemory() >> 20, times, passes);
    System.out.printf("%-26s %9s %10s %9s %14s%n", "SOURCE", "MB", "RECORDS", "MB/s", "PEAK LIVE MiB");
    for (FeedInput input : FeedScanner.scan(from).inputs()) {
      List<Path> paths = new ArrayList<>();
      for (int t = 0; t < times; t++) {
        paths.addAll(input.paths());
      }
      FeedInput repeated = new FeedInput(input.kind(), input.source(), paths);
      double megabytes = bytes(paths) / 1e6;
      long records = 0;
      for (int w = 0; w < 2; w++) {
        records = drain(repeated);
      }
      System.gc();
      PEAK_AFTER_GC.set(0);
      List<Double> rates = new ArrayList<>();
      for (int p = 0; p < passes; p++) {
        long start = System.nanoTime();
        drain(repeated);
        rates.add(megabytes / ((System.nanoTime() - start) / 1e9));
      }
      System.gc(); // one collection at the end so that short reads report a live peak too
      Collections.sort(rates);
      System.out.printf("%-26s %9.1f %10d %9.1f %14.1f%n", input.source(), megabytes, records,
          rates.get(rates.size() / 2), PEAK_AFTER_GC.get() / 1048576.0);
    }
  }

  private static long drain(FeedInput input) {
    long[] n = {0};
    FeedDocumentReader.open(input).snapshot().drainTo(r -> n[0]++);
    return n[0];
  }

  private static long bytes(List<Path> paths) {
    long total = 0;
    for (Path p : paths) {
      try (Stream<Path> walk = Files.walk(p)) {
        total += walk.filter(Files::isRegularFile).mapToLong(f -> {
          try {
            return Files.size(f);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).sum();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }

  /** Records the heap in use after every collection: the live set, the honest measure of streaming. */
  private static void watchGarbageCollections() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
            .mapToLong(MemoryUsage::getUsed).sum();
        PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
      }, null, null);
    }
  }
}
