package org.patchwarden.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.EpssStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** The current EPSS scores in the {@code epss_scores} table. */
final class JdbiEpssStore implements EpssStore, FeedReplacement.Target<EpssScore> {
  private static final List<FeedReplacement.Table> TABLES =
      List.of(new FeedReplacement.Table("epss_scores", "cve", null));
  private final Jdbi jdbi;

  JdbiEpssStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public FeedUpdate replace(FeedSnapshot<EpssScore> snapshot, FeedDocument document) {
    FeedReplacement.requireSource(document, SOURCE);
    return FeedReplacement.replace(jdbi, this, snapshot, document);
  }

  @Override
  public Optional<EpssScore> find(String cveId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT cve, score, percentile FROM epss_scores WHERE cve = :cve")
        .bind("cve", cveId)
        .map((rs, ctx) -> new EpssScore(rs.getString("cve"), rs.getDouble("score"), rs.getDouble("percentile")))
        .findOne());
  }

  /** {@inheritDoc} One query per {@value FeedReplacement#BATCH} CVEs. */
  @Override
  public java.util.Map<String, EpssScore> findAll(java.util.Collection<String> cveIds) {
    java.util.Map<String, EpssScore> out = new java.util.HashMap<>();
    jdbi.useHandle(h -> {
      for (List<String> chunk : Chunks.ofKeys(cveIds)) {
        h.createQuery("SELECT cve, score, percentile FROM epss_scores WHERE cve IN (<cves>)")
            .bindList("cves", chunk)
            .map((rs, ctx) -> new EpssScore(rs.getString("cve"), rs.getDouble("score"), rs.getDouble("percentile")))
            .forEach(e -> out.put(e.cveId(), e));
      }
    });
    return out;
  }

  @Override
  public int count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM epss_scores").mapTo(Integer.class).one());
  }

  @Override
  public List<FeedReplacement.Table> tables() {
    return TABLES;
  }

  @Override
  public String key(EpssScore record) {
    return record.cveId();
  }

  @Override
  public void write(Handle h, String source, List<FeedReplacement.Row<EpssScore>> rows) {
    PreparedBatch batch = h.prepareBatch("""
        INSERT INTO epss_scores (cve, score, percentile, record_hash) VALUES (:cve, :score, :percentile, :hash)
        ON CONFLICT (cve) DO UPDATE SET
          score = excluded.score, percentile = excluded.percentile, record_hash = excluded.record_hash
        """);
    for (FeedReplacement.Row<EpssScore> row : rows) {
      batch.bind("cve", row.record().cveId())
          .bind("score", row.record().score())
          .bind("percentile", row.record().percentile())
          .bind("hash", row.hash())
          .add();
    }
    batch.execute();
  }
}
