package org.patchwarden.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedVersion;

/** The KEV catalog in the {@code kev_entries} table. */
final class JdbiKevStore implements KevStore {
  private static final int BATCH = 500;
  private final Jdbi jdbi;

  JdbiKevStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public FeedVersion replaceCatalog(FeedSnapshot<KevEntry> snapshot, String origin, Instant loadedAt) {
    return jdbi.inTransaction(h -> {
      h.execute("DELETE FROM kev_entries");
      PreparedBatch batch = h.prepareBatch("""
          INSERT INTO kev_entries (cve_id, vendor_project, product, vulnerability_name, date_added,
            short_description, required_action, due_date, ransomware_use, notes, cwes)
          VALUES (:cve, :vendor, :product, :name, :added, :description, :action, :due, :ransomware, :notes, :cwes)
          ON CONFLICT (cve_id) DO UPDATE SET
            vendor_project = excluded.vendor_project, product = excluded.product,
            vulnerability_name = excluded.vulnerability_name, date_added = excluded.date_added,
            short_description = excluded.short_description, required_action = excluded.required_action,
            due_date = excluded.due_date, ransomware_use = excluded.ransomware_use,
            notes = excluded.notes, cwes = excluded.cwes
          """);
      int[] pending = {0};
      FeedHeader header = snapshot.drainTo(e -> {
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
            .add();
        if (++pending[0] % BATCH == 0) {
          batch.execute();
        }
      });
      if (batch.size() > 0) {
        batch.execute();
      }
      // Duplicate CVEs in one document collapse into one row; count what is really stored.
      int stored = h.createQuery("SELECT COUNT(*) FROM kev_entries").mapTo(Integer.class).one();
      FeedVersion version = new FeedVersion(SOURCE, header.version(), header.released(), stored, loadedAt, origin);
      JdbiFeedVersionStore.upsert(h, version);
      return version;
    });
  }

  @Override
  public Optional<KevEntry> find(String cveId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM kev_entries WHERE cve_id = :cve")
        .bind("cve", cveId)
        .map((rs, ctx) -> map(rs))
        .findOne());
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
