package org.patchwarden.store;

import java.util.List;
import java.util.NoSuchElementException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.CoverageStore;

/** Coverage gaps per inventory revision in the {@code coverage_gaps} table. */
final class JdbiCoverageStore implements CoverageStore {
  private final Jdbi jdbi;

  JdbiCoverageStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void recordGaps(String assetName, int revision, List<CoverageGap> gaps) {
    jdbi.useTransaction(h -> {
      boolean exists = h.createQuery("SELECT COUNT(*) FROM inventories WHERE asset_name = :a AND revision = :r")
          .bind("a", assetName).bind("r", revision).mapTo(Integer.class).one() > 0;
      if (!exists) {
        throw new NoSuchElementException("no inventory revision " + revision + " of asset " + assetName);
      }
      h.createUpdate("DELETE FROM coverage_gaps WHERE asset_name = :a AND revision = :r")
          .bind("a", assetName).bind("r", revision).execute();
      if (gaps.isEmpty()) {
        return;
      }
      PreparedBatch batch = h.prepareBatch("""
          INSERT INTO coverage_gaps (asset_name, revision, position, advisory_ecosystem, packages, reason)
          VALUES (:a, :r, :pos, :eco, :n, :reason)
          """);
      for (int i = 0; i < gaps.size(); i++) {
        CoverageGap g = gaps.get(i);
        batch.bind("a", assetName).bind("r", revision).bind("pos", i).bind("eco", g.advisoryEcosystem())
            .bind("n", g.packages()).bind("reason", g.reason()).add();
      }
      batch.execute();
    });
  }

  @Override
  public List<CoverageGap> currentGaps() {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT g.asset_name, g.advisory_ecosystem, g.packages, g.reason
              FROM coverage_gaps g
              JOIN (SELECT asset_name, MAX(revision) AS revision FROM inventories GROUP BY asset_name) newest
                ON newest.asset_name = g.asset_name AND newest.revision = g.revision
             ORDER BY g.asset_name, g.position
            """)
        .map((rs, ctx) -> new CoverageGap(rs.getString("asset_name"), rs.getString("advisory_ecosystem"),
            rs.getInt("packages"), rs.getString("reason")))
        .list());
  }
}
