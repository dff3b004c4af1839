package org.patchwarden.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Migration V19.1: moves every revision's rows of {@code installed_packages} into one encoded value
 * of {@code inventory_packages} (V19, {@link PackageLists}), in the order they were read in, then
 * empties {@code installed_packages}; in Flyway's transaction, so a failure leaves both as they were.
 * Java, not SQL, because the encoding is this build's and the same on SQLite and PostgreSQL.
 */
final class PackageListMigration extends StoreJavaMigration {
  private static final int BATCH = 200;

  PackageListMigration() {
    super("19.1", "move installed packages to inventory package lists", 191);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    convert(context.getConnection());
  }

  /** Converts every revision's packages; returns how many revisions were converted. */
  static int convert(Connection c) throws SQLException {
    int revisions = 0;
    try (Statement read = c.createStatement();
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO inventory_packages (asset_name, revision, package_count, packages) VALUES (?, ?, ?, ?)")) {
      // PostgreSQL streams with a fetch size inside a transaction (Flyway's); SQLite steps lazily anyway
      read.setFetchSize(CursorRead.FETCH_SIZE);
      try (ResultSet rs = read.executeQuery("SELECT asset_name, revision, ecosystem, name, version, source_name,"
          + " source_version, architecture, purl FROM installed_packages"
          + " ORDER BY asset_name, revision, ecosystem, name, version, architecture")) {
        String asset = null;
        int revision = 0;
        List<InstalledPackage> packages = new ArrayList<>();
        int pending = 0;
        while (rs.next()) {
          String a = rs.getString(1);
          int r = rs.getInt(2);
          if (asset != null && (!asset.equals(a) || revision != r)) {
            add(insert, asset, revision, packages);
            revisions++;
            packages.clear();
            if (++pending >= BATCH) {
              insert.executeBatch();
              pending = 0;
            }
          }
          asset = a;
          revision = r;
          packages.add(new InstalledPackage(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getString(7), rs.getString(8), rs.getString(9)));
        }
        if (asset != null) {
          add(insert, asset, revision, packages);
          revisions++;
          pending++;
        }
        if (pending > 0) {
          insert.executeBatch();
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM installed_packages");
    }
    return revisions;
  }

  private static void add(PreparedStatement insert, String asset, int revision, List<InstalledPackage> packages)
      throws SQLException {
    insert.setString(1, asset);
    insert.setInt(2, revision);
    insert.setInt(3, packages.size());
    insert.setBytes(4, PackageLists.encode(packages));
    insert.addBatch();
  }
}
