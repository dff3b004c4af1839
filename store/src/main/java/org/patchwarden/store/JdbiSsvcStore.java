package org.patchwarden.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;
import org.patchwarden.ssvc.SsvcObject;
import org.patchwarden.ssvc.SsvcStore;

/** SSVC decision points and tables in {@code ssvc_objects}, each as its canonical JSON body. */
final class JdbiSsvcStore implements SsvcStore, FeedReplacement.Target<SsvcObject> {
  private static final List<FeedReplacement.Table> TABLES =
      List.of(new FeedReplacement.Table("ssvc_objects", "ref", null));
  private static final String POINT = "decision_point";
  private static final String TABLE = "decision_table";
  private final Jdbi jdbi;

  JdbiSsvcStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public FeedUpdate replace(FeedSnapshot<SsvcObject> snapshot, FeedDocument document) {
    FeedReplacement.requireSource(document, SOURCE);
    return FeedReplacement.replace(jdbi, this, snapshot, document);
  }

  @Override
  public Optional<SsvcDecisionPoint> decisionPoint(String ref) {
    return body(ref, POINT).map(json -> RecordJson.read(json, SsvcDecisionPoint.class));
  }

  /** {@inheritDoc} One query. */
  @Override
  public java.util.Map<String, SsvcDecisionPoint> decisionPoints(java.util.Collection<String> refs) {
    java.util.Map<String, SsvcDecisionPoint> out = new java.util.HashMap<>();
    if (refs.isEmpty()) {
      return out;
    }
    jdbi.useHandle(h -> h.createQuery("SELECT ref, body FROM ssvc_objects WHERE kind = :kind AND ref IN (<refs>)")
        .bind("kind", POINT)
        .bindList("refs", List.copyOf(new java.util.LinkedHashSet<>(refs)))
        .map((rs, ctx) -> Map.entry(rs.getString("ref"), rs.getString("body")))
        .forEach(e -> out.put(e.getKey(), RecordJson.read(e.getValue(), SsvcDecisionPoint.class))));
    return out;
  }

  @Override
  public Optional<SsvcDecisionTable> decisionTable(String ref) {
    return body(ref, TABLE).map(json -> RecordJson.read(json, SsvcDecisionTable.class));
  }

  @Override
  public int count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ssvc_objects").mapTo(Integer.class).one());
  }

  private Optional<String> body(String ref, String kind) {
    return jdbi.withHandle(h -> h.createQuery("SELECT body FROM ssvc_objects WHERE ref = :ref AND kind = :kind")
        .bind("ref", ref)
        .bind("kind", kind)
        .mapTo(String.class)
        .findOne());
  }

  @Override
  public List<FeedReplacement.Table> tables() {
    return TABLES;
  }

  @Override
  public String key(SsvcObject record) {
    return record.ref();
  }

  @Override
  public void write(Handle h, String source, List<FeedReplacement.Row<SsvcObject>> rows) {
    PreparedBatch batch = h.prepareBatch("""
        INSERT INTO ssvc_objects (ref, kind, record_hash, body) VALUES (:ref, :kind, :hash, :body)
        ON CONFLICT (ref) DO UPDATE SET kind = excluded.kind, record_hash = excluded.record_hash, body = excluded.body
        """);
    for (FeedReplacement.Row<SsvcObject> row : rows) {
      String kind = switch (row.record()) {
        case SsvcDecisionPoint p -> POINT;
        case SsvcDecisionTable t -> TABLE;
      };
      batch.bind("ref", row.key()).bind("kind", kind).bind("hash", row.hash()).bind("body", row.json()).add();
    }
    batch.execute();
  }
}
