package org.patchwarden.store;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.patchwarden.assess.AssessmentIndex;
import org.patchwarden.finding.FindingId;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/**
 * The assessment index in {@code assessment_index} (see V18 for how the sort keys are encoded); a
 * page joins its rows back to {@code findings} and their evidence for the findings themselves.
 */
final class JdbiAssessmentIndex implements AssessmentIndex {
  private static final HexFormat HEX = HexFormat.of();
  private static final String URGENCY =
      "x.tier_rank, x.due_day, x.kev_rank, x.mission_rank, x.criticality, x.epss_key, x.cvss_key, x.finding_key";
  /** After the finding key, the order {@code FindingStore.list} reads findings in (a stable sort keeps it). */
  private static final String IDENTITY = "x.asset_name, x.package_name, x.advisory_id, x.ecosystem, x.feed_source";
  private static final String INSERT = "INSERT INTO assessment_index (asset_name, ecosystem, package_name, "
      + "advisory_id, feed_source, status, tier, tier_rank, due_day, kev_rank, mission_rank, criticality, epss_key, "
      + "cvss_key, finding_key, asset_key, owner_team, first_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String BUMP = "UPDATE assessment_index_generation SET generation = generation + 1 WHERE id = 1";
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiAssessmentIndex(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public List<TrackedFinding> page(Query q) {
    if (q.teams() != null && q.teams().isEmpty()) {
      return List.of();
    }
    String order = order(q);
    // NB: the page's keys first, then the findings: joining before the LIMIT would make the
    // planner consider reading findings for every skipped row.
    String sql = "SELECT " + JdbiFindingStore.COLUMNS + " FROM (SELECT " + IDENTITY + ", " + URGENCY + ", x.first_day, x.asset_key"
        + " FROM assessment_index x" + where(q) + " ORDER BY " + order + ", " + IDENTITY
        + " LIMIT :limit OFFSET :offset) x JOIN findings f ON f.asset_name = x.asset_name AND f.ecosystem = x.ecosystem"
        + " AND f.package_name = x.package_name AND f.advisory_id = x.advisory_id AND f.feed_source = x.feed_source"
        + " JOIN finding_evidence e ON e.id = f.evidence_id"
        + " ORDER BY " + order + ", " + IDENTITY;
    return jdbi.withHandle(h -> bind(h.createQuery(sql), q).bind("limit", q.limit()).bind("offset", q.offset())
        .map((rs, ctx) -> JdbiFindingStore.tracked(rs)).list());
  }

  private static String order(Query q) {
    return switch (q.order()) {
      case URGENCY -> URGENCY;
      case DUE -> "x.due_day, " + URGENCY;
      case FIRST_SEEN -> "x.first_day, " + URGENCY;
      case ASSET -> "x.asset_key, " + URGENCY;
    };
  }

  @Override
  public List<FindingId> identities(Query q) {
    if (q.teams() != null && q.teams().isEmpty()) {
      return List.of();
    }
    String sql = "SELECT " + IDENTITY + " FROM assessment_index x" + where(q) + " ORDER BY " + order(q) + ", " + IDENTITY;
    // a listing repeats its ecosystems, sources, packages and advisories: one string each
    java.util.Map<String, String> same = new java.util.HashMap<>();
    return jdbi.withHandle(h -> bind(h.createQuery(sql), q).map((rs, ctx) -> new FindingId(rs.getString(1),
        same.computeIfAbsent(rs.getString(4), k -> k), same.computeIfAbsent(rs.getString(2), k -> k),
        same.computeIfAbsent(rs.getString(3), k -> k), same.computeIfAbsent(rs.getString(5), k -> k))).list());
  }

  @Override
  public List<TrackedFinding> findings(List<FindingId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    // an OR of primary-key matches: both databases read each by the primary key's index
    StringBuilder sql = new StringBuilder("SELECT " + JdbiFindingStore.COLUMNS + " FROM " + JdbiFindingStore.FINDINGS + " WHERE ");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("(f.asset_name = ? AND f.ecosystem = ? AND f.package_name = ?"
          + " AND f.advisory_id = ? AND f.feed_source = ?)");
    }
    java.util.Map<FindingId, TrackedFinding> found = new java.util.HashMap<>();
    jdbi.useHandle(h -> {
      var query = h.createQuery(sql.toString());
      int n = 0;
      for (FindingId id : ids) {
        query.bind(n++, id.assetName()).bind(n++, id.ecosystem()).bind(n++, id.packageName())
            .bind(n++, id.advisoryId()).bind(n++, id.feedSource());
      }
      query.map((rs, ctx) -> JdbiFindingStore.tracked(rs)).forEach(t -> found.put(FindingId.of(t.finding()), t));
    });
    return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
  }

  @Override
  public long count(Query q) {
    if (q.teams() != null && q.teams().isEmpty()) {
      return 0;
    }
    return jdbi.withHandle(h -> bind(h.createQuery("SELECT COUNT(*) FROM assessment_index x" + where(q)), q)
        .mapTo(Long.class).one());
  }

  private String where(Query q) {
    List<String> where = new ArrayList<>();
    if (q.tier() != null) {
      where.add("x.tier = :tier");
    }
    if (q.team() != null) {
      where.add("x.owner_team = :team");
    }
    if (q.teams() != null) {
      where.add("x.owner_team IN (<teams>)");
    }
    if (q.status() != null) {
      where.add("x.status = :status");
    }
    if (q.kev() != null) {
      where.add("x.kev_rank = :kevRank");
    }
    if (q.asset() != null) {
      where.add("x.asset_name = :asset");
    }
    if (q.cve() != null) {
      where.add("(x.advisory_id = :cve OR EXISTS (SELECT 1 FROM findings f WHERE f.asset_name = x.asset_name"
          + " AND f.ecosystem = x.ecosystem AND f.package_name = x.package_name AND f.advisory_id = x.advisory_id"
          + " AND f.feed_source = x.feed_source AND " + FindingAliasIndex.carriesAlias(dialect, "f", "%s = :cve")
          + "))");
    }
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }

  private static <T extends SqlStatement<T>> T bind(T s, Query q) {
    if (q.tier() != null) {
      s.bind("tier", q.tier());
    }
    if (q.team() != null) {
      s.bind("team", q.team());
    }
    if (q.teams() != null) {
      s.bindList("teams", List.copyOf(new TreeSet<>(q.teams())));
    }
    if (q.status() != null) {
      s.bind("status", q.status().name());
    }
    if (q.kev() != null) {
      s.bind("kevRank", q.kev() ? 0 : 1);
    }
    if (q.asset() != null) {
      s.bind("asset", q.asset());
    }
    if (q.cve() != null) {
      s.bind("cve", q.cve());
    }
    return s;
  }

  @Override
  public void replace(Collection<String> assetNames, List<Entry> entries) {
    List<String> names = List.copyOf(new TreeSet<>(assetNames));
    for (Entry e : entries) {
      if (!names.contains(e.id().assetName())) {
        throw new IllegalArgumentException("assessment index: a replacement of " + names.size()
            + " assets cannot hold finding " + e.findingKey() + " of asset '" + e.id().assetName() + "'");
      }
    }
    jdbi.useTransaction(h -> {
      for (int from = 0; from < names.size(); from += FeedReplacement.BATCH) {
        h.createUpdate("DELETE FROM assessment_index WHERE asset_name IN (<names>)")
            .bindList("names", names.subList(from, Math.min(names.size(), from + FeedReplacement.BATCH)))
            .execute();
      }
      try {
        insert(h, entries);
      } catch (SQLException e) {
        throw new IllegalStateException("assessment index: writing " + entries.size() + " rows: " + e.getMessage(), e);
      }
      h.execute(BUMP);
    });
  }

  private static void insert(Handle h, List<Entry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    try (PreparedStatement s = h.getConnection().prepareStatement(INSERT)) {
      int pending = 0;
      for (Entry e : entries) {
        FindingId id = e.id();
        int n = 1;
        s.setString(n++, id.assetName());
        s.setString(n++, id.ecosystem());
        s.setString(n++, id.packageName());
        s.setString(n++, id.advisoryId());
        s.setString(n++, id.feedSource());
        s.setString(n++, e.status().name());
        s.setString(n++, e.tier());
        s.setInt(n++, e.tierRank());
        s.setLong(n++, e.dueDate().toEpochDay());
        s.setInt(n++, e.inKev() ? 0 : 1);
        s.setInt(n++, -e.missionImpact().ordinal());
        s.setInt(n++, e.criticality());
        // as BY_URGENCY: higher scores first, unknown ones after every known one
        s.setDouble(n++, e.epss() == null ? 1.0 : -e.epss());
        s.setDouble(n++, e.cvss() == null ? 1.0 : -e.cvss());
        s.setString(n++, hex(e.findingKey()));
        s.setString(n++, hex(id.assetName()));
        s.setString(n++, e.ownerTeam());
        s.setLong(n, e.firstSeen().toEpochDay());
        s.addBatch();
        if (++pending == FeedReplacement.BATCH) {
          s.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        s.executeBatch();
      }
    }
  }

  /** The hex of the UTF-8 bytes: text whose order is byte order under any collation. */
  private static String hex(String text) {
    return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void clear() {
    jdbi.useTransaction(h -> {
      h.execute("DELETE FROM assessment_index_basis");
      h.execute("DELETE FROM assessment_index");
      h.execute(BUMP);
    });
  }

  @Override
  public String basis() {
    return jdbi.withHandle(h -> h.createQuery("SELECT basis FROM assessment_index_basis WHERE id = 1")
        .mapTo(String.class).findOne().orElse(""));
  }

  @Override
  public void recordBasis(String basis) {
    jdbi.useTransaction(h -> {
      h.execute("DELETE FROM assessment_index_basis");
      h.createUpdate("INSERT INTO assessment_index_basis (id, basis) VALUES (1, :basis)").bind("basis", basis)
          .execute();
      h.execute(BUMP);
    });
  }

  @Override
  public Stamp stamp() {
    // one round trip: every findings page asks
    return jdbi.withHandle(h -> h.createQuery("SELECT g.generation, b.basis FROM assessment_index_generation g"
            + " LEFT JOIN assessment_index_basis b ON b.id = g.id WHERE g.id = 1")
        .map((rs, ctx) -> new Stamp(rs.getString(2) == null ? "" : rs.getString(2), rs.getLong(1))).one());
  }
}
