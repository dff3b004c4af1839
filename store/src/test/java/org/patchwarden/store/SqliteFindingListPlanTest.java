package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;

/**
 * How SQLite plans {@code findings --status} and {@code --package}: a listing of closed findings
 * (the partial index of V32) or of a package, by its name or the name its evidence was matched under
 * (V33), reads those rows by index, not every finding.
 */
class SqliteFindingListPlanTest {
  @TempDir
  Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = TestDatabases.sqlite(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aListingOfFixedFindingsReadsThemByThePartialIndexOfClosedFindings() {
    assertThat(plan(new FindingFilter(null, null, null, FindingStatus.FIXED), "FIXED"))
        .anyMatch(l -> l.contains("USING INDEX findings_closed"))
        .noneMatch(l -> l.startsWith("SCAN f"));
  }

  @Test
  void aListingOfAPackageReadsItsFindingsByNameAndByTheNameTheyWereMatchedUnder() {
    assertThat(plan(new FindingFilter(null, "openssl", null, null), "openssl"))
        .anyMatch(l -> l.contains("findings_package"))
        .anyMatch(l -> l.contains("finding_evidence_matched_name"))
        .anyMatch(l -> l.contains("findings_evidence"))
        .noneMatch(l -> l.startsWith("SCAN"));
  }

  /** The plan's lines (SQLite's "detail" column), the filter's one parameter bound to {@code value}. */
  private List<String> plan(FindingFilter filter, String value) {
    String sql = JdbiFindingStore.listSql(filter, Dialect.SQLITE);
    String bound = sql.replace(":status", "'" + value + "'").replace(":pkg", "'" + value + "'");
    return db.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + bound)
        .map((rs, ctx) -> rs.getString("detail")).list());
  }
}
