package org.patchwarden.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.time.Clock;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.store.Database;
import org.patchwarden.assess.Policy;
import org.patchwarden.assess.SsvcEvaluator;
import org.patchwarden.formats.policy.PolicyYamlReader;
import org.patchwarden.usecase.AssessFindings;
import org.patchwarden.usecase.AssetContexts;
import org.patchwarden.usecase.DescribeKevCatalog;
import org.patchwarden.usecase.InventoryHistory;
import org.patchwarden.usecase.ListFindings;
import org.patchwarden.usecase.RematchAdvisories;
import org.patchwarden.usecase.UpdateFeed;
import org.patchwarden.usecase.ScanAssets;
import org.patchwarden.usecase.DescribeVulnerability;
import org.patchwarden.usecase.ListFeedVersions;
import org.patchwarden.app.feeds.FeedLoader;
import org.patchwarden.app.feeds.FeedReading;
import org.patchwarden.app.feeds.FeedSync;
import org.patchwarden.app.feeds.NvdPaging;
import org.patchwarden.app.feeds.ZipLimits;
import org.patchwarden.formats.fetch.FetchPolicy;
import org.patchwarden.formats.fetch.HttpFeedFetcher;
import org.patchwarden.usecase.LoadFeeds;
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
    // PDFBox warns of every base font it substitutes while rendering a report: noise, not news.
    ((Logger) LoggerFactory.getLogger("org.apache.pdfbox")).setLevel(Level.ERROR);
  }

  public AppConfig config() {
    return config;
  }

  private synchronized Database database() {
    if (database == null) {
      try {
        database = config.embedded()
            ? Database.openSqlite(sqliteFile())
            : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
      } catch (org.patchwarden.store.SchemaTooNewException e) {
        throw new org.patchwarden.app.cli.CliException(2, "database " + databaseDescription() + ": " + e.getMessage());
      }
    }
    return database;
  }

  /**
   * Whether the database exists already: the SQLite file of the embedded database; a server database
   * (PostgreSQL) is taken to exist, as only its administrator can create it.
   */
  public boolean databaseExists() {
    return database != null || !config.embedded() || java.nio.file.Files.exists(sqliteFile());
  }

  /**
   * Which database this run uses, for people: the SQLite file's absolute path, or the JDBC URL with
   * any password in it masked ({@code user:***@host}, {@code password=***}).
   */
  public String databaseDescription() {
    if (config.embedded()) {
      return sqliteFile().toString();
    }
    return config.dbUrl()
        .replaceAll("(//[^/@:?#]*:)[^/@?#]*@", "$1***@")
        .replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private java.nio.file.Path sqliteFile() {
    return java.nio.file.Path.of(config.dbUrl().substring("jdbc:sqlite:".length())).toAbsolutePath();
  }

  public LoadFeeds loadFeeds() {
    Database db = database();
    return new LoadFeeds(db.kevStore(), db.advisoryStore(), db.epssStore(), db.attackStore(),
        db.attackMappingStore(), db.ssvcStore(), clock);
  }

  /** Loads feed documents found on disk; {@code recordCounter} sees the running record count. */
  public FeedLoader feedLoader(java.util.function.Consumer<Long> recordCounter) {
    return feedLoader(recordCounter, false);
  }

  /** As {@link #feedLoader(java.util.function.Consumer)}; {@code force} lifts the removal limit. */
  public FeedLoader feedLoader(java.util.function.Consumer<Long> recordCounter, boolean force) {
    return new FeedReading(force ? updateFeed().forced() : updateFeed(), recordCounter);
  }

  /** The feed-loading policy every edge goes through: no rollback, merge or replace, re-match. */
  public UpdateFeed updateFeed() {
    Database db = database();
    return new UpdateFeed(loadFeeds(), db.feedVersionStore(), db.advisoryStore(), rematchAdvisories(), clock,
        config.maxRemovalShare());
  }

  /** Syncs upstream feeds through the mirror directory {@code $PATCHWARDEN_HOME/mirror}. */
  public FeedSync feedSync(java.util.function.Consumer<Long> recordCounter) {
    return feedSync(recordCounter, false);
  }

  /** As {@link #feedSync(java.util.function.Consumer)}; {@code force} lifts the removal limit. */
  public FeedSync feedSync(java.util.function.Consumer<Long> recordCounter, boolean force) {
    HttpFeedFetcher fetcher = new HttpFeedFetcher(FetchPolicy.defaults(), d -> Thread.sleep(d.toMillis()),
        "patchwarden (+https://github.com/patchwarden)");
    return new FeedSync(fetcher, feedLoader(recordCounter, force), config.home().resolve("mirror"), clock,
        NvdPaging.defaults(config.nvdApiKey()), d -> Thread.sleep(d.toMillis()),
        ZipLimits.defaults());
  }

  /** The database-wide lock the commands that change what findings derive from hold while they run. */
  public org.patchwarden.match.WriterLock writerLock() {
    return database().writerLock();
  }

  public DescribeKevCatalog describeKevCatalog() {
    return new DescribeKevCatalog(database().kevStore(), database().feedVersionStore());
  }

  public DescribeVulnerability describeVulnerability() {
    Database db = database();
    return new DescribeVulnerability(db.advisoryStore(), db.kevStore(), db.epssStore(), db.attackMappingStore(),
        db.attackStore());
  }

  public ScanAssets scanAssets() {
    Database db = database();
    return new ScanAssets(db.assetStore(), db.advisoryStore(), db.findingStore(), db.kevStore(), db.coverageStore(),
        clock, db.transactions());
  }

  public RematchAdvisories rematchAdvisories() {
    Database db = database();
    return new RematchAdvisories(db.assetStore(), db.advisoryStore(), db.findingStore(), db.feedVersionStore(),
        db.kevStore(), clock, db.matchBacklog());
  }

  /** Completes, or reports, the matching a killed command left owed. */
  public org.patchwarden.usecase.CompleteMatching completeMatching() {
    Database db = database();
    return new org.patchwarden.usecase.CompleteMatching(db.matchBacklog(), db.assetStore(), rematchAdvisories(),
        scanAssets());
  }

  public AssetContexts assetContexts() {
    return new AssetContexts(database().assetStore());
  }

  /**
   * Inspects scanner reports against the known assets; without a database (none created yet) hosts
   * are listed but not mapped, rather than an empty database being created to map them against.
   */
  public org.patchwarden.usecase.InspectScannerReport inspectScannerReport() {
    return databaseExists() ? new org.patchwarden.usecase.InspectScannerReport(database().assetStore())
        : org.patchwarden.usecase.InspectScannerReport.withoutAssets();
  }

  public InventoryHistory inventoryHistory() {
    return new InventoryHistory(database().assetStore());
  }

  public org.patchwarden.usecase.MarkFindings markFindings() {
    return new org.patchwarden.usecase.MarkFindings(database().findingStore(), clock);
  }

  public org.patchwarden.usecase.ListCoverageGaps listCoverageGaps() {
    return new org.patchwarden.usecase.ListCoverageGaps(database().coverageStore());
  }

  public ListFindings listFindings() {
    Database db = database();
    return new ListFindings(db.findingStore(), db.kevStore());
  }

  /**
   * Assessment with {@code policyFile}, else {@code $PATCHWARDEN_HOME/policy.yaml} when present,
   * else the shipped default policy.
   */
  public AssessFindings assessFindings(java.nio.file.Path policyFile) {
    Policy policy = policy(policyFile);
    Database db = database();
    SsvcEvaluator ssvc = SsvcEvaluator.load(policy.ssvcTable(), db.ssvcStore()).orElse(null);
    DescribeVulnerability describe = describeVulnerability();
    return AssessFindings.batched(db.findingStore(), db.assetStore(), describe::describeAll, policy, ssvc, clock);
  }

  /** The policy {@link #assessFindings} uses: {@code policyFile}, the home's policy.yaml, or the shipped default. */
  public Policy policy(java.nio.file.Path policyFile) {
    java.nio.file.Path home = config.home().resolve("policy.yaml");
    return policyFile != null ? PolicyYamlReader.read(policyFile)
        : java.nio.file.Files.isRegularFile(home) ? PolicyYamlReader.read(home) : PolicyYamlReader.defaultPolicy();
  }

  /** Plans changes with {@code policyFile} (as {@link #assessFindings}) and the configured approval rules. */
  public org.patchwarden.usecase.PlanChange planChange(java.nio.file.Path policyFile) {
    Database db = database();
    var r = config.remediation();
    return new org.patchwarden.usecase.PlanChange(assessFindings(policyFile), db.assetStore(), db.changeStore(),
        new org.patchwarden.remediate.ApprovalRules(r.approvals(), r.autoApproveTiers()), clock);
  }

  public org.patchwarden.usecase.ApproveChange approveChange() {
    return new org.patchwarden.usecase.ApproveChange(database().changeStore(), clock);
  }

  public org.patchwarden.usecase.ApplyChange applyChange() {
    return new org.patchwarden.usecase.ApplyChange(database().changeStore(), clock,
        java.time.Duration.ofHours(config.remediation().verifyHours()));
  }

  public org.patchwarden.usecase.VerifyChanges verifyChanges() {
    Database db = database();
    return new org.patchwarden.usecase.VerifyChanges(db.changeStore(), db.assetStore(), db.findingStore(), clock);
  }

  public org.patchwarden.usecase.ListChanges listChanges() {
    Database db = database();
    return new org.patchwarden.usecase.ListChanges(db.changeStore(), db.auditLog(), clock);
  }

  public org.patchwarden.usecase.AcceptRisk acceptRisk() {
    Database db = database();
    return new org.patchwarden.usecase.AcceptRisk(db.findingStore(), db.changeStore(), db.auditLog(), clock);
  }

  /** The patch-management report, assessed with {@code policyFile} as {@link #assessFindings}. */
  public org.patchwarden.usecase.BuildPatchReport buildPatchReport(java.nio.file.Path policyFile) {
    return new org.patchwarden.usecase.BuildPatchReport(assessFindings(policyFile), listChanges(), clock);
  }

  /** Puts the events of the current state into the outbox for the configured channels (none: nothing). */
  public org.patchwarden.usecase.RaiseNotifications raiseNotifications(java.nio.file.Path policyFile) {
    var n = config.notifications();
    return new org.patchwarden.usecase.RaiseNotifications(assessFindings(policyFile), listChanges(),
        database().outbox(), n.channels(), n.rules(), clock);
  }

  /** Drains the outbox over the configured channels: what {@code notify deliver} and the server's scheduler run. */
  public org.patchwarden.usecase.DeliverNotifications deliverNotifications() {
    var n = config.notifications();
    return new org.patchwarden.usecase.DeliverNotifications(database().outbox(),
        org.patchwarden.app.notify.Channels.of(n), n.retry(), clock);
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
