package org.patchwarden.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration written in Java ({@link Database#flyway} lists them), run in Flyway's transaction: its
 * version, description and checksum are fixed, as a SQL migration's file name and text fix them.
 */
abstract class StoreJavaMigration implements JavaMigration {
  private final String version;
  private final String description;
  private final int checksum;

  StoreJavaMigration(String version, String description, int checksum) {
    this.version = version;
    this.description = description;
    this.checksum = checksum;
  }

  @Override
  public final MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(version);
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return checksum;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }

  /** Whether the connection is to PostgreSQL (else SQLite). */
  static boolean postgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
  }
}
