package org.patchwarden.store;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.match.MatchBacklog;
import org.patchwarden.match.PendingRematch;

/** The backlog in the {@code pending_rematches} table and the {@code inventories.match_complete} flag. */
final class JdbiMatchBacklog implements MatchBacklog {
  private final Jdbi jdbi;

  JdbiMatchBacklog(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<PendingRematch> pendingRematches() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT source, version, created_at FROM pending_rematches ORDER BY created_at, source, version")
        .map((rs, ctx) -> new PendingRematch(rs.getString("source"), rs.getString("version"),
            SqlTime.instant(rs.getString("created_at"))))
        .list());
  }

  @Override
  public void rematchDone(PendingRematch pending) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM pending_rematches WHERE source = :source AND version = :version")
        .bind("source", pending.source()).bind("version", pending.version())
        .execute());
  }

  @Override
  public List<String> incompleteAssets() {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT i.asset_name FROM inventories i
              JOIN (SELECT asset_name, MAX(revision) AS revision FROM inventories GROUP BY asset_name) newest
                ON newest.asset_name = i.asset_name AND newest.revision = i.revision
             WHERE i.match_complete = 0
             ORDER BY i.asset_name
            """)
        .mapTo(String.class)
        .list());
  }

  /** Notes that {@code version} of {@code source} owes a re-match; call in the transaction that commits it. */
  static void rematchPending(Handle h, String source, String version, String createdAt) {
    h.createUpdate("""
            INSERT INTO pending_rematches (source, version, created_at) VALUES (:source, :version, :at)
            ON CONFLICT (source, version) DO NOTHING
            """)
        .bind("source", source).bind("version", version).bind("at", createdAt)
        .execute();
  }

  /** Marks each asset's inventory revision matched; call in the transaction that records their findings. */
  static void matchComplete(Handle h, Map<String, Integer> revisions) {
    PreparedBatch batch = h.prepareBatch("UPDATE inventories SET match_complete = 1 WHERE asset_name = :name AND revision = :rev");
    revisions.forEach((name, rev) -> batch.bind("name", name).bind("rev", rev).add());
    batch.execute();
  }
}
