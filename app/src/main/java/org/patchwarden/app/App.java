package org.patchwarden.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Clock;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.store.Database;
import org.patchwarden.usecase.DescribeKevCatalog;
import org.patchwarden.usecase.ListFeedVersions;
import org.patchwarden.usecase.LoadKevCatalog;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the database, clock and use cases from the configuration, by hand
 * and in one readable place. The database is opened on first use, so commands that need none
 * (vercmp, --help) start instantly.
 */
public final class App implements AutoCloseable {
  private final AppConfig config;
  private final Clock clock;
  private Database database;

  public App(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.logLevel(), Level.WARN));
  }

  public AppConfig config() {
    return config;
  }

  private synchronized Database database() {
    if (database == null) {
      database = config.embedded()
          ? Database.openSqlite(java.nio.file.Path.of(config.dbUrl().substring("jdbc:sqlite:".length())))
          : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    }
    return database;
  }

  public LoadKevCatalog loadKevCatalog() {
    return new LoadKevCatalog(database().kevStore(), clock);
  }

  public DescribeKevCatalog describeKevCatalog() {
    return new DescribeKevCatalog(database().kevStore(), database().feedVersionStore());
  }

  public ListFeedVersions listFeedVersions() {
    return new ListFeedVersions(database().feedVersionStore());
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public synchronized void close() {
    if (database != null) {
      database.close();
      database = null;
    }
  }
}
