package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.patchwarden.match.WriterLock;

/**
 * What the database-wide {@link WriterLock} must do on every database: a second writer, in another
 * thread or another process, waits until the first releases; a killed holder releases it.
 */
abstract class WriterLockContract extends DatabaseContract {
  private static final Runnable NEVER_WAITS = () -> {
    throw new AssertionError("waited for a lock nobody holds");
  };

  /** The JDBC URL of the database {@link #open} opened, for a second pool or a child process. */
  protected abstract String url();

  @Test
  void aWriterInAnotherThreadWaitsUntilTheFirstReleases() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch waiting = new CountDownLatch(1);
    try (Database other = Database.open(url(), null, null)) {
      WriterLock.Held first = db.writerLock().acquire(NEVER_WAITS);
      CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
        try (var held = other.writerLock().acquire(waiting::countDown)) {
          events.add("second acquired");
        }
      });
      assertThat(waiting.await(60, TimeUnit.SECONDS)).as("the second writer reported waiting").isTrue();
      events.add("first releases");
      first.close();
      second.get(60, TimeUnit.SECONDS);
    }
    assertThat(events).containsExactly("first releases", "second acquired");
  }

  @Test
  void aWriterWaitsForAHolderInAnotherProcessAndAKilledHolderReleasesTheLock() throws Exception {
    Process child = holder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("held");
      CountDownLatch waiting = new CountDownLatch(1);
      CompletableFuture<WriterLock.Held> mine = CompletableFuture.supplyAsync(
          () -> db.writerLock().acquire(waiting::countDown));
      assertThat(waiting.await(60, TimeUnit.SECONDS)).as("waiting for the child's hold").isTrue();
      assertThat(mine).isNotDone();
      child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
      mine.get(60, TimeUnit.SECONDS).close();
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aReleasedLockIsTakenAgainWithoutWaitingAndAHolderMayTakeItTwice() {
    WriterLock lock = db.writerLock();
    try (var outer = lock.acquire(NEVER_WAITS); var inner = lock.acquire(NEVER_WAITS)) {
      assertThat(outer).isNotNull();
      assertThat(inner).isNotNull();
    }
    try (Database other = Database.open(url(), null, null); var again = other.writerLock().acquire(NEVER_WAITS)) {
      assertThat(again).isNotNull();
    }
  }

  private Process holder() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WriterLockHolder.class.getName(),
        url())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
