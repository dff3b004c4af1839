package org.patchwarden.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The schema version a database records, read with one query, against the newest migration this
 * build carries: Flyway (hundreds of classes, a classpath scan and a checksum of every migration)
 * runs only when the two differ.
 */
final class SchemaVersion {
  /**
   * The newest migration in {@code db/migration}; {@code SchemaVersionTest} fails when a newer
   * {@code V<n>__*.sql} file is added without raising it.
   */
  static final int NEWEST = 12;

  private SchemaVersion() {}

  /** What to do with a database whose history says {@code installed} (empty: no history, a new database). */
  enum Action { NONE, MIGRATE }

  /**
   * Whether the database behind {@code dataSource} needs Flyway: MIGRATE when it has no history, an
   * older version or a failed migration; NONE when it is at {@link #NEWEST}.
   *
   * @throws SchemaTooNewException when a newer build migrated it past what this one knows
   */
  static Action check(DataSource dataSource) {
    OptionalInt installed;
    try (Connection c = dataSource.getConnection()) {
      installed = installed(c);
    } catch (SQLException e) {
      // No history table (a new database) or an unreadable one: Flyway knows what to do or to say.
      return Action.MIGRATE;
    }
    if (installed.isEmpty() || installed.getAsInt() < NEWEST) {
      return Action.MIGRATE;
    }
    if (installed.getAsInt() > NEWEST) {
      throw new SchemaTooNewException(installed.getAsInt(), NEWEST);
    }
    return Action.NONE;
  }

  /**
   * The highest successfully applied versioned migration, or empty when the history is empty or
   * holds a failed migration (which Flyway must report or repair).
   */
  static OptionalInt installed(Connection c) throws SQLException {
    int newest = -1;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (rs.next()) {
        String version = rs.getString(1);
        if (!rs.getBoolean(2)) {
          return OptionalInt.empty();
        }
        if (version == null || version.isBlank()) {
          continue; // a repeatable migration or the baseline marker of another tool
        }
        newest = Math.max(newest, major(version));
      }
    }
    return newest < 0 ? OptionalInt.empty() : OptionalInt.of(newest);
  }

  private static int major(String version) {
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version.strip() : version.substring(0, dot).strip());
    } catch (NumberFormatException e) {
      return -1; // not one of ours: counts as older, so Flyway validates it
    }
  }
}
