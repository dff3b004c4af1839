package org.patchwarden.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for contract tests: a SQLite file in a temp directory, or a fresh database on a
 * real PostgreSQL server. The server is the one named by {@code PATCHWARDEN_TEST_PG} (a JDBC URL
 * with rights to create databases), else an embedded PostgreSQL whose binaries come from Maven
 * Central, started once per JVM. It never skips: no server means a failing test.
 */
public final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;
  private static String adminUrl;

  private TestDatabases() {}

  public static Database sqlite(Path dir) {
    return Database.openSqlite(dir.resolve("patchwarden.db"));
  }

  /** A migrated, empty PostgreSQL database of its own. */
  public static synchronized Database postgres() {
    return Database.open(postgresUrl(), null, null);
  }

  /** The JDBC URL (with credentials) of a new, empty PostgreSQL database of its own. */
  public static synchronized String postgresUrl() {
    String name = "pw_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    String admin = adminUrl();
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + admin, e);
    }
    return replaceDatabase(admin, name);
  }

  /** The JDBC URL of the PostgreSQL server's admin database (with credentials). */
  public static synchronized String adminUrl() {
    if (adminUrl != null) {
      return adminUrl;
    }
    String external = System.getenv("PATCHWARDEN_TEST_PG");
    if (external != null && !external.isBlank()) {
      adminUrl = external.strip();
      return adminUrl;
    }
    try {
      // Durability is pointless for throw-away test databases; without fsync, CREATE DATABASE and the
      // shutdown checkpoint do not wait for the disk, which on a busy machine took longer than
      // surefire's 30 s grace for a fork's exit.
      embedded = EmbeddedPostgres.builder()
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .setRegisterShutdownHook(false)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL (set PATCHWARDEN_TEST_PG to use a server)", e);
    }
    // Stopped when the test session ends (EmbeddedPostgresSession), while the JVM still runs its
    // tests' time; the hook only covers runs without the JUnit launcher session.
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stopEmbedded));
    adminUrl = embedded.getJdbcUrl("postgres", "postgres");
    return adminUrl;
  }

  /** Stops the embedded PostgreSQL server, if this JVM started one; later tests would start a new one. */
  public static synchronized void stopEmbedded() {
    if (embedded == null) {
      return;
    }
    try {
      embedded.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
    } finally {
      embedded = null;
      adminUrl = null;
    }
  }

  private static String replaceDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    int slash = base.lastIndexOf('/');
    return base.substring(0, slash + 1) + database + params;
  }
}
