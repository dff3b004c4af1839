package org.patchwarden.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.patchwarden.match.WriterLock;

/**
 * The writer lock of a PostgreSQL database: a session advisory lock held on a connection of its
 * own for as long as the command writes, so that it outlives the command's transactions; the
 * server releases it when that session ends, killed process included. Each hold has its own
 * session, so two threads of one process are kept apart too.
 */
final class PostgresWriterLock implements WriterLock {
  /** The lock's key, in the two-integer key space (distinct from the per-source transaction locks). */
  private static final int CLASS_ID = 0x70617463; // "patc"
  private static final int OBJECT_ID = 1;

  private final Supplier<Connection> connections;
  private volatile Thread owner;
  private int depth;

  /** @param connections opens a new session (not a pooled one: a pool would keep the lock after release fails) */
  PostgresWriterLock(Supplier<Connection> connections) {
    this.connections = connections;
  }

  @Override
  public Held acquire(Runnable whileWaiting) {
    if (owner == Thread.currentThread()) {
      depth++;
      return () -> depth--;
    }
    Connection c = connections.get();
    try {
      if (!call(c, "SELECT pg_try_advisory_lock(?, ?)")) {
        whileWaiting.run();
        call(c, "SELECT pg_advisory_lock(?, ?) IS NOT NULL");
      }
    } catch (SQLException | RuntimeException e) {
      close(c);
      throw new IllegalStateException("cannot take the database's writer lock: " + FeedReplacement.reason(e), e);
    }
    owner = Thread.currentThread();
    depth = 1;
    return () -> {
      owner = null;
      depth = 0;
      try {
        call(c, "SELECT pg_advisory_unlock(?, ?)");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot release the database's writer lock: " + FeedReplacement.reason(e), e);
      } finally {
        close(c); // ending the session releases the lock in any case
      }
    };
  }

  private static boolean call(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, CLASS_ID);
      s.setInt(2, OBJECT_ID);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // The session is gone either way, and its lock with it.
    }
  }
}
