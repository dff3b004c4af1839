package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.WriterLock;
import org.patchwarden.usecase.ScanAssets.AssetInventory;
import org.patchwarden.usecase.ScanAssets.AssetReport;

class RecordUploadsTest {
  /** Batches as recorded, each a list of asset names; revisions count per asset. */
  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final java.util.Map<String, AtomicInteger> revisions = new java.util.concurrent.ConcurrentHashMap<>();

  private RecordInventory.Recorded recordAll(List<AssetInventory> inputs) {
    List<String> names = inputs.stream().map(i -> i.asset().name()).toList();
    batches.add(names);
    if (names.contains("bad")) {
      throw new IllegalArgumentException("asset 'bad': refused");
    }
    List<AssetReport> reports = names.stream().map(n -> new AssetReport(ScanAssets.newHost(n),
        new Inventory(n, revisions.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet(), Instant.EPOCH,
            null, List.of()), List.of(), List.of(), new FindingsUpdate(0, 0, 0))).toList();
    return new RecordInventory.Recorded(reports, List.of());
  }

  private static AssetInventory upload(String name) {
    return new AssetInventory(ScanAssets.newHost(name), false, null, List.of());
  }

  /** Holds the first batch until released, so that the uploads sent meanwhile queue up. */
  private static Function<List<AssetInventory>, RecordInventory.Recorded> heldFirst(CountDownLatch entered,
      CountDownLatch release, Function<List<AssetInventory>, RecordInventory.Recorded> record) {
    AtomicInteger calls = new AtomicInteger();
    return inputs -> {
      if (calls.getAndIncrement() == 0) {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return record.apply(inputs);
    };
  }

  @Test
  void uploadsQueuedWhileABatchRunsAreRecordedTogetherEachAnsweredWithItsOwnReport() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger lockHolds = new AtomicInteger();
    try (RecordUploads uploads = new RecordUploads(heldFirst(entered, release, this::recordAll),
        w -> { lockHolds.incrementAndGet(); return () -> { }; }, () -> { }, 100);
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      Future<RecordInventory.Recorded> first = pool.submit(() -> uploads.record(upload("h0")));
      entered.await();
      List<Future<RecordInventory.Recorded>> rest = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        String name = "h" + i;
        rest.add(pool.submit(() -> uploads.record(upload(name))));
      }
      awaitQueued(uploads, 6);
      release.countDown();
      assertThat(first.get().reports()).extracting(r -> r.asset().name()).containsExactly("h0");
      for (int i = 0; i < rest.size(); i++) {
        assertThat(rest.get(i).get().reports()).extracting(r -> r.asset().name()).containsExactly("h" + (i + 1));
      }
      assertThat(batches).hasSize(2);
      assertThat(batches.get(1)).hasSize(6);
      assertThat(lockHolds).hasValue(2);
    }
  }

  @Test
  void anAssetUploadedTwiceWhileQueuedGoesInTheNextBatchInOrder() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (RecordUploads uploads = new RecordUploads(heldFirst(entered, release, this::recordAll), WriterLock.none(),
        () -> { }, 100); ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<RecordInventory.Recorded> first = pool.submit(() -> uploads.record(upload("warm")));
      entered.await();
      // queued in this order by one thread each, one after the other
      List<Future<RecordInventory.Recorded>> queued = new ArrayList<>();
      for (String name : List.of("a", "b", "a", "c")) {
        ExecutorService one = Executors.newSingleThreadExecutor();
        queued.add(one.submit(() -> uploads.record(upload(name))));
        awaitQueued(uploads, queued.size());
        one.shutdown();
      }
      release.countDown();
      first.get();
      assertThat(queued.get(0).get().reports().get(0).inventory().revision()).isEqualTo(1);
      assertThat(queued.get(2).get().reports().get(0).inventory().revision()).isEqualTo(2);
      assertThat(batches).containsExactly(List.of("warm"), List.of("a", "b"), List.of("a", "c"));
    }
  }

  @Test
  void aBadUploadInABatchFailsAloneAndTheOthersAreRecorded() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (RecordUploads uploads = new RecordUploads(heldFirst(entered, release, this::recordAll), WriterLock.none(),
        () -> { }, 100); ExecutorService pool = Executors.newFixedThreadPool(4)) {
      Future<RecordInventory.Recorded> first = pool.submit(() -> uploads.record(upload("warm")));
      entered.await();
      Future<RecordInventory.Recorded> good1 = pool.submit(() -> uploads.record(upload("good-1")));
      Future<RecordInventory.Recorded> bad = pool.submit(() -> uploads.record(upload("bad")));
      Future<RecordInventory.Recorded> good2 = pool.submit(() -> uploads.record(upload("good-2")));
      awaitQueued(uploads, 3);
      release.countDown();
      first.get();
      assertThat(good1.get().reports().get(0).asset().name()).isEqualTo("good-1");
      assertThat(good2.get().reports().get(0).asset().name()).isEqualTo("good-2");
      assertThatThrownBy(bad::get).hasCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("asset 'bad': refused");
      // the failed batch, then each of its members alone
      assertThat(batches.subList(1, batches.size())).hasSize(4);
      assertThat(revisions.get("good-1")).hasValue(1);
    }
  }

  @Test
  void batchesHoldAtMostTheirLimit() {
    try (RecordUploads uploads = new RecordUploads(this::recordAll, WriterLock.none(), () -> { }, 1)) {
      assertThat(uploads.record(upload("x")).reports()).hasSize(1);
    }
    assertThatThrownBy(() -> new RecordUploads(this::recordAll, WriterLock.none(), () -> { }, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Waits (without sleeping a fixed time) until {@code n} uploads wait for the writer. */
  private static void awaitQueued(RecordUploads uploads, int n) throws InterruptedException {
    long until = System.nanoTime() + 10_000_000_000L;
    while (uploads.waiting() < n) {
      if (System.nanoTime() > until) {
        throw new AssertionError("only " + uploads.waiting() + " of " + n + " uploads queued");
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
