package org.patchwarden.app.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The resolved configuration of one run.
 *
 * @param home the data directory ({@code $PATCHWARDEN_HOME}, default {@code ./patchwarden-data})
 * @param dbUrl JDBC URL; by default the SQLite file {@code patchwarden.db} in {@code home}
 * @param dbUser database user, or null to take it from the URL
 * @param dbPassword database password, or null
 * @param logLevel one of error, warn, info, debug, trace
 * @param upstreams the feeds {@code feeds sync} knows, with configured URLs and switches
 * @param nvdApiKey the NVD API key ({@code feeds.nvd.api-key}, {@code PATCHWARDEN_NVD_API_KEY}), or null
 * @param maxRemovalShare the share of a source's records a feed replacement may remove unless forced
 *     ({@code feeds.max-removal-share}, default 0.5)
 * @param remediation approvals, verification window and auto-approval ({@code remediation.*})
 * @param ops the server's scheduled work: feed sync interval, stale agents, due-soon events
 */
public record AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, String logLevel,
    java.util.List<Upstream> upstreams, String nvdApiKey, double maxRemovalShare, RemediationSettings remediation,
    OpsSettings ops) {
  public AppConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(logLevel, "logLevel");
    upstreams = java.util.List.copyOf(upstreams);
    Objects.requireNonNull(remediation, "remediation");
    Objects.requireNonNull(ops, "ops");
  }

  /** With the default operation settings. */
  public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, String logLevel,
      java.util.List<Upstream> upstreams, String nvdApiKey, double maxRemovalShare, RemediationSettings remediation) {
    this(home, dbUrl, dbUser, dbPassword, logLevel, upstreams, nvdApiKey, maxRemovalShare, remediation,
        OpsSettings.defaults());
  }

  /** With the default remediation settings. */
  public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, String logLevel,
      java.util.List<Upstream> upstreams, String nvdApiKey, double maxRemovalShare) {
    this(home, dbUrl, dbUser, dbPassword, logLevel, upstreams, nvdApiKey, maxRemovalShare,
        RemediationSettings.defaults());
  }

  /** With the default removal limit. */
  public AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, String logLevel,
      java.util.List<Upstream> upstreams, String nvdApiKey) {
    this(home, dbUrl, dbUser, dbPassword, logLevel, upstreams, nvdApiKey,
        org.patchwarden.usecase.UpdateFeed.DEFAULT_MAX_REMOVAL_SHARE);
  }

  /** Whether the database is the embedded SQLite file. */
  public boolean embedded() {
    return dbUrl.startsWith("jdbc:sqlite:");
  }
}
