package org.patchwarden.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.patchwarden.finding.Closing;
import org.patchwarden.finding.FindingId;
import org.patchwarden.finding.FindingLifecycle;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingMark;

/**
 * Writes a findings plan on PostgreSQL as a few statements whose rows travel as array parameters,
 * {@code ... FROM unnest(?::text[], ...)}: up to {@value #CHUNK} findings per statement, new
 * findings together with their aliases. A JDBC batch costs PostgreSQL one statement execution (and
 * its planning, locking and trigger set-up) per row, or per small group of rows when the driver
 * rewrites inserts; a fleet import writes a hundred thousand findings and half a million aliases,
 * and did so ten times slower on PostgreSQL than on SQLite. The SQL says the same as the batches
 * of {@code JdbiFindingStore}'s {@code Writes}, which SQLite keeps.
 */
final class PostgresFindingWrites {
  /** Findings per statement: bounded so that one statement's arrays stay a few megabytes. */
  static final int CHUNK = 5_000;

  private static final String KEY = "asset_name, ecosystem, package_name, advisory_id, feed_source";
  private static final String KEY_ARRAYS = "?::text[], ?::text[], ?::text[], ?::text[], ?::text[]";
  private static final String KEY_JOIN = "f.asset_name = u.asset_name AND f.ecosystem = u.ecosystem"
      + " AND f.package_name = u.package_name AND f.advisory_id = u.advisory_id AND f.feed_source = u.feed_source";
  private static final String EVIDENCE = "package_version, source_name, source_version, architecture, purl,"
      + " aliases, advisory_ecosystem, matched_name, matched_version, affected_status, affected_range,"
      + " fixed_version, confidence";
  private static final String EVIDENCE_ARRAYS = "?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
      + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]";
  /** Aliases of findings found again with other aliases: one array per key column, and the alias. */
  private static final String INSERT_ALIASES = "INSERT INTO finding_aliases (" + KEY + ", alias)"
      + " SELECT * FROM unnest(" + KEY_ARRAYS + ", ?::text[])";
  /**
   * New findings and, in the same statement, their aliases, expanded by the server from the
   * {@code aliases} column (the finding's distinct aliases as a sorted JSON array, what the alias
   * rows hold) rather than sent again with the key repeated per alias. The aliases' key check
   * runs at the end of the statement, when the findings the CTE inserted are there.
   */
  private static final String INSERT = "WITH inserted AS (INSERT INTO findings (" + KEY + ", " + EVIDENCE
      + ", status, first_seen, last_seen, closed_at, fixed_by_revision,"
      + " not_affected_reason, not_affected_by, not_affected_at)"
      + " SELECT " + KEY + ", " + EVIDENCE + ", 'OPEN', ?, ?, NULL, 0, reason, marked_by, marked_at"
      + " FROM unnest(" + KEY_ARRAYS + ", " + EVIDENCE_ARRAYS + ", ?::text[], ?::text[], ?::text[])"
      + " AS u(" + KEY + ", " + EVIDENCE + ", reason, marked_by, marked_at)"
      + " RETURNING " + KEY + ", aliases)"
      + " INSERT INTO finding_aliases (" + KEY + ", alias)"
      + " SELECT i.asset_name, i.ecosystem, i.package_name, i.advisory_id, i.feed_source, a.alias"
      + " FROM inserted i CROSS JOIN LATERAL jsonb_array_elements_text(i.aliases::jsonb) AS a(alias)";
  /**
   * Findings found again: the newest evidence, open. first_seen is never written here: a finding
   * found again, even after it was fixed or retracted, keeps the time its exposure was first known.
   */
  private static final String UPDATE = "UPDATE findings f SET package_version = u.package_version,"
      + " source_name = u.source_name, source_version = u.source_version, architecture = u.architecture,"
      + " purl = u.purl, aliases = u.aliases, advisory_ecosystem = u.advisory_ecosystem,"
      + " matched_name = u.matched_name, matched_version = u.matched_version,"
      + " affected_status = u.affected_status, affected_range = u.affected_range,"
      + " fixed_version = u.fixed_version, confidence = u.confidence,"
      + " status = 'OPEN', last_seen = ?, closed_at = NULL, fixed_by_revision = 0"
      + " FROM unnest(" + KEY_ARRAYS + ", " + EVIDENCE_ARRAYS + ") AS u(" + KEY + ", " + EVIDENCE + ")"
      + " WHERE " + KEY_JOIN;
  private static final String DELETE_ALIASES = "DELETE FROM finding_aliases f USING unnest(" + KEY_ARRAYS
      + ") AS u(" + KEY + ") WHERE " + KEY_JOIN;
  private static final String CLOSE = "UPDATE findings f SET status = ?, closed_at = ?, fixed_by_revision = ?"
      + " FROM unnest(" + KEY_ARRAYS + ") AS u(" + KEY + ") WHERE " + KEY_JOIN + " AND f.status = 'OPEN'";

  private PostgresFindingWrites() {}

  /** Writes the plan as {@code JdbiFindingStore}'s batches do: inserts, updates (refreshes, reopens), closes. */
  static void write(Connection c, String at, FindingLifecycle.Plan plan) throws SQLException {
    for (List<FindingLifecycle.Insert> chunk : chunks(plan.inserts())) {
      insert(c, at, chunk);
    }
    List<FindingLifecycle.Update> updates = new ArrayList<>(plan.refreshes());
    updates.addAll(plan.reopens());
    for (List<FindingLifecycle.Update> chunk : chunks(updates)) {
      update(c, at, chunk);
    }
    for (List<FindingId> chunk : chunks(plan.closes())) {
      close(c, at, plan.closing(), chunk);
    }
  }

  private static void insert(Connection c, String at, List<FindingLifecycle.Insert> inserts) throws SQLException {
    Columns rows = new Columns(5 + 13 + 3);
    for (FindingLifecycle.Insert i : inserts) {
      Finding f = i.finding();
      FindingMark mark = i.inheritedMark();
      rows.key(FindingId.of(f));
      rows.evidence(f);
      rows.add(mark == null ? "" : mark.reason());
      rows.add(mark == null ? "" : mark.by());
      rows.add(mark == null ? null : SqlTime.format(mark.at()));
    }
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, at);
      s.setString(2, at);
      rows.bind(c, s, 3);
      s.executeUpdate();
    }
  }

  private static void update(Connection c, String at, List<FindingLifecycle.Update> updates) throws SQLException {
    Columns rows = new Columns(5 + 13);
    Columns changed = new Columns(5);
    Columns aliases = new Columns(6);
    for (FindingLifecycle.Update u : updates) {
      FindingId k = u.id();
      rows.key(k);
      rows.evidence(u.finding());
      if (u.aliasesChanged()) {
        changed.key(k);
        aliases.aliases(k, u.finding());
      }
    }
    try (PreparedStatement s = c.prepareStatement(UPDATE)) {
      s.setString(1, at);
      rows.bind(c, s, 2);
      s.executeUpdate();
    }
    if (changed.isEmpty()) {
      return;
    }
    // two statements: the statements of one WITH see the same snapshot, so an alias deleted and
    // inserted again in one of them would collide with itself on the primary key
    try (PreparedStatement s = c.prepareStatement(DELETE_ALIASES)) {
      changed.bind(c, s, 1);
      s.executeUpdate();
    }
    if (!aliases.isEmpty()) {
      try (PreparedStatement s = c.prepareStatement(INSERT_ALIASES)) {
        aliases.bind(c, s, 1);
        s.executeUpdate();
      }
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

  private static <T> List<List<T>> chunks(List<T> rows) {
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += CHUNK) {
      out.add(rows.subList(from, Math.min(rows.size(), from + CHUNK)));
    }
    return out;
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

    void evidence(Finding f) {
      InstalledPackage p = f.installed();
      add(p.version());
      add(p.sourceName());
      add(p.sourceVersion());
      add(p.architecture());
      add(p.purl());
      add(RecordJson.write(new TreeSet<>(f.aliases())));
      add(f.advisoryEcosystem());
      add(f.matchedName());
      add(f.matchedVersion());
      add(f.status().name());
      add(f.range());
      add(f.fixedVersion());
      add(f.confidence().name());
    }

    /** One row per distinct alias of the finding, as {@code finding_aliases} holds them. */
    void aliases(FindingId k, Finding f) {
      for (String alias : new TreeSet<>(f.aliases())) {
        key(k);
        add(alias);
      }
    }

    boolean isEmpty() {
      return columns.get(0).isEmpty();
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
