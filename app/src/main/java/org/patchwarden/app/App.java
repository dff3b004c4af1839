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
  private org.patchwarden.usecase.IndexAssessments indexing;
  private String indexingKey;

  public App(AppConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.logLevel(), Level.WARN));
    // PDFBox warns of every base font it substitutes while rendering a report: noise, not news.
    ((Logger) LoggerFactory.getLogger("org.apache.pdfbox")).setLevel(Level.ERROR);
    StartupTrace.mark("configuration read, logging set up");
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
      StartupTrace.mark("database open");
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
    return new ScanAssets(indexingAssets(), db.advisoryStore(), indexingFindings(), db.kevStore(),
        db.coverageStore(), clock, db.transactions());
  }

  public RematchAdvisories rematchAdvisories() {
    Database db = database();
    return new RematchAdvisories(db.assetStore(), db.advisoryStore(), indexingFindings(), db.feedVersionStore(),
        db.kevStore(), clock, db.matchBacklog());
  }

  /** Completes, or reports, the matching a killed command left owed. */
  public org.patchwarden.usecase.CompleteMatching completeMatching() {
    Database db = database();
    return new org.patchwarden.usecase.CompleteMatching(db.matchBacklog(), db.assetStore(), rematchAdvisories(),
        scanAssets());
  }

  /**
   * The matching a killed command left owed, read without building {@link #completeMatching}: that
   * wires the re-match and scan use cases, which parse the policy and load the SSVC table.
   */
  public org.patchwarden.usecase.CompleteMatching.Backlog owedMatching() {
    return org.patchwarden.usecase.CompleteMatching.backlogOf(database().matchBacklog());
  }

  public AssetContexts assetContexts() {
    return new AssetContexts(indexingAssets());
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
    return new org.patchwarden.usecase.MarkFindings(indexingFindings(), clock);
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
    return AssessFindings.batched(db.findingStore(), db.assetStore(), describe::describeAllForAssessment, policy, ssvc,
        clock);
  }

  /** Exports of findings ({@code patchwarden export}, {@code /api/v1/export}), assessed with {@code policyFile} as {@link #assessFindings}. */
  public org.patchwarden.usecase.ExportFindings exportFindings(java.nio.file.Path policyFile) {
    DescribeVulnerability describe = describeVulnerability();
    return new org.patchwarden.usecase.ExportFindings(assessFindings(policyFile), listChanges(), describe::describeAll,
        clock);
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

  /**
   * Tabletop exercises on this database's fleet and feeds, with {@code policyFile} (as {@link
   * #assessFindings}) and the configured approval rules and verification window; only reads.
   */
  public org.patchwarden.usecase.RunExercise runExercise(java.nio.file.Path policyFile) {
    Database db = database();
    Policy policy = policy(policyFile);
    var r = config.remediation();
    return new org.patchwarden.usecase.RunExercise(db.assetStore(), db.advisoryStore(), db.kevStore(),
        describeVulnerability(), policy, SsvcEvaluator.load(policy.ssvcTable(), db.ssvcStore()).orElse(null),
        new org.patchwarden.remediate.ApprovalRules(r.approvals(), r.autoApproveTiers()),
        java.time.Duration.ofHours(r.verifyHours()));
  }

  public org.patchwarden.usecase.ApproveChange approveChange() {
    Database db = database();
    // remediation.require-staging-baseline: production changes wait for staging evidence (docs/baselines.md)
    org.patchwarden.remediate.ApprovalGate gate = config.remediation().requireStagingBaseline()
        ? new org.patchwarden.baseline.StagingBaselineRule(db.assetStore(), db.baselineStore())
        : org.patchwarden.remediate.ApprovalGate.open();
    return new org.patchwarden.usecase.ApproveChange(db.changeStore(), clock, gate);
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

  /** Records inventories: match and assess them, then verify the applied changes on their assets. */
  public org.patchwarden.usecase.RecordInventory recordInventory() {
    return new org.patchwarden.usecase.RecordInventory(scanAssets(), verifyChanges());
  }

  /**
   * Inventory uploads recorded by group commit ({@link org.patchwarden.usecase.RecordUploads}): each
   * batch under one writer-lock hold, owed matching completed first, {@code timed} around the record.
   * The caller closes it.
   */
  public org.patchwarden.usecase.RecordUploads recordUploads(
      java.util.function.UnaryOperator<java.util.function.Supplier<org.patchwarden.usecase.RecordInventory.Recorded>> timed) {
    return new org.patchwarden.usecase.RecordUploads(inputs -> timed.apply(() -> recordInventory().record(inputs)).get(),
        writerLock(), () -> completeMatching().complete(), org.patchwarden.usecase.RecordUploads.MAX_BATCH);
  }

  /** Findings as a user may see them, filtered, sorted and paged through the assessment index. */
  public org.patchwarden.usecase.BrowseFindings browseFindings() {
    return new org.patchwarden.usecase.BrowseFindings(indexAssessments());
  }

  /**
   * Keeps the assessment index (what findings pages read) current, assessing with the home's policy.
   * Built again only when the home's policy file or the loaded feed versions (the SSVC table among
   * them) changed: parsing the policy and loading the SSVC table cost more than a findings page.
   */
  public org.patchwarden.usecase.IndexAssessments indexAssessments() {
    Database db = database();
    java.nio.file.Path file = config.home().resolve("policy.yaml");
    String key;
    try {
      key = (java.nio.file.Files.isRegularFile(file)
          ? java.nio.file.Files.getLastModifiedTime(file) + " " + java.nio.file.Files.size(file) : "default")
          + " " + db.feedVersionStore().signature();
    } catch (java.io.IOException e) {
      key = "unreadable " + e.getMessage();
    }
    // the key is read outside the monitor: every findings page passes here
    synchronized (this) {
      if (!key.equals(indexingKey)) {
        indexing = new org.patchwarden.usecase.IndexAssessments(db.assessmentIndex(), db.findingStore(),
            db.assetStore(), rememberingAssessFindings(), db.feedVersionStore(), db.writerLock());
        indexingKey = key;
      }
      return indexing;
    }
  }

  /** Vulnerability profiles remembered at most, per {@link #indexAssessments} instance. */
  private static final int REMEMBERED_PROFILES = 200_000;

  /**
   * As {@code assessFindings(null)}, remembering each vulnerability's profile (advisories, KEV, EPSS,
   * ATT&CK: feed data only) for as long as this instance lives: {@link #indexAssessments} makes a
   * new one whenever a feed version changes. A findings page then reads no feed tables.
   */
  private AssessFindings rememberingAssessFindings() {
    Policy policy = policy(null);
    Database db = database();
    SsvcEvaluator ssvc = SsvcEvaluator.load(policy.ssvcTable(), db.ssvcStore()).orElse(null);
    DescribeVulnerability describe = describeVulnerability();
    java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<org.patchwarden.advisory.VulnerabilityProfile>>
        known = new java.util.concurrent.ConcurrentHashMap<>();
    return AssessFindings.batched(db.findingStore(), db.assetStore(), ids -> {
      java.util.Map<String, java.util.Optional<org.patchwarden.advisory.VulnerabilityProfile>> out =
          new java.util.LinkedHashMap<>();
      java.util.List<String> missing = new java.util.ArrayList<>();
      for (String id : ids) {
        var p = known.get(id);
        if (p != null) {
          out.put(id, p);
        } else {
          missing.add(id);
        }
      }
      if (!missing.isEmpty()) {
        var found = describe.describeAllForAssessment(missing);
        if (known.size() + found.size() > REMEMBERED_PROFILES) {
          known.clear();
        }
        for (String id : missing) {
          var p = found.getOrDefault(id, java.util.Optional.empty());
          known.put(id, p);
          out.put(id, p);
        }
      }
      return out;
    }, policy, ssvc, clock);
  }

  /** The finding store writers use: it re-indexes the assessments of what they change. */
  private org.patchwarden.match.FindingStore indexingFindings() {
    return new org.patchwarden.usecase.IndexingFindingStore(database().findingStore(), database().assessmentIndex(),
        this::indexAssessments);
  }

  /** The asset store writers use: a changed context re-indexes the asset's assessments. */
  private org.patchwarden.inventory.AssetStore indexingAssets() {
    return new org.patchwarden.usecase.IndexingAssetStore(database().assetStore(), database().assessmentIndex(),
        this::indexAssessments);
  }

  /** Administers users, teams and API tokens; passwords hashed with Argon2id. */
  public org.patchwarden.usecase.ManageUsers manageUsers() {
    return new org.patchwarden.usecase.ManageUsers(database().userStore(), passwordHasher(), clock);
  }

  /** Identifies callers of the server by token or session, and logs people in, throttled by {@code throttle}. */
  public org.patchwarden.usecase.Authenticate authenticate(org.patchwarden.access.LoginThrottle throttle) {
    return new org.patchwarden.usecase.Authenticate(database().userStore(), passwordHasher(), throttle,
        java.time.Duration.ofHours(8), clock);
  }

  private org.patchwarden.access.PasswordHasher passwordHasher() {
    return new org.patchwarden.app.web.Argon2PasswordHasher();
  }

  /** Flags assets whose agent has not checked in for {@code agents.stale-after}. */
  public org.patchwarden.usecase.FlagStaleAgents flagStaleAgents() {
    Database db = database();
    return new org.patchwarden.usecase.FlagStaleAgents(db.assetStore(), db.agentCheckins(), db.eventStore(), clock,
        config.ops().staleAfter());
  }

  /** Raises due-date and verification-deadline events ({@code events.due-soon} ahead). */
  public org.patchwarden.usecase.WatchDeadlines watchDeadlines() {
    Database db = database();
    return new org.patchwarden.usecase.WatchDeadlines(assessFindings(null), verifyChanges(), db.changeStore(),
        db.eventStore(), clock, config.ops().dueSoon());
  }

  /** Idempotent inventory uploads of collector agents, with their check-ins. */
  public org.patchwarden.usecase.ReceiveUpload receiveUpload() {
    Database db = database();
    return new org.patchwarden.usecase.ReceiveUpload(db.uploadReceipts(), db.agentCheckins(), clock);
  }

  /** How many findings are open, over every asset (for the metrics). */
  public long openFindingCount() {
    return database().findingStore().list(new org.patchwarden.match.FindingFilter(null, null, null,
        org.patchwarden.match.FindingStatus.OPEN)).size();
  }

  /** The server's metrics, reading feed ages and open findings from this database. */
  public org.patchwarden.app.web.ops.ServerMetrics serverMetrics() {
    return new org.patchwarden.app.web.ops.ServerMetrics(clock, () -> listFeedVersions().list(), this::openFindingCount);
  }

  /** The scheduler of this server process over the shared schedule, with the server's jobs. */
  public org.patchwarden.schedule.Scheduler scheduler(String node, org.patchwarden.app.web.ops.ServerMetrics metrics) {
    return new org.patchwarden.schedule.Scheduler(jobStore(), node, clock,
        org.patchwarden.app.web.ops.ServerJobs.of(this, metrics));
  }

  /** The events the server's jobs raised. */
  public org.patchwarden.schedule.EventStore eventStore() {
    return database().eventStore();
  }

  /** The shared job schedule (runs of the server's jobs). */
  public org.patchwarden.schedule.JobStore jobStore() {
    return database().jobStore();
  }

  /** Whether the database answers with the current schema (the server's readiness). */
  public org.patchwarden.store.Database.Readiness readiness() {
    try {
      return database().readiness();
    } catch (RuntimeException e) {
      return new org.patchwarden.store.Database.Readiness(false, -1, -1, "cannot open the database: " + e.getMessage());
    }
  }

  /** Captures baselines from the stored inventories. */
  public org.patchwarden.usecase.CaptureBaseline captureBaseline() {
    Database db = database();
    return new org.patchwarden.usecase.CaptureBaseline(db.assetStore(), db.baselineStore(), clock);
  }

  /** Reads and compares baselines against the stored advisories. */
  public org.patchwarden.usecase.DiffBaselines diffBaselines() {
    Database db = database();
    return new org.patchwarden.usecase.DiffBaselines(db.baselineStore(), db.advisoryStore());
  }

  /** Checks and records staging evidence for changes. */
  public org.patchwarden.usecase.RecordStagingEvidence recordStagingEvidence() {
    Database db = database();
    var r = config.remediation();
    // remediation.staging-evidence-approves: the staging-baseline auto-approve rule
    var rules = r.stagingEvidenceApproves()
        ? new org.patchwarden.remediate.ApprovalRules(r.approvals(), r.autoApproveTiers()) : null;
    return new org.patchwarden.usecase.RecordStagingEvidence(db.changeStore(), db.baselineStore(), diffBaselines(),
        clock, rules);
  }

  /** The staging evidence recorded for a change, oldest first. */
  public java.util.List<org.patchwarden.baseline.StagingEvidence> stagingEvidence(long changeId) {
    return database().baselineStore().evidence(changeId);
  }

  /**
   * The drift policy: {@code policyFile}, else {@code $PATCHWARDEN_HOME/drift-policy.yaml} when
   * present, else the strict default.
   */
  public org.patchwarden.baseline.DriftPolicy driftPolicy(java.nio.file.Path policyFile) {
    java.nio.file.Path home = config.home().resolve("drift-policy.yaml");
    return policyFile != null ? org.patchwarden.formats.baseline.DriftPolicyYamlReader.read(policyFile)
        : java.nio.file.Files.isRegularFile(home) ? org.patchwarden.formats.baseline.DriftPolicyYamlReader.read(home)
            : org.patchwarden.baseline.DriftPolicy.strict();
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
