package org.patchwarden.store;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.advisory.AttackMapping;
import org.patchwarden.advisory.AttackMappingStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** KEV → ATT&CK mappings in the {@code attack_mappings} table, keyed {@code cve|technique|mapping_type}. */
final class JdbiAttackMappingStore implements AttackMappingStore, FeedReplacement.Target<AttackMapping> {
  private static final List<FeedReplacement.Table> TABLES =
      List.of(new FeedReplacement.Table("attack_mappings", "record_key", null));
  private final Jdbi jdbi;

  JdbiAttackMappingStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public FeedUpdate replace(FeedSnapshot<AttackMapping> snapshot, FeedDocument document) {
    FeedReplacement.requireSource(document, SOURCE);
    return FeedReplacement.replace(jdbi, this, snapshot, document);
  }

  @Override
  public List<AttackMapping> forCve(String cveId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT cve, technique, mapping_type, attack_version FROM attack_mappings
            WHERE cve = :cve ORDER BY mapping_type, technique
            """)
        .bind("cve", cveId)
        .map((rs, ctx) -> new AttackMapping(rs.getString("cve"), rs.getString("technique"),
            rs.getString("mapping_type"), rs.getString("attack_version")))
        .list());
  }

  /** {@inheritDoc} One query per {@value FeedReplacement#BATCH} CVEs, each CVE's mappings in {@link #forCve}'s order. */
  @Override
  public java.util.Map<String, List<AttackMapping>> forCves(java.util.Collection<String> cveIds) {
    List<String> cves = List.copyOf(new java.util.LinkedHashSet<>(cveIds));
    java.util.Map<String, List<AttackMapping>> out = new java.util.HashMap<>();
    cves.forEach(c -> out.put(c, new java.util.ArrayList<>()));
    jdbi.useHandle(h -> {
      for (List<String> chunk : Chunks.of(cves, FeedReplacement.BATCH)) {
        h.createQuery("""
                SELECT cve, technique, mapping_type, attack_version FROM attack_mappings
                WHERE cve IN (<cves>) ORDER BY cve, mapping_type, technique
                """)
            .bindList("cves", chunk)
            .map((rs, ctx) -> new AttackMapping(rs.getString("cve"), rs.getString("technique"),
                rs.getString("mapping_type"), rs.getString("attack_version")))
            .forEach(m -> out.get(m.cveId()).add(m));
      }
    });
    out.replaceAll((c, l) -> List.copyOf(l));
    return out;
  }

  @Override
  public int count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attack_mappings").mapTo(Integer.class).one());
  }

  @Override
  public List<FeedReplacement.Table> tables() {
    return TABLES;
  }

  @Override
  public String key(AttackMapping m) {
    // NB: one CVE may map to one technique in several ways (exploitation and impact), so all three.
    return m.cveId() + "|" + m.techniqueId() + "|" + m.mappingType();
  }

  @Override
  public void write(Handle h, String source, List<FeedReplacement.Row<AttackMapping>> rows) {
    PreparedBatch batch = h.prepareBatch("""
        INSERT INTO attack_mappings (record_key, cve, technique, mapping_type, attack_version, record_hash)
        VALUES (:key, :cve, :technique, :type, :version, :hash)
        ON CONFLICT (record_key) DO UPDATE SET
          attack_version = excluded.attack_version, record_hash = excluded.record_hash
        """);
    for (FeedReplacement.Row<AttackMapping> row : rows) {
      AttackMapping m = row.record();
      batch.bind("key", row.key())
          .bind("cve", m.cveId())
          .bind("technique", m.techniqueId())
          .bind("type", m.mappingType())
          .bind("version", m.attackVersion())
          .bind("hash", row.hash())
          .add();
    }
    batch.execute();
  }
}
