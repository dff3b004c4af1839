package org.patchwarden.store;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V34, PostgreSQL only: {@code findings} pages keep room for new row versions. A re-import
 * rewrites {@code last_seen} of every finding found again; on full pages each such update put the
 * new version on another page and wrote an entry in every index of the table, where an update that
 * fits its own page and changes no indexed column (a heap-only tuple) writes none.
 */
final class FindingsFillFactorMigration extends StoreJavaMigration {
  /** Percent of each page new rows fill. */
  static final int FILL_FACTOR = 50;

  FindingsFillFactorMigration() {
    super("34", "findings pages keep room for updates (PostgreSQL)", 34);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    if (!postgres(context.getConnection())) {
      return;
    }
    try (Statement s = context.getConnection().createStatement()) {
      s.execute("ALTER TABLE findings SET (fillfactor = " + FILL_FACTOR + ")");
    }
  }
}
