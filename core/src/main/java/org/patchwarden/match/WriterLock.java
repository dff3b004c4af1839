package org.patchwarden.match;

/**
 * Port: one matching writer at a time over the whole database. Every command that changes what
 * findings are derived from (feed loads, syncs and removals, re-matches, inventory imports and
 * scans) holds it from before its first read of the stored data to its last write, so that two
 * such commands never interleave their re-matches, whatever process or thread runs them. Readers
 * never take it. A killed holder releases it (the operating system or database ends its hold).
 */
public interface WriterLock {

  /**
   * Takes the lock, waiting as long as another writer holds it; a thread that holds it already takes
   * it again. Close what is returned to release it.
   *
   * @param whileWaiting run once, before waiting, when another writer holds the lock (to tell the operator)
   */
  Held acquire(Runnable whileWaiting);

  /** A hold of the lock; closing releases it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** No lock: for a store that only one writer ever uses. */
  static WriterLock none() {
    return whileWaiting -> () -> {};
  }
}
