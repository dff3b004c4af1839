package org.patchwarden.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** The KEV catalog in the {@code kev_entries} table. */
final class JdbiKevStore implements KevStore, FeedReplacement.Target<KevEntry> {
  private static final List<FeedReplacement.Table> TABLES =
      List.of(new FeedReplacement.Table("kev_entries", "cve_id", null));
  private final Jdbi jdbi;

  JdbiKevStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public FeedUpdate replace(FeedSnapshot<KevEntry> snapshot, FeedDocument document) {
    FeedReplacement.requireSource(document, SOURCE);
    return FeedReplacement.replace(jdbi, this, snapshot, document);
  }

  @Override
  public Optional<KevEntry> find(String cveId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM kev_entries WHERE cve_id = :cve")
        .bind("cve", cveId)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** {@inheritDoc} One query per {@value FeedReplacement#BATCH} CVEs. */
  @Override
  public java.util.Map<String, KevEntry> findAll(java.util.Collection<String> cveIds) {
    java.util.Map<String, KevEntry> out = new java.util.HashMap<>();
    jdbi.useHandle(h -> {
      for (List<String> chunk : Chunks.ofKeys(cveIds)) {
        h.createQuery("SELECT * FROM kev_entries WHERE cve_id IN (<cves>)")
            .bindList("cves", chunk)
            .map((rs, ctx) -> map(rs))
            .forEach(e -> out.put(e.cveId(), e));
      }
    });
    return out;
  }

  @Override
  public List<KevEntry> newest(int limit) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM kev_entries ORDER BY date_added DESC, cve_id LIMIT :limit OFFSET 0")
        .bind("limit", limit)
        .map((rs, ctx) -> map(rs))
        .list());
  }

  @Override
  public int count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM kev_entries").mapTo(Integer.class).one());
  }

  @Override
  public List<FeedReplacement.Table> tables() {
    return TABLES;
  }

  @Override
  public boolean rematched() {
    return true;
  }

  @Override
  public String key(KevEntry record) {
    return record.cveId();
  }

  @Override
  public void write(Handle h, String source, List<FeedReplacement.Row<KevEntry>> rows) {
    PreparedBatch batch = h.prepareBatch("""
        INSERT INTO kev_entries (cve_id, vendor_project, product, vulnerability_name, date_added,
          short_description, required_action, due_date, ransomware_use, notes, cwes, record_hash)
        VALUES (:cve, :vendor, :product, :name, :added, :description, :action, :due, :ransomware, :notes, :cwes, :hash)
        ON CONFLICT (cve_id) DO UPDATE SET
          vendor_project = excluded.vendor_project, product = excluded.product,
          vulnerability_name = excluded.vulnerability_name, date_added = excluded.date_added,
          short_description = excluded.short_description, required_action = excluded.required_action,
          due_date = excluded.due_date, ransomware_use = excluded.ransomware_use,
          notes = excluded.notes, cwes = excluded.cwes, record_hash = excluded.record_hash
        """);
    for (FeedReplacement.Row<KevEntry> row : rows) {
      KevEntry e = row.record();
      batch.bind("cve", e.cveId())
          .bind("vendor", e.vendorProject())
          .bind("product", e.product())
          .bind("name", e.vulnerabilityName())
          .bind("added", SqlTime.format(e.dateAdded()))
          .bind("description", e.shortDescription())
          .bind("action", e.requiredAction())
          .bind("due", SqlTime.format(e.dueDate()))
          .bind("ransomware", e.ransomwareUse())
          .bind("notes", e.notes())
          .bind("cwes", String.join(",", e.cwes()))
          .bind("hash", row.hash())
          .add();
    }
    batch.execute();
  }

  private static KevEntry map(ResultSet rs) throws SQLException {
    String cwes = rs.getString("cwes");
    return new KevEntry(
        rs.getString("cve_id"),
        rs.getString("vendor_project"),
        rs.getString("product"),
        rs.getString("vulnerability_name"),
        SqlTime.date(rs.getString("date_added")),
        rs.getString("short_description"),
        rs.getString("required_action"),
        SqlTime.date(rs.getString("due_date")),
        rs.getString("ransomware_use"),
        rs.getString("notes"),
        cwes.isEmpty() ? List.of() : Arrays.asList(cwes.split(",")));
  }
}
