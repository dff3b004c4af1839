package org.patchwarden.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The {@code finding_alias_index} table (V31): for each alias, the advisories (id and feed) that have
 * had a finding carrying it. It is a superset, never pruned: a lookup by alias takes the findings of
 * those advisories whose evidence's {@code aliases} hold the alias ({@link #findingCarries}), so a finding
 * whose aliases changed, or an asset deleted, never needs a row removed. V3 kept one row per finding
 * and alias instead, half a million for a 1,000-host fleet, and writing them was a third of an
 * import; the advisories' alias sets are a few thousand rows, written once.
 *
 * <p>One instance per database remembers the sets it has seen committed, so that a fleet import
 * writes each advisory's aliases once, not once per finding. Rows are inserted when missing rather
 * than under a unique key: a key would make concurrent PostgreSQL writers wait on each other's
 * uncommitted rows, and in opposite orders deadlock; a rare duplicate from two writers racing costs a
 * lookup nothing.
 */
final class FindingAliasIndex {
  /** Alias sets remembered at most; past this the memory starts over (a server runs for months). */
  static final int MAX_KNOWN = 200_000;

  private static final String SQLITE_INSERT = """
      INSERT INTO finding_alias_index (alias, advisory_id, feed_source) SELECT ?, ?, ?
      WHERE NOT EXISTS (SELECT 1 FROM finding_alias_index WHERE alias = ? AND advisory_id = ? AND feed_source = ?)
      """;
  /** The sets' rows as arrays, expanded from each set's JSON by the server; rows already there are skipped. */
  private static final String POSTGRESQL_INSERT = """
      INSERT INTO finding_alias_index (alias, advisory_id, feed_source)
      SELECT DISTINCT a.alias, u.advisory_id, u.feed_source
        FROM unnest(?::text[], ?::text[], ?::text[]) AS u(advisory_id, feed_source, aliases)
        CROSS JOIN LATERAL jsonb_array_elements_text(u.aliases::jsonb) AS a(alias)
       WHERE NOT EXISTS (SELECT 1 FROM finding_alias_index k
                          WHERE k.alias = a.alias AND k.advisory_id = u.advisory_id AND k.feed_source = u.feed_source)
      """;

  private final Dialect dialect;
  private final Set<AliasSet> known = ConcurrentHashMap.newKeySet();
  /**
   * The sets written by each open transaction, by its handle: a fleet import writes a few hundred
   * assets' findings in one transaction, and each asset's findings carry mostly the same sets.
   * Weak, so that a handle closed without a commit or rollback callback leaves nothing behind.
   */
  private final Map<Handle, Set<AliasSet>> uncommitted = Collections.synchronizedMap(new WeakHashMap<>());

  FindingAliasIndex(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * One advisory's aliases as a finding carries them.
   *
   * @param json the aliases as the finding's {@code aliases} column holds them (a sorted JSON array)
   */
  record AliasSet(String advisoryId, String feedSource, String json, SortedSet<String> aliases) {
    // equality by the text alone: the JSON says what the sorted set says
    @Override
    public boolean equals(Object o) {
      return o instanceof AliasSet s && s.advisoryId.equals(advisoryId) && s.feedSource.equals(feedSource)
          && s.json.equals(json);
    }

    @Override
    public int hashCode() {
      return (advisoryId.hashCode() * 31 + feedSource.hashCode()) * 31 + json.hashCode();
    }
  }

  /**
   * The alias sets of one transaction's findings, gathered as they are written and stored by {@link
   * #write}; those this database is known to hold are dropped at once.
   */
  final class Pending {
    private final Map<AliasSet, AliasSet> sets = new LinkedHashMap<>();

    void add(AliasSet set) {
      if (!set.aliases().isEmpty() && !known.contains(set)) {
        sets.putIfAbsent(set, set);
      }
    }

    /**
     * Inserts the rows of the sets gathered that are missing, on {@code h}'s connection, unless its
     * transaction wrote them already; remembers the sets once that transaction commits (a rollback
     * takes the rows away).
     */
    void write(Handle h) throws SQLException {
      if (sets.isEmpty()) {
        return;
      }
      Set<AliasSet> open = uncommitted.computeIfAbsent(h, k -> {
        k.afterCommit(() -> remember(uncommitted.remove(k)));
        k.afterRollback(() -> uncommitted.remove(k));
        return new HashSet<>();
      });
      List<AliasSet> written = new ArrayList<>();
      for (AliasSet set : sets.keySet()) {
        if (!open.contains(set)) {
          written.add(set);
        }
      }
      sets.clear();
      if (written.isEmpty()) {
        return;
      }
      Connection c = h.getConnection();
      if (dialect == Dialect.POSTGRESQL) {
        writePostgres(c, written);
      } else {
        writeSqlite(c, written);
      }
      open.addAll(written);
    }
  }

  Pending pending() {
    return new Pending();
  }

  private void remember(Collection<AliasSet> sets) {
    if (sets == null) {
      return;
    }
    if (known.size() + sets.size() > MAX_KNOWN) {
      known.clear();
    }
    known.addAll(sets);
  }

  private static void writeSqlite(Connection c, List<AliasSet> sets) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SQLITE_INSERT)) {
      int batched = 0;
      for (AliasSet set : sets) {
        for (String alias : set.aliases()) {
          s.setString(1, alias);
          s.setString(2, set.advisoryId());
          s.setString(3, set.feedSource());
          s.setString(4, alias);
          s.setString(5, set.advisoryId());
          s.setString(6, set.feedSource());
          s.addBatch();
          if (++batched == FeedReplacement.BATCH) {
            s.executeBatch();
            batched = 0;
          }
        }
      }
      if (batched > 0) {
        s.executeBatch();
      }
    }
  }

  private static void writePostgres(Connection c, List<AliasSet> sets) throws SQLException {
    for (int from = 0; from < sets.size(); from += PostgresFindingWrites.CHUNK) {
      List<AliasSet> chunk = sets.subList(from, Math.min(sets.size(), from + PostgresFindingWrites.CHUNK));
      String[] ids = new String[chunk.size()];
      String[] feeds = new String[chunk.size()];
      String[] json = new String[chunk.size()];
      for (int i = 0; i < chunk.size(); i++) {
        ids[i] = chunk.get(i).advisoryId();
        feeds[i] = chunk.get(i).feedSource();
        json[i] = chunk.get(i).json();
      }
      try (PreparedStatement s = c.prepareStatement(POSTGRESQL_INSERT)) {
        s.setArray(1, c.createArrayOf("text", ids));
        s.setArray(2, c.createArrayOf("text", feeds));
        s.setArray(3, c.createArrayOf("text", json));
        s.executeUpdate();
      }
    }
  }

  /**
   * SQL that holds when the evidence of the finding row {@code f} (its {@code aliases} column, looked
   * up by {@code f.evidence_id}) carries an alias that {@code condition} accepts, written over {@code
   * j.value}: {@code "j.value = :cve"}, say.
   */
  static String findingCarries(Dialect dialect, String f, String condition) {
    String elements = dialect == Dialect.POSTGRESQL
        ? "finding_evidence ea CROSS JOIN LATERAL jsonb_array_elements_text(ea.aliases::jsonb) AS j(value)"
        : "finding_evidence ea, json_each(ea.aliases) AS j";
    return "EXISTS (SELECT 1 FROM " + elements + " WHERE ea.id = " + f + ".evidence_id AND " + condition + ")";
  }

  /**
   * SQL that holds when the finding row {@code f} carries an alias that {@code condition} accepts;
   * {@code condition} is written over {@code k.alias} and {@code j.value} alike, e.g. {@code "%s = :cve"}.
   * The index narrows the findings to those of advisories that ever carried the alias; the finding's
   * own aliases, in its evidence, decide: looked up only for those, so that a count over every open
   * finding (KEV-listed ones) reads no evidence for the rest.
   */
  static String carriesAlias(Dialect dialect, String f, String condition) {
    return "(EXISTS (SELECT 1 FROM finding_alias_index k WHERE " + condition.formatted("k.alias")
        + " AND k.advisory_id = " + f + ".advisory_id AND k.feed_source = " + f + ".feed_source) AND "
        + findingCarries(dialect, f, condition.formatted("j.value")) + ")";
  }
}
