package org.patchwarden.usecase;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.patchwarden.match.WriterLock;
import org.patchwarden.usecase.ScanAssets.AssetInventory;

/**
 * Use case: inventory uploads recorded by group commit. Each upload waits in a queue; one writer
 * takes what is queued (up to {@code maxBatch}) and records it with one {@link RecordInventory}
 * call under one hold of the writer lock, then answers each upload with its own report. Matching a
 * batch costs little more than matching one inventory (shared packages are matched once, the lock
 * and the owed-matching check are paid once), so uploads that arrive while a batch runs make the
 * next batch rather than a queue of lock holds.
 *
 * <p>An asset uploaded again while its earlier upload waits goes in a later batch, in order. When a
 * batch fails, its uploads are recorded again one by one, so that only the bad one gets its error.
 */
public final class RecordUploads implements AutoCloseable {
  /** The largest batch: bounds the writer's memory and the wait of the batch's first upload. */
  public static final int MAX_BATCH = 100;

  private final Function<List<AssetInventory>, RecordInventory.Recorded> record;
  private final WriterLock lock;
  private final Runnable underLock;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  /** Taken from the queue, not recorded yet: an asset's second upload waits here for the next batch. */
  private final Deque<Pending> backlog = new ArrayDeque<>();
  private final Thread writer;
  private volatile boolean closed;
  /** Queued by {@link #close}: the writer stops when it takes it. */
  private static final Pending STOP = new Pending(null, null);

  /**
   * @param record records a batch, reports in input order (e.g. {@link RecordInventory#record})
   * @param underLock runs under the lock before each batch (e.g. completing owed matching)
   */
  public RecordUploads(Function<List<AssetInventory>, RecordInventory.Recorded> record, WriterLock lock,
      Runnable underLock, int maxBatch) {
    this.record = Objects.requireNonNull(record, "record");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.underLock = Objects.requireNonNull(underLock, "underLock");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch " + maxBatch + ": expected 1 or more");
    }
    this.maxBatch = maxBatch;
    this.writer = Thread.ofPlatform().name("patchwarden-upload-writer").daemon().unstarted(this::drain);
    writer.start();
  }

  /** One upload waiting for its batch. */
  private record Pending(AssetInventory input, CompletableFuture<RecordInventory.Recorded> answer) {
    String asset() {
      return input.asset().name();
    }
  }

  /**
   * Records one upload with whatever else is queued; returns its report and the verification of the
   * applied changes on its asset, as {@code record(List.of(upload))} would. Blocks until recorded.
   */
  public RecordInventory.Recorded record(AssetInventory upload) {
    if (closed) {
      throw new IllegalStateException("uploads are closed: the server is stopping");
    }
    Pending p = new Pending(Objects.requireNonNull(upload, "upload"), new CompletableFuture<>());
    queue.add(p);
    try {
      return p.answer().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private void drain() {
    while (true) {
      List<Pending> batch;
      try {
        batch = nextBatch();
      } catch (InterruptedException e) {
        break;
      }
      if (batch.isEmpty()) {
        break; // STOP
      }
      try {
        recordBatch(batch);
      } catch (Throwable t) {
        // the writer must outlive any failure: the uploads get it, the next batch goes on
        batch.forEach(p -> p.answer().completeExceptionally(t));
      }
    }
    refuseQueued();
  }

  private void refuseQueued() {
    List<Pending> left = new ArrayList<>(backlog);
    backlog.clear();
    queue.drainTo(left);
    left.stream().filter(p -> p != STOP)
        .forEach(p -> p.answer().completeExceptionally(new IllegalStateException("uploads are closed: the server is stopping")));
  }

  /** The queue's uploads in arrival order, up to {@code maxBatch}, stopping before an asset's second upload. */
  private List<Pending> nextBatch() throws InterruptedException {
    if (backlog.isEmpty()) {
      backlog.add(queue.take());
    }
    queue.drainTo(backlog);
    List<Pending> batch = new ArrayList<>();
    Set<String> assets = new HashSet<>();
    while (!backlog.isEmpty() && backlog.peekFirst() != STOP && batch.size() < maxBatch
        && assets.add(backlog.peekFirst().asset())) {
      batch.add(backlog.pollFirst());
    }
    return batch;
  }

  private void recordBatch(List<Pending> batch) {
    RecordInventory.Recorded recorded;
    try {
      recorded = recordUnderLock(batch.stream().map(Pending::input).toList());
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).answer().completeExceptionally(e);
        return;
      }
      // which upload is bad is not known: each alone, so that only it fails
      for (Pending p : batch) {
        try {
          p.answer().complete(recordUnderLock(List.of(p.input())));
        } catch (RuntimeException one) {
          p.answer().completeExceptionally(one);
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      List<VerifyChanges.Result> verified = recorded.verified().stream()
          .filter(v -> v.after().assets().contains(p.asset())).toList();
      p.answer().complete(new RecordInventory.Recorded(List.of(recorded.reports().get(i)), verified));
    }
  }

  private RecordInventory.Recorded recordUnderLock(List<AssetInventory> inputs) {
    try (WriterLock.Held held = lock.acquire(() -> { })) {
      underLock.run();
      RecordInventory.Recorded recorded = record.apply(inputs);
      if (recorded.reports().size() != inputs.size()) {
        throw new IllegalStateException("recording " + inputs.size() + " uploads gave " + recorded.reports().size()
            + " reports");
      }
      return recorded;
    }
  }

  /** How many uploads wait for the writer to take them (not counting the batch it records). */
  public int waiting() {
    return queue.size();
  }

  /** Stops the writer after its current batch; uploads still queued are refused. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      writer.join(java.time.Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
