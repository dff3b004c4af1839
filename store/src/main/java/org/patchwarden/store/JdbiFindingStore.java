package org.patchwarden.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.TrackedFinding;

/**
 * Findings in the {@code findings} table, one row per asset, installed package (ecosystem and name),
 * advisory id and feed; {@code finding_aliases} repeats each finding's aliases for lookups by alias.
 *
 * <p>Each call runs in one transaction: it reads the state of the findings it may touch (one asset's
 * for a scan, the named advisories' for a re-match), decides in memory what opens, stays open,
 * reopens or closes, and writes the changes in JDBC batches of {@value FeedReplacement#BATCH} rows.
 * Memory follows the findings of that asset or those advisories, never the whole table.
 */
final class JdbiFindingStore implements FindingStore {
  private static final String KEY = "asset_name, ecosystem, package_name, advisory_id, feed_source";
  private static final String KEY_MATCHES =
      "asset_name = :asset AND ecosystem = :eco AND package_name = :pkg AND advisory_id = :adv AND feed_source = :feed";
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiFindingStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  /**
   * {@inheritDoc} A RETRACTED finding found again reopens like a FIXED one. Findings with the same
   * key (the same package name twice, e.g. two architectures) count once: the last one is kept.
   *
   * @throws IllegalArgumentException when a finding is about another asset
   * @throws NoSuchElementException when the asset does not exist
   */
  @Override
  public FindingsUpdate recordScan(String assetName, int inventoryRevision, Instant at, List<Finding> findings) {
    if (inventoryRevision < 1) {
      throw new IllegalArgumentException("inventory revision of asset " + assetName + " must be 1 or more, got "
          + inventoryRevision);
    }
    for (Finding f : findings) {
      if (!f.assetName().equals(assetName)) {
        throw new IllegalArgumentException("a scan of asset '" + assetName + "' cannot record finding " + f.key()
            + " of asset '" + f.assetName() + "'");
      }
    }
    Map<Key, Finding> found = byKey(findings);
    return jdbi.inTransaction(h -> {
      requireAssets(h, Set.of(assetName));
      Map<Key, Stored> before = new HashMap<>();
      h.createQuery("SELECT " + KEY + ", status, aliases FROM findings WHERE asset_name = :asset")
          .bind("asset", assetName)
          .map((rs, ctx) -> stored(rs))
          .forEach(s -> before.put(s.key(), s));
      return write(h, at, found, before, FindingStatus.FIXED, inventoryRevision);
    });
  }

  /**
   * {@inheritDoc} Findings are matched to {@code advisoryIds} by their advisory id, not by alias.
   * FIXED and RETRACTED findings of those advisories that are not found again stay as they are.
   *
   * @throws IllegalArgumentException when a finding's advisory is not among {@code advisoryIds}
   * @throws NoSuchElementException when a finding's asset does not exist
   */
  @Override
  public FindingsUpdate recordRematch(Collection<String> advisoryIds, Instant at, List<Finding> findings) {
    Set<String> ids = new TreeSet<>(advisoryIds);
    for (Finding f : findings) {
      if (!ids.contains(f.advisoryId())) {
        throw new IllegalArgumentException("a re-match of " + ids.size() + " advisories cannot record finding "
            + f.key() + ": advisory " + f.advisoryId() + " is not among them");
      }
    }
    Map<Key, Finding> found = byKey(findings);
    List<String> idList = List.copyOf(ids);
    return jdbi.inTransaction(h -> {
      Set<String> assets = new TreeSet<>();
      found.keySet().forEach(k -> assets.add(k.asset()));
      requireAssets(h, assets);
      Map<Key, Stored> before = new HashMap<>();
      for (List<String> chunk : chunks(idList)) {
        h.createQuery("SELECT " + KEY + ", status, aliases FROM findings WHERE advisory_id IN (<ids>)")
            .bindList("ids", chunk)
            .map((rs, ctx) -> stored(rs))
            .forEach(s -> before.put(s.key(), s));
      }
      return write(h, at, found, before, FindingStatus.RETRACTED, 0);
    });
  }

  /** {@inheritDoc} FIXED and RETRACTED findings not found again stay as they are. */
  @Override
  public FindingsUpdate recordRematch(String feedSource, Collection<String> advisoryIds, Instant at,
      List<Finding> findings) {
    Set<String> ids = new TreeSet<>(advisoryIds);
    for (Finding f : findings) {
      if (!f.feedSource().equals(feedSource) || !ids.contains(f.advisoryId())) {
        throw new IllegalArgumentException("a re-match of " + ids.size() + " advisories of " + feedSource
            + " cannot record finding " + f.key() + " of " + f.feedSource());
      }
    }
    return recordOfSource(feedSource, List.copyOf(ids), at, findings);
  }

  /** {@inheritDoc} FIXED and RETRACTED findings not found again stay as they are. */
  @Override
  public FindingsUpdate recordSourceMatch(String feedSource, Instant at, List<Finding> findings) {
    for (Finding f : findings) {
      if (!f.feedSource().equals(feedSource)) {
        throw new IllegalArgumentException("a match of " + feedSource + " cannot record finding " + f.key()
            + " of " + f.feedSource());
      }
    }
    return recordOfSource(feedSource, null, at, findings);
  }

  /** Compares with the findings of one source (of some advisories, or all when {@code ids} is null). */
  private FindingsUpdate recordOfSource(String feedSource, List<String> ids, Instant at, List<Finding> findings) {
    Map<Key, Finding> found = byKey(findings);
    return jdbi.inTransaction(h -> {
      Set<String> assets = new TreeSet<>();
      found.keySet().forEach(k -> assets.add(k.asset()));
      requireAssets(h, assets);
      Map<Key, Stored> before = new HashMap<>();
      String select = "SELECT " + KEY + ", status, aliases FROM findings WHERE feed_source = :feed";
      if (ids == null) {
        h.createQuery(select).bind("feed", feedSource).map((rs, ctx) -> stored(rs))
            .forEach(s -> before.put(s.key(), s));
      } else {
        for (List<String> chunk : chunks(ids)) {
          h.createQuery(select + " AND advisory_id IN (<ids>)").bind("feed", feedSource).bindList("ids", chunk)
              .map((rs, ctx) -> stored(rs))
              .forEach(s -> before.put(s.key(), s));
        }
      }
      return write(h, at, found, before, FindingStatus.RETRACTED, 0);
    });
  }

  /**
   * {@inheritDoc} Within one package and advisory, ordered by ecosystem and feed. The rows stream
   * from the database {@value CursorRead#FETCH_SIZE} at a time.
   */
  @Override
  public List<TrackedFinding> list(FindingFilter filter) {
    List<String> where = new ArrayList<>();
    if (filter.assetName() != null) {
      where.add("f.asset_name = :asset");
    }
    if (filter.packageName() != null) {
      where.add("(f.package_name = :pkg OR f.matched_name = :pkg)");
    }
    if (filter.advisory() != null) {
      where.add("""
          (f.advisory_id = :adv OR EXISTS (SELECT 1 FROM finding_aliases a WHERE a.alias = :adv
             AND a.asset_name = f.asset_name AND a.ecosystem = f.ecosystem AND a.package_name = f.package_name
             AND a.advisory_id = f.advisory_id AND a.feed_source = f.feed_source))""");
    }
    if (filter.status() != null) {
      where.add("f.status = :status");
    }
    String sql = "SELECT f.* FROM findings f"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY f.asset_name, f.package_name, f.advisory_id, f.ecosystem, f.feed_source";
    return CursorRead.run(jdbi, dialect, h -> {
      Query q = h.createQuery(sql).setFetchSize(CursorRead.FETCH_SIZE);
      if (filter.assetName() != null) {
        q.bind("asset", filter.assetName());
      }
      if (filter.packageName() != null) {
        q.bind("pkg", filter.packageName());
      }
      if (filter.advisory() != null) {
        q.bind("adv", filter.advisory());
      }
      if (filter.status() != null) {
        q.bind("status", filter.status().name());
      }
      try (Stream<TrackedFinding> rows = q.map((rs, ctx) -> tracked(rs)).stream()) {
        return rows.toList();
      }
    });
  }

  /**
   * Opens, refreshes or reopens every finding {@code found}, and closes with {@code closing} the
   * ones {@code before} holds open that were not found.
   */
  private static FindingsUpdate write(Handle h, Instant at, Map<Key, Finding> found, Map<Key, Stored> before,
      FindingStatus closing, int fixedByRevision) {
    Writes w = new Writes(h, SqlTime.format(at));
    int opened = 0;
    int stillOpen = 0;
    int closed = 0;
    for (Map.Entry<Key, Finding> e : found.entrySet()) {
      Stored s = before.get(e.getKey());
      if (s == null) {
        w.insert(e.getKey(), e.getValue());
        opened++;
      } else {
        w.update(e.getKey(), e.getValue(), s);
        if (s.status() == FindingStatus.OPEN) {
          stillOpen++;
        } else {
          opened++;
        }
      }
    }
    for (Stored s : before.values()) {
      if (s.status() == FindingStatus.OPEN && !found.containsKey(s.key())) {
        w.close(s.key(), closing, fixedByRevision);
        closed++;
      }
    }
    w.flush();
    return new FindingsUpdate(opened, stillOpen, closed);
  }

  /** The pending batches of one call, executed together whenever one of them is full. */
  private static final class Writes {
    private final Handle h;
    private final String at;
    private PreparedBatch insert;
    private PreparedBatch update;
    private PreparedBatch deleteAliases;
    private PreparedBatch insertAliases;
    private PreparedBatch close;

    Writes(Handle h, String at) {
      this.h = h;
      this.at = at;
      prepare();
    }

    /** Fresh batches: an executed batch has closed its statement. */
    private void prepare() {
      insert = h.prepareBatch("""
          INSERT INTO findings (asset_name, ecosystem, package_name, advisory_id, feed_source,
            package_version, source_name, source_version, architecture, purl, aliases, advisory_ecosystem,
            matched_name, matched_version, affected_status, affected_range, fixed_version, confidence,
            status, first_seen, last_seen, closed_at, fixed_by_revision)
          VALUES (:asset, :eco, :pkg, :adv, :feed,
            :version, :srcName, :srcVersion, :arch, :purl, :aliases, :advEco,
            :matchedName, :matchedVersion, :affected, :range, :fixedVersion, :confidence,
            'OPEN', :at, :at, NULL, 0)
          """);
      // NB: SET expressions read the row as it was, so first_seen is kept only for a finding
      // that was still OPEN; a FIXED or RETRACTED one found again starts over.
      update = h.prepareBatch("""
          UPDATE findings SET
            package_version = :version, source_name = :srcName, source_version = :srcVersion,
            architecture = :arch, purl = :purl, aliases = :aliases, advisory_ecosystem = :advEco,
            matched_name = :matchedName, matched_version = :matchedVersion, affected_status = :affected,
            affected_range = :range, fixed_version = :fixedVersion, confidence = :confidence,
            first_seen = CASE WHEN status = 'OPEN' THEN first_seen ELSE :at END,
            status = 'OPEN', last_seen = :at, closed_at = NULL, fixed_by_revision = 0
          WHERE""" + " " + KEY_MATCHES);
      deleteAliases = h.prepareBatch("DELETE FROM finding_aliases WHERE " + KEY_MATCHES);
      insertAliases = h.prepareBatch("INSERT INTO finding_aliases (" + KEY + ", alias) "
          + "VALUES (:asset, :eco, :pkg, :adv, :feed, :alias)");
      close = h.prepareBatch("UPDATE findings SET status = :status, closed_at = :at, fixed_by_revision = :rev "
          + "WHERE " + KEY_MATCHES + " AND status = 'OPEN'");
    }

    void insert(Key k, Finding f) {
      String aliases = aliasesJson(f);
      evidence(bindKey(insert, k), f, aliases).add();
      addAliases(k, f);
      flushIfFull();
    }

    void update(Key k, Finding f, Stored s) {
      String aliases = aliasesJson(f);
      evidence(bindKey(update, k), f, aliases).add();
      if (!aliases.equals(s.aliasesJson())) {
        bindKey(deleteAliases, k).add();
        addAliases(k, f);
      }
      flushIfFull();
    }

    void close(Key k, FindingStatus status, int revision) {
      bindKey(close, k).bind("status", status.name()).bind("at", at).bind("rev", revision).add();
      flushIfFull();
    }

    private void addAliases(Key k, Finding f) {
      for (String alias : new TreeSet<>(f.aliases())) {
        bindKey(insertAliases, k).bind("alias", alias).add();
      }
    }

    private PreparedBatch evidence(PreparedBatch b, Finding f, String aliases) {
      InstalledPackage p = f.installed();
      return b.bind("version", p.version()).bind("srcName", p.sourceName()).bind("srcVersion", p.sourceVersion())
          .bind("arch", p.architecture()).bind("purl", p.purl()).bind("aliases", aliases)
          .bind("advEco", f.advisoryEcosystem()).bind("matchedName", f.matchedName())
          .bind("matchedVersion", f.matchedVersion()).bind("affected", f.status().name())
          .bind("range", f.range()).bind("fixedVersion", f.fixedVersion()).bind("confidence", f.confidence().name())
          .bind("at", at);
    }

    private void flushIfFull() {
      if (insert.size() >= FeedReplacement.BATCH || update.size() >= FeedReplacement.BATCH
          || insertAliases.size() >= FeedReplacement.BATCH || close.size() >= FeedReplacement.BATCH) {
        flush();
      }
    }

    /** Executes the batches in an order that keeps foreign keys satisfied: findings before their aliases. */
    void flush() {
      for (PreparedBatch b : List.of(insert, update, deleteAliases, insertAliases, close)) {
        if (b.size() > 0) {
          b.execute();
        }
      }
      prepare();
    }
  }

  /** The identity of a tracked finding: the primary key of {@code findings}. */
  private record Key(String asset, String ecosystem, String packageName, String advisoryId, String feedSource) {
    static Key of(Finding f) {
      return new Key(f.assetName(), f.installed().ecosystem(), f.installed().name(), f.advisoryId(), f.feedSource());
    }
  }

  /** What a call needs to know of a finding already tracked. */
  private record Stored(Key key, FindingStatus status, String aliasesJson) {}

  private static Map<Key, Finding> byKey(List<Finding> findings) {
    Map<Key, Finding> byKey = new LinkedHashMap<>();
    for (Finding f : findings) {
      byKey.put(Key.of(f), f);
    }
    return byKey;
  }

  private static PreparedBatch bindKey(PreparedBatch b, Key k) {
    return b.bind("asset", k.asset()).bind("eco", k.ecosystem()).bind("pkg", k.packageName())
        .bind("adv", k.advisoryId()).bind("feed", k.feedSource());
  }

  private static String aliasesJson(Finding f) {
    return RecordJson.write(new TreeSet<>(f.aliases()));
  }

  private static void requireAssets(Handle h, Set<String> names) {
    Set<String> missing = new TreeSet<>(names);
    for (List<String> chunk : chunks(List.copyOf(names))) {
      h.createQuery("SELECT name FROM assets WHERE name IN (<names>)")
          .bindList("names", chunk)
          .mapTo(String.class)
          .forEach(missing::remove);
    }
    if (!missing.isEmpty()) {
      throw new NoSuchElementException("no asset named " + String.join(", ", missing.stream().limit(10)
          .map(n -> "'" + n + "'").toList()) + (missing.size() > 10 ? " (and " + (missing.size() - 10) + " more)" : ""));
    }
  }

  private static List<List<String>> chunks(List<String> values) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < values.size(); from += FeedReplacement.BATCH) {
      chunks.add(values.subList(from, Math.min(values.size(), from + FeedReplacement.BATCH)));
    }
    return chunks;
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    return new Stored(new Key(rs.getString("asset_name"), rs.getString("ecosystem"), rs.getString("package_name"),
        rs.getString("advisory_id"), rs.getString("feed_source")),
        FindingStatus.valueOf(rs.getString("status")), rs.getString("aliases"));
  }

  private static TrackedFinding tracked(ResultSet rs) throws SQLException {
    InstalledPackage installed = new InstalledPackage(rs.getString("ecosystem"), rs.getString("package_name"),
        rs.getString("package_version"), rs.getString("source_name"), rs.getString("source_version"),
        rs.getString("architecture"), rs.getString("purl"));
    Finding finding = new Finding(rs.getString("asset_name"), installed, rs.getString("advisory_id"),
        Set.of(RecordJson.read(rs.getString("aliases"), String[].class)), rs.getString("feed_source"),
        rs.getString("advisory_ecosystem"), rs.getString("matched_name"), rs.getString("matched_version"),
        AffectedStatus.valueOf(rs.getString("affected_status")), rs.getString("affected_range"),
        rs.getString("fixed_version"), Confidence.valueOf(rs.getString("confidence")));
    return new TrackedFinding(finding, FindingStatus.valueOf(rs.getString("status")),
        SqlTime.instant(rs.getString("first_seen")), SqlTime.instant(rs.getString("last_seen")),
        SqlTime.instant(rs.getString("closed_at")), rs.getInt("fixed_by_revision"));
  }
}
