package org.patchwarden.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.patchwarden.match.WriterLock;

/**
 * The writer lock of an embedded SQLite database: an exclusive lock on the file {@code
 * <database>-writer.lock} beside it, which other processes wait for and which a killed process
 * releases, plus a lock per file in this JVM, since a file lock is held by the whole process and
 * would not keep two threads apart.
 */
final class SqliteWriterLock implements WriterLock {
  private static final ConcurrentHashMap<Path, InProcess> IN_PROCESS = new ConcurrentHashMap<>();

  /** This JVM's hold of one lock file: a permit any thread may release, and the holding thread for re-entry. */
  private static final class InProcess {
    final Semaphore permit = new Semaphore(1);
    volatile Thread owner;
    int depth;
  }

  private final Path lockFile;

  SqliteWriterLock(Path database) {
    Path absolute = database.toAbsolutePath().normalize();
    this.lockFile = absolute.resolveSibling(absolute.getFileName() + "-writer.lock");
  }

  @Override
  public Held acquire(Runnable whileWaiting) {
    InProcess jvm = IN_PROCESS.computeIfAbsent(lockFile, f -> new InProcess());
    if (jvm.owner == Thread.currentThread()) {
      jvm.depth++;
      return () -> jvm.depth--;
    }
    boolean waited = false;
    if (!jvm.permit.tryAcquire()) {
      whileWaiting.run();
      waited = true;
      jvm.permit.acquireUninterruptibly();
    }
    try {
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          if (!waited) {
            whileWaiting.run();
          }
          lock = channel.lock();
        }
        FileLock held = lock;
        jvm.owner = Thread.currentThread();
        jvm.depth = 1;
        return () -> {
          jvm.owner = null;
          jvm.depth = 0;
          try {
            held.release();
            channel.close();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot release the writer lock " + lockFile, e);
          } finally {
            jvm.permit.release();
          }
        };
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      jvm.permit.release();
      throw new UncheckedIOException("cannot take the writer lock " + lockFile + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      jvm.permit.release();
      throw e;
    }
  }
}
