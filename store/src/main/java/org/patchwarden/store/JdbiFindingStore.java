package org.patchwarden.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
import org.jdbi.v3.core.statement.SqlStatement;
import org.patchwarden.advisory.AffectedStatus;
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
import org.patchwarden.match.TrackedFinding;

/**
 * Findings in the {@code findings} table, one row per asset, installed package (ecosystem and name),
 * advisory id and feed; {@code finding_aliases} repeats each finding's aliases for lookups by alias.
 *
 * <p>Each call runs in one transaction: it reads the state of the findings it may touch (one asset's
 * for a scan, the named advisories' for a re-match), asks {@link FindingLifecycle} for the plan, and
 * writes it in JDBC batches of {@value FeedReplacement#BATCH} rows. Memory follows the findings of
 * that asset or those advisories, never the whole table. A not-affected mark is stored as columns
 * the lifecycle never writes; an OPEN row with a mark reads as NOT_AFFECTED.
 */
final class JdbiFindingStore implements FindingStore {
  private static final String KEY = "asset_name, ecosystem, package_name, advisory_id, feed_source";
  private static final String KEY_MATCHES =
      "asset_name = :asset AND ecosystem = :eco AND package_name = :pkg AND advisory_id = :adv AND feed_source = :feed";
  private static final String USER_KEY_MATCHES =
      "asset_name = :asset AND ecosystem = :eco AND package_name = :pkg AND advisory_id = :adv";
  private static final String STATE = KEY + ", status, first_seen, aliases, not_affected_reason, not_affected_by, "
      + "not_affected_at";
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiFindingStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
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
    return jdbi.inTransaction(h -> {
      requireAssets(h, Set.of(assetName));
      List<FindingState> before = h.createQuery("SELECT " + STATE + " FROM findings WHERE asset_name = :asset")
          .bind("asset", assetName)
          .map((rs, ctx) -> state(rs))
          .list();
      JdbiMatchBacklog.matchComplete(h, assetName, inventoryRevision);
      return write(h, at, FindingLifecycle.plan(before, findings, Closing.fixedBy(inventoryRevision)));
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
      for (List<String> chunk : chunks(idList)) {
        h.createQuery("SELECT " + STATE + " FROM findings WHERE advisory_id IN (<ids>)")
            .bindList("ids", chunk)
            .map((rs, ctx) -> state(rs))
            .forEach(before::add);
      }
      return write(h, at, FindingLifecycle.plan(before, findings, Closing.retracted()));
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
    return bindUserKey(h.createQuery("SELECT * FROM findings WHERE " + USER_KEY_MATCHES + " ORDER BY feed_source"),
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
      String select = "SELECT " + STATE + " FROM findings WHERE feed_source = :feed";
      if (ids == null) {
        h.createQuery(select).bind("feed", feedSource).map((rs, ctx) -> state(rs)).forEach(before::add);
      } else {
        for (List<String> chunk : chunks(ids)) {
          h.createQuery(select + " AND advisory_id IN (<ids>)").bind("feed", feedSource).bindList("ids", chunk)
              .map((rs, ctx) -> state(rs))
              .forEach(before::add);
        }
      }
      return write(h, at, FindingLifecycle.plan(before, findings, Closing.retracted()));
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
    if (filter.status() == FindingStatus.NOT_AFFECTED) {
      where.add("f.status = 'OPEN' AND f.not_affected_at IS NOT NULL");
    } else if (filter.status() == FindingStatus.OPEN) {
      where.add("f.status = 'OPEN' AND f.not_affected_at IS NULL");
    } else if (filter.status() != null) {
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
      if (filter.status() == FindingStatus.FIXED || filter.status() == FindingStatus.RETRACTED) {
        q.bind("status", filter.status().name());
      }
      try (Stream<TrackedFinding> rows = q.map((rs, ctx) -> tracked(rs)).stream()) {
        return rows.toList();
      }
    });
  }

  /** {@inheritDoc} One query per {@value FeedReplacement#BATCH} assets. */
  @Override
  public Map<String, List<TrackedFinding>> openFindings(Collection<String> assetNames) {
    List<String> names = List.copyOf(new TreeSet<>(assetNames));
    Map<String, List<TrackedFinding>> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, new ArrayList<>()));
    return CursorRead.run(jdbi, dialect, h -> {
      for (List<String> chunk : chunks(names)) {
        try (Stream<TrackedFinding> rows = h.createQuery("SELECT f.* FROM findings f WHERE f.status = 'OPEN'"
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

  /** Writes the plan: inserts, then updates of the findings found again, then closes. */
  private static FindingsUpdate write(Handle h, Instant at, FindingLifecycle.Plan plan) {
    Writes w = new Writes(h, SqlTime.format(at));
    plan.inserts().forEach(w::insert);
    plan.refreshes().forEach(w::update);
    plan.reopens().forEach(w::update);
    plan.closes().forEach(id -> w.close(id, plan.closing()));
    w.flush();
    return plan.counts();
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
            status, first_seen, last_seen, closed_at, fixed_by_revision,
            not_affected_reason, not_affected_by, not_affected_at)
          VALUES (:asset, :eco, :pkg, :adv, :feed,
            :version, :srcName, :srcVersion, :arch, :purl, :aliases, :advEco,
            :matchedName, :matchedVersion, :affected, :range, :fixedVersion, :confidence,
            'OPEN', :at, :at, NULL, 0, :markReason, :markBy, :markAt)
          """);
      // first_seen is never written here: a finding found again, even after it was fixed or
      // retracted, keeps the time its exposure was first known.
      update = h.prepareBatch("""
          UPDATE findings SET
            package_version = :version, source_name = :srcName, source_version = :srcVersion,
            architecture = :arch, purl = :purl, aliases = :aliases, advisory_ecosystem = :advEco,
            matched_name = :matchedName, matched_version = :matchedVersion, affected_status = :affected,
            affected_range = :range, fixed_version = :fixedVersion, confidence = :confidence,
            status = 'OPEN', last_seen = :at, closed_at = NULL, fixed_by_revision = 0
          WHERE""" + " " + KEY_MATCHES);
      deleteAliases = h.prepareBatch("DELETE FROM finding_aliases WHERE " + KEY_MATCHES);
      insertAliases = h.prepareBatch("INSERT INTO finding_aliases (" + KEY + ", alias) "
          + "VALUES (:asset, :eco, :pkg, :adv, :feed, :alias)");
      close = h.prepareBatch("UPDATE findings SET status = :status, closed_at = :at, fixed_by_revision = :rev "
          + "WHERE " + KEY_MATCHES + " AND status = 'OPEN'");
    }

    void insert(FindingLifecycle.Insert i) {
      Finding f = i.finding();
      FindingId k = FindingId.of(f);
      FindingMark mark = i.inheritedMark();
      evidence(bindKey(insert, k), f, aliasesJson(f))
          .bind("markReason", mark == null ? "" : mark.reason())
          .bind("markBy", mark == null ? "" : mark.by())
          .bind("markAt", mark == null ? null : SqlTime.format(mark.at()))
          .add();
      addAliases(k, f);
      flushIfFull();
    }

    void update(FindingLifecycle.Update u) {
      Finding f = u.finding();
      FindingId k = u.id();
      evidence(bindKey(update, k), f, aliasesJson(f)).add();
      if (u.aliasesChanged()) {
        bindKey(deleteAliases, k).add();
        addAliases(k, f);
      }
      flushIfFull();
    }

    void close(FindingId k, Closing closing) {
      bindKey(close, k).bind("status", closing.status().name()).bind("at", at).bind("rev", closing.revision()).add();
      flushIfFull();
    }

    private void addAliases(FindingId k, Finding f) {
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

  private static PreparedBatch bindKey(PreparedBatch b, FindingId k) {
    return b.bind("asset", k.assetName()).bind("eco", k.ecosystem()).bind("pkg", k.packageName())
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

  private static FindingState state(ResultSet rs) throws SQLException {
    return new FindingState(new FindingId(rs.getString("asset_name"), rs.getString("ecosystem"),
        rs.getString("package_name"), rs.getString("advisory_id"), rs.getString("feed_source")),
        FindingStatus.valueOf(rs.getString("status")), SqlTime.instant(rs.getString("first_seen")),
        Set.of(RecordJson.read(rs.getString("aliases"), String[].class)), mark(rs));
  }

  /** The row's not-affected mark, or null. */
  private static FindingMark mark(ResultSet rs) throws SQLException {
    String at = rs.getString("not_affected_at");
    return at == null ? null
        : new FindingMark(rs.getString("not_affected_reason"), rs.getString("not_affected_by"), SqlTime.instant(at));
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
    FindingStatus status = FindingStatus.valueOf(rs.getString("status"));
    FindingMark mark = mark(rs);
    boolean notAffected = status == FindingStatus.OPEN && mark != null;
    return new TrackedFinding(finding, notAffected ? FindingStatus.NOT_AFFECTED : status,
        SqlTime.instant(rs.getString("first_seen")), SqlTime.instant(rs.getString("last_seen")),
        notAffected ? mark.at() : SqlTime.instant(rs.getString("closed_at")), rs.getInt("fixed_by_revision"), mark);
  }
}
