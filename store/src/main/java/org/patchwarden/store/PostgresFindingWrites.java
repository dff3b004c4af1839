package org.patchwarden.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.patchwarden.finding.Closing;
import org.patchwarden.finding.FindingId;
import org.patchwarden.finding.FindingLifecycle;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingMark;

/**
 * Writes a findings plan on PostgreSQL as a few statements whose rows travel as array parameters,
 * {@code ... FROM unnest(?::text[], ...)}: up to {@value #CHUNK} findings per statement. A JDBC
 * batch costs PostgreSQL one statement execution (and its planning, locking and trigger set-up) per
 * row, or per small group of rows when the driver rewrites inserts; a fleet import writes a hundred
 * thousand findings, and did so ten times slower on PostgreSQL than on SQLite. The SQL says the same
 * as the batches of {@code JdbiFindingStore}'s {@code Writes}, which SQLite keeps.
 */
final class PostgresFindingWrites {
  /** Findings per statement: bounded so that one statement's arrays stay a few megabytes. */
  static final int CHUNK = 5_000;

  private static final String KEY = "asset_name, ecosystem, package_name, advisory_id, feed_source";
  private static final String KEY_ARRAYS = "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]";
  private static final String KEY_JOIN = "f.asset_name = u.asset_name AND f.ecosystem = u.ecosystem"
      + " AND f.package_name = u.package_name AND f.advisory_id = u.advisory_id AND f.feed_source = u.feed_source";
  /** New findings. */
  private static final String INSERT = "INSERT INTO findings (" + KEY + ", evidence_id"
      + ", status, first_seen, last_seen, closed_at, fixed_by_revision,"
      + " not_affected_reason, not_affected_by, not_affected_at)"
      + " SELECT " + KEY + ", evidence_id, 'OPEN', ?, ?, NULL, 0, reason, marked_by, marked_at"
      + " FROM unnest(" + KEY_ARRAYS + ", ?::bigint[], ?::text[], ?::text[], ?::text[])"
      + " AS u(" + KEY + ", evidence_id, reason, marked_by, marked_at)";
  /**
   * Findings found again: the newest evidence, open. first_seen is never written here: a finding
   * found again, even after it was fixed or retracted, keeps the time its exposure was first known.
   */
  private static final String UPDATE = "UPDATE findings f SET evidence_id = u.evidence_id,"
      + " status = 'OPEN', last_seen = ?, closed_at = NULL, fixed_by_revision = 0"
      + " FROM unnest(" + KEY_ARRAYS + ", ?::bigint[]) AS u(" + KEY + ", evidence_id)"
      + " WHERE " + KEY_JOIN;
  private static final String CLOSE = "UPDATE findings f SET status = ?, closed_at = ?, fixed_by_revision = ?"
      + " FROM unnest(" + KEY_ARRAYS + ") AS u(" + KEY + ") WHERE " + KEY_JOIN + " AND f.status = 'OPEN'";

  private PostgresFindingWrites() {}

  /**
   * Writes the plan as {@code JdbiFindingStore}'s batches do: inserts, updates (refreshes, reopens),
   * closes.
   *
   * @param evidence the {@code finding_evidence} row of each finding inserted or updated
   */
  static void write(Connection c, String at, FindingLifecycle.Plan plan, ToLongFunction<Finding> evidence)
      throws SQLException {
    for (List<FindingLifecycle.Insert> chunk : Chunks.of(plan.inserts(), CHUNK)) {
      insert(c, at, chunk, evidence);
    }
    List<FindingLifecycle.Update> updates = new ArrayList<>(plan.refreshes());
    updates.addAll(plan.reopens());
    for (List<FindingLifecycle.Update> chunk : Chunks.of(updates, CHUNK)) {
      update(c, at, chunk, evidence);
    }
    for (List<FindingId> chunk : Chunks.of(plan.closes(), CHUNK)) {
      close(c, at, plan.closing(), chunk);
    }
  }

  private static void insert(Connection c, String at, List<FindingLifecycle.Insert> inserts,
      ToLongFunction<Finding> evidence) throws SQLException {
    Columns keys = new Columns(5);
    Columns marks = new Columns(3);
    Long[] rows = new Long[inserts.size()];
    int n = 0;
    for (FindingLifecycle.Insert i : inserts) {
      Finding f = i.finding();
      FindingMark mark = i.inheritedMark();
      keys.key(FindingId.of(f));
      rows[n++] = evidence.applyAsLong(f);
      marks.add(mark == null ? "" : mark.reason());
      marks.add(mark == null ? "" : mark.by());
      marks.add(mark == null ? null : SqlTime.format(mark.at()));
    }
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, at);
      s.setString(2, at);
      int p = keys.bind(c, s, 3);
      s.setArray(p++, c.createArrayOf("bigint", rows));
      marks.bind(c, s, p);
      s.executeUpdate();
    }
  }

  private static void update(Connection c, String at, List<FindingLifecycle.Update> updates,
      ToLongFunction<Finding> evidence) throws SQLException {
    Columns keys = new Columns(5);
    Long[] rows = new Long[updates.size()];
    int n = 0;
    for (FindingLifecycle.Update u : updates) {
      keys.key(u.id());
      rows[n++] = evidence.applyAsLong(u.finding());
    }
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      s.setString(1, at);
      int p = keys.bind(c, s, 2);
      s.setArray(p, c.createArrayOf("bigint", rows));
      s.executeUpdate();
    }
  }

  private static void close(Connection c, String at, Closing closing, List<FindingId> ids) throws SQLException {
    Columns keys = new Columns(5);
    ids.forEach(keys::key);
    try (PreparedStatement s = c.prepareStatement(CLOSE)) {
      s.setString(1, closing.status().name());
      s.setString(2, at);
      s.setInt(3, closing.revision());
      keys.bind(c, s, 4);
      s.executeUpdate();
    }
  }

  /** Rows gathered column by column, each column bound as one {@code text[]} parameter. */
  private static final class Columns {
    private final List<List<String>> columns = new ArrayList<>();
    private int next;

    Columns(int width) {
      for (int i = 0; i < width; i++) {
        columns.add(new ArrayList<>());
      }
    }

    /** The next column's value of the current row; after the last column, the next row begins. */
    void add(String value) {
      columns.get(next).add(value);
      next = (next + 1) % columns.size();
    }

    void key(FindingId k) {
      add(k.assetName());
      add(k.ecosystem());
      add(k.packageName());
      add(k.advisoryId());
      add(k.feedSource());
    }

    /** Binds the columns as arrays from parameter {@code n} on; returns the next parameter's index. */
    int bind(Connection c, PreparedStatement s, int n) throws SQLException {
      for (List<String> column : columns) {
        Array array = c.createArrayOf("text", column.toArray(new String[0]));
        s.setArray(n++, array);
      }
      return n;
    }
  }
}
