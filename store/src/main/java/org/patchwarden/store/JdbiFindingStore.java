package org.patchwarden.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.finding.Closing;
import org.patchwarden.finding.FindingId;
import org.patchwarden.finding.FindingLifecycle;
import org.patchwarden.finding.FindingState;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.OpenCount;
import org.patchwarden.match.TrackedFinding;

/**
 * Findings in the {@code findings} table, one row per asset, installed package (ecosystem and name),
 * advisory id and feed, each referring to its evidence in {@code finding_evidence} ({@link
 * FindingEvidence}, shared by the findings with the same); {@link FindingAliasIndex} finds them by alias.
 *
 * <p>Each call runs in one transaction: it reads the state of the findings it may touch (one asset's
 * for a scan, the named advisories' for a re-match), asks {@link FindingLifecycle} for the plan, and
 * writes it: on SQLite in JDBC batches of {@value FeedReplacement#BATCH} rows, on PostgreSQL in
 * statements of up to {@value PostgresFindingWrites#CHUNK} rows each ({@link PostgresFindingWrites}).
 * Memory follows the findings of
 * that asset or those advisories, never the whole table. A not-affected mark is stored as columns
 * the lifecycle never writes; an OPEN row with a mark reads as NOT_AFFECTED.
 */
final class JdbiFindingStore implements FindingStore {
  private static final String KEY = "asset_name, ecosystem, package_name, advisory_id, feed_source";
  private static final String KEY_MATCHES =
      "asset_name = :asset AND ecosystem = :eco AND package_name = :pkg AND advisory_id = :adv AND feed_source = :feed";
  private static final String POSITIONAL_KEY_MATCHES =
      "asset_name = ? AND ecosystem = ? AND package_name = ? AND advisory_id = ? AND feed_source = ?";
  private static final String USER_KEY_MATCHES =
      "asset_name = :asset AND ecosystem = :eco AND package_name = :pkg AND advisory_id = :adv";
  private static final String STATE = KEY + ", status, first_seen, not_affected_reason, not_affected_by, "
      + "not_affected_at, evidence_id";
  /** Findings with their evidence (V33): what every read of whole findings selects {@link #COLUMNS} from. */
  static final String FINDINGS = "findings f JOIN finding_evidence e ON e.id = f.evidence_id";
  /** The columns {@link #tracked} reads, of {@link #FINDINGS}: named, so that no key or id travels for nothing. */
  static final String COLUMNS = "f.asset_name, f.ecosystem, f.package_name, f.advisory_id, f.feed_source, f.status,"
      + " f.first_seen, f.last_seen, f.closed_at, f.fixed_by_revision, f.not_affected_reason, f.not_affected_by,"
      + " f.not_affected_at, e." + FindingEvidence.COLUMNS.replace(", ", ", e.");
  /** KEV ids bound as parameters at most: twice each, within SQLite's and PostgreSQL's 32,766. */
  private static final int MAX_KEV_PARAMETERS = 15_000;
  private final Jdbi jdbi;
  private final Dialect dialect;
  private final FindingAliasIndex aliasIndex;

  JdbiFindingStore(Jdbi jdbi, Dialect dialect, FindingAliasIndex aliasIndex) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.aliasIndex = aliasIndex;
  }

  /**
   * {@inheritDoc} Findings with the same {@link FindingId} (the same package name twice, e.g. two
   * architectures) count once: the last one is kept.
   *
   * @throws IllegalArgumentException when a finding is about another asset
   * @throws NoSuchElementException when the asset does not exist
   */
  @Override
  public FindingsUpdate recordScan(String assetName, int inventoryRevision, Instant at, List<Finding> findings) {
    return recordScans(at, List.of(new AssetScan(assetName, inventoryRevision, findings))).get(0);
  }

  /**
   * {@inheritDoc} In one transaction: the assets' findings read a batch of assets at a time, and
   * every asset's rows written through one set of statements, where a fleet import recording each
   * asset apart read and prepared statements a thousand times.
   *
   * @throws NoSuchElementException when an asset does not exist; nothing is written then
   */
  @Override
  public List<FindingsUpdate> recordScans(Instant at, List<AssetScan> scans) {
    org.patchwarden.inventory.AssetNames.requireDistinct(scans.stream().map(AssetScan::assetName).toList(), "scans");
    for (AssetScan s : scans) {
      if (s.inventoryRevision() < 1) {
        throw new IllegalArgumentException("inventory revision of asset " + s.assetName() + " must be 1 or more, got "
            + s.inventoryRevision());
      }
      for (Finding f : s.findings()) {
        if (!f.assetName().equals(s.assetName())) {
          throw new IllegalArgumentException("a scan of asset '" + s.assetName() + "' cannot record finding "
              + f.key() + " of asset '" + f.assetName() + "'");
        }
      }
    }
    if (scans.isEmpty()) {
      return List.of();
    }
    return jdbi.inTransaction(h -> {
      Map<FindingId, Long> storedEvidence = new HashMap<>();
      Map<String, List<FindingState>> before = assetsFindings(h, scans.stream().map(AssetScan::assetName).toList(),
          storedEvidence);
      JdbiMatchBacklog.matchComplete(h, scans.stream()
          .collect(java.util.stream.Collectors.toMap(AssetScan::assetName, AssetScan::inventoryRevision)));
      return write(h, at, scans.stream()
          .map(s -> FindingLifecycle.plan(before.get(s.assetName()), s.findings(), Closing.fixedBy(s.inventoryRevision())))
          .toList(), storedEvidence);
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
    List<String> idList = List.copyOf(ids);
    return jdbi.inTransaction(h -> {
      Set<String> assets = new TreeSet<>();
      findings.forEach(f -> assets.add(f.assetName()));
      requireAssets(h, assets);
      List<FindingState> before = new ArrayList<>();
      Map<FindingId, Long> storedEvidence = new HashMap<>();
      for (List<String> chunk : Chunks.of(idList, FeedReplacement.BATCH)) {
        h.createQuery("SELECT " + STATE + " FROM findings WHERE advisory_id IN (<ids>)")
            .bindList("ids", chunk)
            .map((rs, ctx) -> state(rs, 1, storedEvidence))
            .forEach(before::add);
      }
      return write(h, at, FindingLifecycle.plan(before, findings, Closing.retracted()), storedEvidence);
    });
  }

  @Override
  public List<TrackedFinding> markNotAffected(FindingKey key, FindingMark mark) {
    return jdbi.inTransaction(h -> {
      bindUserKey(h.createUpdate("UPDATE findings SET not_affected_reason = :reason, not_affected_by = :by, "
          + "not_affected_at = :at WHERE " + USER_KEY_MATCHES), key)
          .bind("reason", mark.reason()).bind("by", mark.by()).bind("at", SqlTime.format(mark.at()))
          .execute();
      return withKey(h, key);
    });
  }

  @Override
  public List<TrackedFinding> clearMark(FindingKey key) {
    return jdbi.inTransaction(h -> {
      bindUserKey(h.createUpdate("UPDATE findings SET not_affected_reason = '', not_affected_by = '', "
          + "not_affected_at = NULL WHERE " + USER_KEY_MATCHES), key)
          .execute();
      return withKey(h, key);
    });
  }

  private static List<TrackedFinding> withKey(Handle h, FindingKey key) {
    return bindUserKey(h.createQuery("SELECT " + COLUMNS + " FROM " + FINDINGS + " WHERE " + USER_KEY_MATCHES
            + " ORDER BY feed_source"),
        key)
        .map((rs, ctx) -> tracked(rs))
        .list();
  }

  private static <T extends SqlStatement<T>> T bindUserKey(T statement, FindingKey key) {
    return statement.bind("asset", key.assetName()).bind("eco", key.ecosystem()).bind("pkg", key.packageName())
        .bind("adv", key.advisoryId());
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
    return jdbi.inTransaction(h -> {
      Set<String> assets = new TreeSet<>();
      findings.forEach(f -> assets.add(f.assetName()));
      requireAssets(h, assets);
      List<FindingState> before = new ArrayList<>();
      Map<FindingId, Long> storedEvidence = new HashMap<>();
      String select = "SELECT " + STATE + " FROM findings WHERE feed_source = :feed";
      if (ids == null) {
        h.createQuery(select).bind("feed", feedSource).map((rs, ctx) -> state(rs, 1, storedEvidence))
            .forEach(before::add);
      } else {
        for (List<String> chunk : Chunks.of(ids, FeedReplacement.BATCH)) {
          h.createQuery(select + " AND advisory_id IN (<ids>)").bind("feed", feedSource).bindList("ids", chunk)
              .map((rs, ctx) -> state(rs, 1, storedEvidence))
              .forEach(before::add);
        }
      }
      return write(h, at, FindingLifecycle.plan(before, findings, Closing.retracted()), storedEvidence);
    });
  }

  /**
   * {@inheritDoc} Within one package and advisory, ordered by ecosystem and feed. The rows stream
   * from the database {@value CursorRead#FETCH_SIZE} at a time.
   */
  @Override
  public List<TrackedFinding> list(FindingFilter filter) {
    String sql = listSql(filter, dialect);
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
      if (filter.status() == FindingStatus.FIXED || filter.status() == FindingStatus.RETRACTED) {
        q.bind("status", filter.status().name());
      }
      try (Stream<TrackedFinding> rows = q.map((rs, ctx) -> tracked(rs)).stream()) {
        return rows.toList();
      }
    });
  }

  /** The query {@link #list} runs for {@code filter}. */
  static String listSql(FindingFilter filter, Dialect dialect) {
    List<String> where = new ArrayList<>();
    if (filter.assetName() != null) {
      where.add("f.asset_name = :asset");
    }
    if (filter.packageName() != null) {
      // each branch as an index takes it: findings_package, and finding_evidence_matched_name then findings_evidence
      where.add("(f.package_name = :pkg OR f.evidence_id IN (SELECT id FROM finding_evidence WHERE matched_name = :pkg))");
    }
    if (filter.advisory() != null) {
      where.add("(f.advisory_id = :adv OR " + FindingAliasIndex.carriesAlias(dialect, "f", "%s = :adv") + ")");
    }
    if (filter.status() == FindingStatus.NOT_AFFECTED) {
      where.add("f.status = 'OPEN' AND f.not_affected_at IS NOT NULL");
    } else if (filter.status() == FindingStatus.OPEN) {
      where.add("f.status = 'OPEN' AND f.not_affected_at IS NULL");
    } else if (filter.status() != null) {
      // "<> 'OPEN'" as the partial index findings_closed (V32) says it, so that SQLite takes the index
      where.add("f.status = :status AND f.status <> 'OPEN'");
    }
    return "SELECT " + COLUMNS + " FROM " + FINDINGS
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY f.asset_name, f.package_name, f.advisory_id, f.ecosystem, f.feed_source";
  }

  /** {@inheritDoc} One query per {@value FeedReplacement#BATCH} assets. */
  @Override
  public List<TrackedFinding> listOf(Collection<String> assetNames) {
    List<String> names = List.copyOf(new TreeSet<>(assetNames));
    List<TrackedFinding> out = new ArrayList<>();
    return CursorRead.run(jdbi, dialect, h -> {
      for (List<String> chunk : Chunks.of(names, FeedReplacement.BATCH)) {
        try (Stream<TrackedFinding> rows = h.createQuery("SELECT " + COLUMNS + " FROM " + FINDINGS + " WHERE f.asset_name IN (<names>)"
                + " ORDER BY f.asset_name, f.package_name, f.advisory_id, f.ecosystem, f.feed_source")
            .bindList("names", chunk)
            .setFetchSize(CursorRead.FETCH_SIZE)
            .map((rs, ctx) -> tracked(rs))
            .stream()) {
          rows.forEach(out::add);
        }
      }
      return out;
    });
  }

  @Override
  public Map<String, List<TrackedFinding>> openFindings(Collection<String> assetNames) {
    List<String> names = List.copyOf(new TreeSet<>(assetNames));
    Map<String, List<TrackedFinding>> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, new ArrayList<>()));
    return CursorRead.run(jdbi, dialect, h -> {
      for (List<String> chunk : Chunks.of(names, FeedReplacement.BATCH)) {
        try (Stream<TrackedFinding> rows = h.createQuery("SELECT " + COLUMNS + " FROM " + FINDINGS + " WHERE f.status = 'OPEN'"
                + " AND f.asset_name IN (<names>)"
                + " ORDER BY f.asset_name, f.package_name, f.advisory_id, f.ecosystem, f.feed_source")
            .bindList("names", chunk)
            .setFetchSize(CursorRead.FETCH_SIZE)
            .map((rs, ctx) -> tracked(rs))
            .stream()) {
          rows.forEach(t -> out.get(t.finding().assetName()).add(t));
        }
      }
      return out;
    });
  }

  /**
   * {@inheritDoc} One aggregate query per {@value FeedReplacement#BATCH} assets, the KEV ids bound
   * as a list and matched against advisory ids and aliases ({@link FindingAliasIndex}); a KEV list too long
   * for one statement's parameters is matched in Java over the findings read back.
   */
  @Override
  public Map<String, OpenCount> openCounts(Collection<String> assetNames, Set<String> kevIds) {
    if (kevIds.size() > MAX_KEV_PARAMETERS) {
      return FindingStore.super.openCounts(assetNames, kevIds);
    }
    List<String> names = List.copyOf(new TreeSet<>(assetNames));
    List<String> kev = List.copyOf(new TreeSet<>(kevIds));
    String listed = kev.isEmpty() ? "f.feed_source = :kevSource"
        : "f.feed_source = :kevSource OR f.advisory_id IN (<kev>) OR "
            + FindingAliasIndex.carriesAlias(dialect, "f", "%s IN (<kev>)");
    Map<String, OpenCount> out = new LinkedHashMap<>();
    return jdbi.withHandle(h -> {
      for (List<String> chunk : Chunks.of(names, FeedReplacement.BATCH)) {
        Query q = h.createQuery("SELECT f.asset_name, COUNT(*) AS open_count,"
                + " SUM(CASE WHEN f.not_affected_at IS NOT NULL THEN 1 ELSE 0 END) AS marked,"
                + " SUM(CASE WHEN " + listed + " THEN 1 ELSE 0 END) AS kev"
                + " FROM findings f WHERE f.status = 'OPEN' AND f.asset_name IN (<names>) GROUP BY f.asset_name")
            .bindList("names", chunk)
            .bind("kevSource", KevStore.SOURCE);
        if (!kev.isEmpty()) {
          q.bindList("kev", kev);
        }
        q.map((rs, ctx) -> Map.entry(rs.getString("asset_name"),
                new OpenCount(rs.getInt("open_count"), rs.getInt("marked"), rs.getInt("kev"))))
            .forEach(e -> out.put(e.getKey(), e.getValue()));
      }
      return out;
    });
  }

  /**
   * Writes the plans' rows (of distinct findings) in the handle's transaction; returns each plan's
   * counts. First the rows of their evidence ({@link FindingEvidenceRows}), then inserts, updates of
   * the findings found again, closes; last, the evidence rows no finding refers to any more. PostgreSQL
   * takes whole chunks of rows per statement ({@link PostgresFindingWrites}); SQLite, whose
   * statements cost no round trip, takes JDBC batches.
   *
   * @param storedEvidence the evidence rows the findings that the plans update refer to before the write
   */
  private List<FindingsUpdate> write(Handle h, Instant at, List<FindingLifecycle.Plan> plans,
      Map<FindingId, Long> storedEvidence) {
    FindingAliasIndex.Pending aliases = aliasIndex.pending();
    Map<Finding, FindingEvidence> evidence = new IdentityHashMap<>();
    for (FindingLifecycle.Plan plan : plans) {
      plan.inserts().forEach(i -> evidence.put(i.finding(), evidenceOf(i.finding(), aliases)));
      plan.refreshes().forEach(u -> evidence.put(u.finding(), evidenceOf(u.finding(), aliases)));
      plan.reopens().forEach(u -> evidence.put(u.finding(), evidenceOf(u.finding(), aliases)));
    }
    try {
      Connection c = h.getConnection();
      Map<FindingEvidence, Long> rows = FindingEvidenceRows.ids(c, dialect, new HashSet<>(evidence.values()));
      ToLongFunction<Finding> rowOf = f -> rows.get(evidence.get(f));
      Set<Long> replaced = new HashSet<>();
      for (FindingLifecycle.Plan plan : plans) {
        for (List<FindingLifecycle.Update> updates : List.of(plan.refreshes(), plan.reopens())) {
          for (FindingLifecycle.Update u : updates) {
            Long before = storedEvidence.get(u.id());
            if (before != null && before != rowOf.applyAsLong(u.finding())) {
              replaced.add(before);
            }
          }
        }
      }
      if (dialect == Dialect.POSTGRESQL) {
        for (FindingLifecycle.Plan plan : plans) {
          PostgresFindingWrites.write(c, SqlTime.format(at), plan, rowOf);
        }
      } else {
        try (Writes w = new Writes(c, SqlTime.format(at))) {
          for (FindingLifecycle.Plan plan : plans) {
            for (FindingLifecycle.Insert i : plan.inserts()) {
              w.insert(i, rowOf.applyAsLong(i.finding()));
            }
            for (FindingLifecycle.Update u : plan.refreshes()) {
              w.refresh(u.id(), rowOf.applyAsLong(u.finding()), storedEvidence.get(u.id()));
            }
            for (FindingLifecycle.Update u : plan.reopens()) {
              w.reopen(u.id(), rowOf.applyAsLong(u.finding()));
            }
            for (FindingId id : plan.closes()) {
              w.close(id, plan.closing());
            }
          }
          w.flush();
        }
      }
      aliases.write(h);
      FindingEvidenceRows.sweep(c, dialect, replaced);
    } catch (SQLException e) {
      throw new UnableToWriteFindings(e);
    }
    return plans.stream().map(FindingLifecycle.Plan::counts).toList();
  }

  private FindingsUpdate write(Handle h, Instant at, FindingLifecycle.Plan plan, Map<FindingId, Long> storedEvidence) {
    return write(h, at, List.of(plan), storedEvidence).get(0);
  }

  /** A finding's evidence; its aliases go to the alias index. */
  private static FindingEvidence evidenceOf(Finding f, FindingAliasIndex.Pending aliases) {
    FindingAliasIndex.AliasSet set = aliasSet(f);
    aliases.add(set);
    return FindingEvidence.of(f, set.json());
  }

  /** A JDBC failure while writing findings, unchecked as Jdbi's own are. */
  private static final class UnableToWriteFindings extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnableToWriteFindings(SQLException cause) {
      super("writing findings: " + cause.getMessage(), cause);
    }
  }

  /**
   * The pending batches of one call, executed together whenever one of them is full. Plain JDBC
   * statements, prepared once per call and bound by position: a fleet import writes a hundred
   * thousand finding rows, and binding each by name through Jdbi cost more than SQLite's own inserts.
   */
  private static final class Writes implements AutoCloseable {
    /** The statements, in the order their batches execute. */
    private static final int INSERT = 0;
    private static final int REFRESH = 1;
    private static final int REFRESH_SAME_EVIDENCE = 2;
    private static final int REOPEN = 3;
    private static final int CLOSE = 4;
    private static final String[] SQL = {
      """
      INSERT INTO findings (asset_name, ecosystem, package_name, advisory_id, feed_source, evidence_id,
        status, first_seen, last_seen, closed_at, fixed_by_revision,
        not_affected_reason, not_affected_by, not_affected_at)
      VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, NULL, 0, ?, ?, ?)
      """,
      // an open finding found again: its status and closing columns stay as they are, so that
      // SQLite leaves their index entries alone (an assigned column's index entries are rewritten
      // even when the value is the same: 90,000 refreshes, ~0.1 s)
      "UPDATE findings SET evidence_id = ?, last_seen = ? WHERE " + POSITIONAL_KEY_MATCHES,
      // the same, found on the same evidence: findings_evidence is left alone too
      "UPDATE findings SET last_seen = ? WHERE " + POSITIONAL_KEY_MATCHES,
      // first_seen is never written here: a finding found again, even after it was fixed or
      // retracted, keeps the time its exposure was first known.
      """
      UPDATE findings SET evidence_id = ?, status = 'OPEN', last_seen = ?, closed_at = NULL, fixed_by_revision = 0
      WHERE""" + " " + POSITIONAL_KEY_MATCHES,
      "UPDATE findings SET status = ?, closed_at = ?, fixed_by_revision = ? WHERE " + POSITIONAL_KEY_MATCHES
          + " AND status = 'OPEN'"
    };
    private final Connection connection;
    private final String at;
    /** Prepared on first use: a rescan that changes nothing prepares none. */
    private final PreparedStatement[] statements = new PreparedStatement[SQL.length];
    private int pending;

    Writes(Connection connection, String at) {
      this.connection = connection;
      this.at = at;
    }

    private PreparedStatement statement(int kind) throws SQLException {
      if (statements[kind] == null) {
        statements[kind] = connection.prepareStatement(SQL[kind]);
      }
      return statements[kind];
    }

    void insert(FindingLifecycle.Insert i, long evidence) throws SQLException {
      FindingMark mark = i.inheritedMark();
      PreparedStatement insert = statement(INSERT);
      int n = bindKey(insert, 1, FindingId.of(i.finding()));
      insert.setLong(n++, evidence);
      insert.setString(n++, at);
      insert.setString(n++, at);
      insert.setString(n++, mark == null ? "" : mark.reason());
      insert.setString(n++, mark == null ? "" : mark.by());
      insert.setString(n, mark == null ? null : SqlTime.format(mark.at()));
      insert.addBatch();
      added();
    }

    /** @param before the evidence row the finding refers to now, or null when not known */
    void refresh(FindingId k, long evidence, Long before) throws SQLException {
      boolean same = before != null && before == evidence;
      PreparedStatement update = statement(same ? REFRESH_SAME_EVIDENCE : REFRESH);
      int n = 1;
      if (!same) {
        update.setLong(n++, evidence);
      }
      update.setString(n++, at);
      bindKey(update, n, k);
      update.addBatch();
      added();
    }

    void reopen(FindingId k, long evidence) throws SQLException {
      PreparedStatement update = statement(REOPEN);
      update.setLong(1, evidence);
      update.setString(2, at);
      bindKey(update, 3, k);
      update.addBatch();
      added();
    }

    void close(FindingId k, Closing closing) throws SQLException {
      PreparedStatement close = statement(CLOSE);
      close.setString(1, closing.status().name());
      close.setString(2, at);
      close.setInt(3, closing.revision());
      bindKey(close, 4, k);
      close.addBatch();
      added();
    }

    /** Binds a finding's key from parameter {@code n} on; returns the next parameter's index. */
    private static int bindKey(PreparedStatement s, int n, FindingId k) throws SQLException {
      s.setString(n++, k.assetName());
      s.setString(n++, k.ecosystem());
      s.setString(n++, k.packageName());
      s.setString(n++, k.advisoryId());
      s.setString(n++, k.feedSource());
      return n;
    }

    private void added() throws SQLException {
      if (++pending >= FeedReplacement.BATCH) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (pending == 0) {
        return;
      }
      for (PreparedStatement s : statements) {
        if (s != null) {
          s.executeBatch();
        }
      }
      pending = 0;
    }

    @Override
    public void close() throws SQLException {
      SQLException failed = null;
      for (PreparedStatement s : statements) {
        try {
          if (s != null) {
            s.close();
          }
        } catch (SQLException e) {
          failed = failed == null ? e : failed;
        }
      }
      if (failed != null) {
        throw failed;
      }
    }
  }

  /** An advisory's aliases as one of its findings carries them. */
  private record Carried(String advisoryId, String feedSource, Set<String> aliases) {}

  /** Alias sets written, by advisory and aliases: a fleet's findings of one advisory share one. */
  private static final BoundedMemo<Carried, FindingAliasIndex.AliasSet> ALIAS_JSON = new BoundedMemo<>(20_000);

  /**
   * A finding's aliases as the {@code aliases} column holds them (sorted, as JSON), and as the alias
   * index takes them; written once per advisory and set rather than once per finding.
   */
  static FindingAliasIndex.AliasSet aliasSet(Finding f) {
    return ALIAS_JSON.get(new Carried(f.advisoryId(), f.feedSource(), f.aliases()), k -> {
      TreeSet<String> aliases = new TreeSet<>(k.aliases());
      return new FindingAliasIndex.AliasSet(k.advisoryId(), k.feedSource(), RecordJson.write(aliases),
          Collections.unmodifiableSortedSet(aliases));
    });
  }

  /**
   * The tracked state of each asset's findings (any status), read a batch of assets at a time.
   *
   * @param storedEvidence gets each finding's evidence row
   * @throws NoSuchElementException when an asset does not exist
   */
  private static Map<String, List<FindingState>> assetsFindings(Handle h, List<String> assetNames,
      Map<FindingId, Long> storedEvidence) {
    Map<String, List<FindingState>> states = new HashMap<>();
    for (List<String> chunk : Chunks.of(assetNames, FeedReplacement.BATCH)) {
      h.createQuery("SELECT a.name AS the_asset, f." + STATE.replace(", ", ", f.")
              + " FROM assets a LEFT JOIN findings f ON f.asset_name = a.name WHERE a.name IN (<names>)")
          .bindList("names", chunk)
          .map((rs, ctx) -> {
            List<FindingState> of = states.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
            // a row without the finding's asset is the asset's row joined to no finding
            String asset = rs.getString(2);
            if (asset != null) {
              of.add(state(rs, 2, asset, storedEvidence));
            }
            return asset;
          })
          .forEach(asset -> {});
    }
    List<String> missing = assetNames.stream().filter(n -> !states.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw noSuchAssets(missing);
    }
    return states;
  }

  /** "no asset named 'a', 'b' (and 3 more)": the first ten of {@code missing}. */
  static NoSuchElementException noSuchAssets(Collection<String> missing) {
    return new NoSuchElementException("no asset named " + String.join(", ", missing.stream().limit(10)
        .map(n -> "'" + n + "'").toList()) + (missing.size() > 10 ? " (and " + (missing.size() - 10) + " more)" : ""));
  }

  private static void requireAssets(Handle h, Set<String> names) {
    Set<String> missing = new TreeSet<>(names);
    for (List<String> chunk : Chunks.of(List.copyOf(names), FeedReplacement.BATCH)) {
      h.createQuery("SELECT name FROM assets WHERE name IN (<names>)")
          .bindList("names", chunk)
          .mapTo(String.class)
          .forEach(missing::remove);
    }
    if (!missing.isEmpty()) {
      throw noSuchAssets(missing);
    }
  }

  /**
   * The state of a row read as {@link #STATE} lists its columns, the first at column {@code first}:
   * by position, as a re-import reads every finding of the fleet, and a lookup by name costs a search
   * of the result's columns per value. Its evidence row goes to {@code storedEvidence}.
   */
  private static FindingState state(ResultSet rs, int first, Map<FindingId, Long> storedEvidence) throws SQLException {
    return state(rs, first, rs.getString(first), storedEvidence);
  }

  /** As {@link #state(ResultSet, int, Map)}, the first column ({@code asset_name}) read already. */
  private static FindingState state(ResultSet rs, int first, String assetName, Map<FindingId, Long> storedEvidence)
      throws SQLException {
    FindingId id = new FindingId(assetName, rs.getString(first + 1), rs.getString(first + 2),
        rs.getString(first + 3), rs.getString(first + 4));
    String markedAt = rs.getString(first + 9);
    FindingMark mark = markedAt == null ? null
        : new FindingMark(rs.getString(first + 7), rs.getString(first + 8), SqlTime.instant(markedAt));
    storedEvidence.put(id, rs.getLong(first + 10));
    return new FindingState(id, FindingStatus.valueOf(rs.getString(first + 5)),
        SqlTime.instant(rs.getString(first + 6)), mark);
  }

  /** Alias sets read, by their JSON: the findings of one advisory carry the same set on every asset. */
  private static final BoundedMemo<String, Set<String>> ALIAS_SETS = new BoundedMemo<>(20_000);

  /** The aliases a column's JSON array names, as a set shared with other rows holding the same text. */
  static Set<String> aliases(String json) {
    return ALIAS_SETS.get(json, j -> Set.of(RecordJson.read(j, String[].class)));
  }

  /** The row's not-affected mark, or null. */
  private static FindingMark mark(ResultSet rs) throws SQLException {
    String at = rs.getString("not_affected_at");
    return at == null ? null
        : new FindingMark(rs.getString("not_affected_reason"), rs.getString("not_affected_by"), SqlTime.instant(at));
  }

  static TrackedFinding tracked(ResultSet rs) throws SQLException {
    InstalledPackage installed = new InstalledPackage(rs.getString("ecosystem"), rs.getString("package_name"),
        rs.getString("package_version"), rs.getString("source_name"), rs.getString("source_version"),
        rs.getString("architecture"), rs.getString("purl"));
    Finding finding = new Finding(rs.getString("asset_name"), installed, rs.getString("advisory_id"),
        aliases(rs.getString("aliases")), rs.getString("feed_source"),
        rs.getString("advisory_ecosystem"), rs.getString("matched_name"), rs.getString("matched_version"),
        AffectedStatus.valueOf(rs.getString("affected_status")), rs.getString("affected_range"),
        rs.getString("fixed_version"), Confidence.valueOf(rs.getString("confidence")));
    FindingStatus status = FindingStatus.valueOf(rs.getString("status"));
    FindingMark mark = mark(rs);
    boolean notAffected = status == FindingStatus.OPEN && mark != null;
    return new TrackedFinding(finding, notAffected ? FindingStatus.NOT_AFFECTED : status,
        SqlTime.instant(rs.getString("first_seen")), SqlTime.instant(rs.getString("last_seen")),
        notAffected ? mark.at() : SqlTime.instant(rs.getString("closed_at")), rs.getInt("fixed_by_revision"), mark);
  }
}
