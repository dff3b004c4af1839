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
 */
public record AppConfig(Path home, String dbUrl, String dbUser, String dbPassword, String logLevel,
    java.util.List<Upstream> upstreams, String nvdApiKey) {
  public AppConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(dbUrl, "dbUrl");
    Objects.requireNonNull(logLevel, "logLevel");
    upstreams = java.util.List.copyOf(upstreams);
  }

  /** Whether the database is the embedded SQLite file. */
  public boolean embedded() {
    return dbUrl.startsWith("jdbc:sqlite:");
  }
}
