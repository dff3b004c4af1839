package org.patchwarden.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V31: {@code finding_aliases}, one row per finding and alias, becomes {@code
 * finding_alias_index}, one row per alias and advisory ({@link FindingAliasIndex}), filled from the
 * rows there were. On PostgreSQL it also drops what V26 put in place of the old table's foreign key:
 * the triggers on {@code findings} and their functions, which name the old table.
 */
final class FindingAliasIndexMigration extends StoreJavaMigration {
  static final List<String> BOTH = List.of("""
      CREATE TABLE finding_alias_index (
          alias        VARCHAR(256) NOT NULL,
          advisory_id  VARCHAR(256) NOT NULL,
          feed_source  VARCHAR(64)  NOT NULL
      )
      """, """
      INSERT INTO finding_alias_index (alias, advisory_id, feed_source)
      SELECT DISTINCT alias, advisory_id, feed_source FROM finding_aliases
      """,
      "CREATE INDEX finding_alias_index_alias ON finding_alias_index (alias, advisory_id, feed_source)");
  static final List<String> POSTGRESQL_BEFORE_DROP = List.of(
      "DROP TRIGGER IF EXISTS findings_deleted ON findings",
      "DROP TRIGGER IF EXISTS findings_key_updated ON findings");
  static final List<String> POSTGRESQL_AFTER_DROP = List.of(
      "DROP FUNCTION IF EXISTS finding_aliases_check_findings()",
      "DROP FUNCTION IF EXISTS findings_delete_aliases()",
      "DROP FUNCTION IF EXISTS findings_keep_aliased_keys()");

  FindingAliasIndexMigration() {
    super("31", "finding aliases indexed per advisory", 31);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    boolean postgres = postgres(c);
    List<String> sql = new ArrayList<>(BOTH);
    if (postgres) {
      sql.addAll(POSTGRESQL_BEFORE_DROP);
    }
    sql.add("DROP TABLE finding_aliases");
    if (postgres) {
      sql.addAll(POSTGRESQL_AFTER_DROP);
    }
    try (Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }
}
