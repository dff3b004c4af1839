package org.patchwarden.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.AttackMappingStore;
import org.patchwarden.advisory.AttackStore;
import org.patchwarden.advisory.EpssStore;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedVersionStore;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.match.CoverageStore;
import org.patchwarden.match.FindingStore;
import org.patchwarden.ssvc.SsvcStore;

/**
 * An open, migrated database and the stores over it. SQLite runs in WAL mode with foreign keys on
 * and a busy timeout, so a CLI process can read and write while a server process holds the file.
 * Close it to release the pool.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Jdbi jdbi;
  /** One per database: what it remembers of the alias index holds for every store over it. */
  private final FindingAliasIndex aliasIndex;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setSqlParser(new PlainSqlParser());
    this.aliasIndex = new FindingAliasIndex(dialect);
  }

  /** Opens the embedded SQLite database file, creating its directory when needed. */
  public static Database openSqlite(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of database file " + file, e);
    }
    return open("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
  }

  /**
   * Opens a database by JDBC URL and migrates it to the newest schema when its history says it is
   * older; a database newer than this build is refused ({@link SchemaTooNewException}).
   *
   * @param user null to take it from the URL
   * @param password null to take it from the URL
   */
  public static Database open(String jdbcUrl, String user, String password) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("patchwarden");
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    switch (dialect) {
      case SQLITE -> {
        SqliteNativeLibrary.useCache();
        // sqlite-jdbc reads these pragmas from the connection properties of every new connection.
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "30000");
        config.addDataSourceProperty("synchronous", "NORMAL");
        // A fleet import writes hundreds of assets' packages in one transaction; with the default 2 MB
        // page cache SQLite spilled dirty index pages to the WAL again and again before the commit.
        config.addDataSourceProperty("cache_size", "-65536");
        // A 1,000-host import writes ~50 MB of pages: checkpointing every 4 MB of WAL (the default
        // 1,000 pages) copied the index pages written again and again into the database file, with
        // two fsyncs, ten times over. Every 64 MB does it about once; the last connection to close
        // checkpoints what is left.
        config.addDataSourceProperty("wal_autocheckpoint", "16384");
        // Our transactions write; taking the write lock at BEGIN lets busy_timeout wait for another
        // writer, where a read lock upgraded later would fail at once with SQLITE_BUSY.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // NB: one writer at a time is SQLite's rule; a small pool avoids piling up busy waits.
        config.setMaximumPoolSize(4);
      }
      case POSTGRESQL -> {
        // Feed loads write in batches of hundreds of rows: let the driver send each batch as
        // multi-row INSERTs instead of one round trip per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setMaximumPoolSize(8);
      }
    }
    config.setMinimumIdle(1);
    config.setConnectionTimeout(30_000);
    HikariDataSource ds = new HikariDataSource(config);
    try {
      // One query says whether the schema is current; Flyway only runs when it is not.
      if (SchemaVersion.check(ds) == SchemaVersion.Action.MIGRATE) {
        migrate(ds);
      }
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, dialect);
  }

  /**
   * The versions of the Java migrations {@link #flyway} registers, for {@link SchemaVersion}'s quick
   * check without loading Flyway (SchemaVersionTest checks them against what Flyway resolves).
   */
  static final java.util.List<String> JAVA_MIGRATION_VERSIONS = java.util.List.of("19.1", "26", "31", "33", "34");

  private static void migrate(javax.sql.DataSource ds) {
    flyway(ds).load().migrate();
  }

  /** Flyway as {@link #open} migrates with. */
  static org.flywaydb.core.api.configuration.FluentConfiguration flyway(javax.sql.DataSource ds) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        // NB: helpers number their migrations apart (V13_1 beside V14…): a database already past a
        // higher number still gets a lower one merged later, instead of failing validation.
        .outOfOrder(true)
        // V19.1 converts stored packages with the store's own encoding; V26 is PostgreSQL's alone;
        // V31 undoes V26's triggers on PostgreSQL only; V33 keys the findings' evidence as the store does;
        // V34 is PostgreSQL's alone
        .javaMigrations(new PackageListMigration(), new FindingAliasKeyCheckMigration(),
            new FindingAliasIndexMigration(), new FindingEvidenceMigration(), new FindingsFillFactorMigration());
  }

  /** For tests and vendor-specific maintenance in this package. */
  Jdbi jdbi() {
    return jdbi;
  }

  public Dialect dialect() {
    return dialect;
  }

  public KevStore kevStore() {
    return new JdbiKevStore(jdbi);
  }

  public AdvisoryStore advisoryStore() {
    return new JdbiAdvisoryStore(jdbi, dialect);
  }

  public EpssStore epssStore() {
    return new JdbiEpssStore(jdbi);
  }

  public AttackStore attackStore() {
    return new JdbiAttackStore(jdbi);
  }

  public AttackMappingStore attackMappingStore() {
    return new JdbiAttackMappingStore(jdbi);
  }

  public SsvcStore ssvcStore() {
    return new JdbiSsvcStore(jdbi);
  }

  public FeedVersionStore feedVersionStore() {
    return new JdbiFeedVersionStore(jdbi);
  }

  public AssetStore assetStore() {
    return new JdbiAssetStore(jdbi, dialect);
  }

  public FindingStore findingStore() {
    return new JdbiFindingStore(jdbi, dialect, aliasIndex);
  }

  /** The persisted assessment index the server's findings pages read. */
  public org.patchwarden.assess.AssessmentIndex assessmentIndex() {
    return new JdbiAssessmentIndex(jdbi, dialect);
  }

  public org.patchwarden.match.MatchBacklog matchBacklog() {
    return new JdbiMatchBacklog(jdbi);
  }

  /**
   * The database-wide lock that commands changing what findings derive from hold while they run
   * (see {@link org.patchwarden.match.WriterLock}): a lock file beside a SQLite file, a session
   * advisory lock on PostgreSQL.
   */
  public org.patchwarden.match.WriterLock writerLock() {
    return switch (dialect) {
      case SQLITE -> new SqliteWriterLock(Path.of(dataSource.getJdbcUrl().substring("jdbc:sqlite:".length())
          .replaceFirst("\\?.*$", "")));
      case POSTGRESQL -> new PostgresWriterLock(this::session);
    };
  }

  /** A connection of its own, outside the pool, with the pool's credentials. */
  private java.sql.Connection session() {
    java.util.Properties props = new java.util.Properties();
    if (dataSource.getUsername() != null) {
      props.setProperty("user", dataSource.getUsername());
    }
    if (dataSource.getPassword() != null) {
      props.setProperty("password", dataSource.getPassword());
    }
    try {
      return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), props);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot open a session for the writer lock: " + FeedReplacement.reason(e), e);
    }
  }

  /** Users, teams, API tokens and sessions of the server. */
  public org.patchwarden.access.UserStore userStore() {
    return new JdbiUserStore(jdbi);
  }

  /** The store of remediation changes. */
  public org.patchwarden.remediate.ChangeStore changeStore() {
    return new JdbiChangeStore(jdbi);
  }

  /** The append-only audit log of remediation. */
  public org.patchwarden.remediate.AuditLog auditLog() {
    return new JdbiChangeStore(jdbi);
  }

  /**
   * Groups store calls into one transaction: the stores' own calls on the same thread join it (Jdbi
   * hands them the thread's open handle), so a group of assets commits once.
   */
  public org.patchwarden.usecase.StoreTransactions transactions() {
    return work -> jdbi.useTransaction(h -> work.run());
  }

  /**
   * Whether the database answers and its schema is the one this build carries, for a readiness
   * probe; never throws.
   *
   * @param installed the newest migration the database records, or -1 when unknown
   * @param expected the newest migration this build carries, or -1 when it cannot be listed
   * @param problem why it is not ready, or null
   */
  public record Readiness(boolean reachable, int installed, int expected, String problem) {
    public boolean ready() {
      return reachable && problem == null;
    }
  }

  public Readiness readiness() {
    int expected = SchemaVersion.newestInBuild();
    try (java.sql.Connection c = dataSource.getConnection()) {
      if (!c.isValid(2)) {
        return new Readiness(false, -1, expected, "the database did not answer within 2 s");
      }
      int installed = SchemaVersion.installed(c).orElse(-1);
      java.util.NavigableSet<String> build = SchemaVersion.inBuild();
      String problem = null;
      if (!build.isEmpty()) {
        java.util.NavigableSet<String> applied = SchemaVersion.applied(c).orElse(null);
        if (applied == null) {
          problem = "the schema history records a failed migration";
        } else if (!applied.equals(build)) {
          java.util.Set<String> missing = new java.util.TreeSet<>(SchemaVersion.ORDER);
          missing.addAll(build);
          missing.removeAll(applied);
          problem = "schema at migration " + (applied.isEmpty() ? "none" : applied.last()) + ", this build carries "
              + build.last() + (missing.isEmpty() ? "" : " (not applied: " + String.join(", ", missing) + ")");
        }
      }
      return new Readiness(true, installed, expected, problem);
    } catch (java.sql.SQLException | RuntimeException e) {
      return new Readiness(false, -1, expected, "database unreachable: " + e.getMessage());
    }
  }

  /** The shared schedule of server jobs (V15). */
  public org.patchwarden.schedule.JobStore jobStore() {
    return new JdbiSchedule(jdbi, dialect);
  }

  /** The events the server's jobs raise (V15). */
  public org.patchwarden.schedule.EventStore eventStore() {
    return new JdbiSchedule(jdbi, dialect);
  }

  /** When each asset's collector agent last checked in (V15). */
  public org.patchwarden.schedule.AgentCheckins agentCheckins() {
    return new JdbiSchedule(jdbi, dialect);
  }

  /** The idempotency keys of answered inventory uploads (V15). */
  public org.patchwarden.inventory.UploadReceipts uploadReceipts() {
    return new JdbiUploadReceipts(jdbi);
  }

  public org.patchwarden.baseline.BaselineStore baselineStore() {
    return new JdbiBaselineStore(jdbi);
  }

  /** The notification outbox. */
  public org.patchwarden.notify.Outbox outbox() {
    return new JdbiOutbox(jdbi);
  }

  public CoverageStore coverageStore() {
    return new JdbiCoverageStore(jdbi);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
