package org.patchwarden.bench.chaos;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A database kind the chaos trials run the CLI against: makes throw-away homes (empty, or copied
 * from a base home in one step), and reads what the CLI children stored straight from the database.
 */
sealed interface ChaosStore extends AutoCloseable {

  /** A throw-away home: its directory, the CLI arguments that select its database, and that database. */
  record Home(String label, Path dir, List<String> cliArgs, String jdbcUrl, String database) {}

  String name();

  /** A new home named {@code label}: empty when {@code from} is null, else a copy of {@code from}'s database. */
  Home create(String label, Home from);

  /** Deletes the home and its database. */
  void drop(Home home);

  @Override
  void close();

  /** The open findings, one key a finding: asset|ecosystem|package|advisory|source. */
  default Set<String> openFindings(Home home) {
    Set<String> keys = new TreeSet<>();
    query(home, """
        SELECT asset_name, ecosystem, package_name, advisory_id, feed_source FROM findings WHERE status = 'OPEN'
        """, rs -> keys.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5))));
    return keys;
  }

  /** Matching still owed: pending re-matches plus assets whose newest inventory has no recorded findings. */
  default int owedMatching(Home home) {
    int[] n = {0};
    query(home, "SELECT COUNT(*) FROM pending_rematches", rs -> n[0] += rs.getInt(1));
    query(home, """
        SELECT COUNT(*) FROM inventories i
          JOIN (SELECT asset_name, MAX(revision) AS revision FROM inventories GROUP BY asset_name) newest
            ON newest.asset_name = i.asset_name AND newest.revision = i.revision
         WHERE i.match_complete = 0
        """, rs -> n[0] += rs.getInt(1));
    return n[0];
  }

  /** One row of a query's result. */
  interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private static void query(Home home, String sql, Row row) {
    try (Connection c = DriverManager.getConnection(home.jdbcUrl()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        row.accept(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(home.label() + ": cannot read the database " + home.jdbcUrl() + ": "
          + e.getMessage(), e);
    }
  }

  /** The embedded SQLite file each home holds ({@code patchwarden.db} with its WAL files). */
  final class Sqlite implements ChaosStore {
    private final Path root;

    Sqlite(Path root) {
      this.root = root;
    }

    @Override
    public String name() {
      return "sqlite";
    }

    @Override
    public Home create(String label, Home from) {
      Path dir = root.resolve(label);
      try {
        deleteTree(dir);
        Files.createDirectories(dir);
        if (from != null) {
          for (String f : List.of("patchwarden.db", "patchwarden.db-wal", "patchwarden.db-shm")) {
            if (Files.exists(from.dir().resolve(f))) {
              Files.copy(from.dir().resolve(f), dir.resolve(f));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make the home " + dir, e);
      }
      return new Home(label, dir, List.of(), "jdbc:sqlite:" + dir.resolve("patchwarden.db"), null);
    }

    @Override
    public void drop(Home home) {
      deleteTree(home.dir());
    }

    @Override
    public void close() {}
  }

  /** An embedded PostgreSQL server started for the run; each home is a database of its own. */
  final class Postgres implements ChaosStore {
    private final Path root;
    private final EmbeddedPostgres server;

    Postgres(Path root) {
      this.root = root;
      try {
        // Durability does not matter to throw-away databases, and the CLI's own commits are what is tested.
        this.server = EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "200")
            .setRegisterShutdownHook(true)
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
    }

    @Override
    public String name() {
      return "postgres";
    }

    @Override
    public Home create(String label, Home from) {
      String db = "chaos_" + label.replaceAll("[^a-zA-Z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
      admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      admin("CREATE DATABASE " + db + (from == null ? "" : " TEMPLATE " + from.database()));
      Path dir = root.resolve(label);
      deleteTree(dir);
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make the home " + dir, e);
      }
      String url = server.getJdbcUrl("postgres", db);
      return new Home(label, dir, List.of("--db", url), url, db);
    }

    @Override
    public void drop(Home home) {
      admin("DROP DATABASE IF EXISTS " + home.database() + " WITH (FORCE)");
      deleteTree(home.dir());
    }

    private void admin(String sql) {
      try (Connection c = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("embedded PostgreSQL: " + sql + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
