package org.patchwarden.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of {@code finding_evidence} that a write of findings refers to: found by key, inserted
 * when missing; and, after the write, those rows no finding refers to any more, deleted.
 *
 * <p>Rows are inserted when missing rather than under a unique key, as {@link FindingAliasIndex}'s
 * are: a key would make concurrent PostgreSQL writers of the same evidence wait on each other's
 * uncommitted rows. Two such writers may each insert a row of the same evidence; both hold the same
 * values, lookups take the first, and the other is swept once no finding refers to it.
 *
 * <p>On PostgreSQL two transactions may write at once. One that looks rows up holds a shared
 * transaction lock until it commits; a sweep deletes only under the exclusive lock, tried, not
 * waited for: it never removes a row that another transaction has looked up and is about to refer
 * to. A sweep skipped because another writer was busy leaves its rows behind, unreferenced, which
 * costs their space only (the CLI and the server write under one writer lock, so it rarely does).
 * SQLite has one writer at a time.
 */
final class FindingEvidenceRows {
  /** Keys per lookup and ids per sweep statement. */
  private static final int CHUNK = 500;
  /** The lock's key, in the two-integer key space, beside the writer lock's ("patc", 1). */
  private static final int LOCK_CLASS = 0x70617463;
  private static final int LOCK_OBJECT = 2;
  private static final String INSERT = "INSERT INTO finding_evidence (evidence_key, " + FindingEvidence.COLUMNS
      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private FindingEvidenceRows() {}

  /** The row id of each evidence, in the connection's transaction; rows missing are inserted. */
  static Map<FindingEvidence, Long> ids(Connection c, Dialect dialect, Collection<FindingEvidence> evidences)
      throws SQLException {
    Map<FindingEvidence, Long> ids = new HashMap<>();
    if (evidences.isEmpty()) {
      return ids;
    }
    if (dialect == Dialect.POSTGRESQL) {
      lock(c, "SELECT pg_advisory_xact_lock_shared(?, ?)");
    }
    Map<String, FindingEvidence> byKey = new HashMap<>();
    for (FindingEvidence e : evidences) {
      byKey.putIfAbsent(e.key(), e);
    }
    select(c, byKey, new ArrayList<>(byKey.keySet()), ids);
    if (ids.size() < byKey.size()) {
      List<String> missing = byKey.keySet().stream().filter(k -> !ids.containsKey(byKey.get(k))).toList();
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        int pending = 0;
        for (String key : missing) {
          insert.setString(1, key);
          byKey.get(key).bind(insert, 2);
          insert.addBatch();
          if (++pending == CHUNK) {
            insert.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          insert.executeBatch();
        }
      }
      select(c, byKey, missing, ids);
      if (ids.size() < byKey.size()) {
        throw new IllegalStateException("finding evidence rows inserted but not found again: "
            + (byKey.size() - ids.size()) + " of " + byKey.size());
      }
    }
    // keyed by value: equal evidences of other findings find the same row
    return ids;
  }

  private static void select(Connection c, Map<String, FindingEvidence> byKey, List<String> keys,
      Map<FindingEvidence, Long> ids) throws SQLException {
    for (List<String> chunk : Chunks.of(keys, CHUNK)) {
      String sql = "SELECT evidence_key, id FROM finding_evidence WHERE evidence_key IN ("
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            // two writers that inserted the same evidence at once made two rows: the first one counts
            ids.merge(byKey.get(rs.getString(1)), rs.getLong(2), Math::min);
          }
        }
      }
    }
  }

  /**
   * Deletes those of {@code candidates} (rows findings referred to before the write) that no finding
   * refers to now. On PostgreSQL, nothing when another transaction holds the lookup lock.
   */
  static void sweep(Connection c, Dialect dialect, Set<Long> candidates) throws SQLException {
    if (candidates.isEmpty()) {
      return;
    }
    if (dialect == Dialect.POSTGRESQL && !lock(c, "SELECT pg_try_advisory_xact_lock(?, ?)")) {
      return;
    }
    for (List<Long> chunk : Chunks.of(List.copyOf(candidates), CHUNK)) {
      String sql = "DELETE FROM finding_evidence WHERE id IN ("
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")"
          + " AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.evidence_id = finding_evidence.id)";
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setLong(i + 1, chunk.get(i));
        }
        s.executeUpdate();
      }
    }
  }

  /** Runs a lock function of the evidence lock's key; its boolean result, or true for a void one. */
  private static boolean lock(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, LOCK_CLASS);
      s.setInt(2, LOCK_OBJECT);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        Object result = rs.getObject(1);
        return !(result instanceof Boolean b) || b;
      }
    }
  }
}
