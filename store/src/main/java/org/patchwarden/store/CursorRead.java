package org.patchwarden.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.HandleCallback;

/**
 * A read whose rows come from the database a few at a time instead of all at once, for queries
 * over a whole table (every advisory record, every current inventory).
 *
 * <p>Each database needs something different for that. PostgreSQL's driver buffers a whole result
 * unless the statement has a fetch size <em>and</em> runs with autocommit off, so the read runs in
 * a transaction. SQLite steps its cursor lazily anyway, and a transaction there would take the
 * write lock (the pool begins every transaction IMMEDIATE) and block every writer for as long as
 * the caller consumes rows; so it runs without one. Either way a single statement reads one
 * consistent snapshot: keep each streaming read to one statement.
 */
final class CursorRead {
  /** Rows the PostgreSQL driver fetches per round trip; memory holds at most this many. */
  static final int FETCH_SIZE = 1_000;

  private CursorRead() {}

  static <R> R run(Jdbi jdbi, Dialect dialect, HandleCallback<R, RuntimeException> read) {
    return switch (dialect) {
      case POSTGRESQL -> jdbi.inTransaction(read);
      case SQLITE -> jdbi.withHandle(read);
    };
  }
}
