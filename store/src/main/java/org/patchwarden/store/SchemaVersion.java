package org.patchwarden.store;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The schema version a database records, read with one query, against the newest migration this
 * build carries: Flyway (hundreds of classes, a classpath scan and a checksum of every migration)
 * runs only when the two differ.
 */
final class SchemaVersion {
  private static final String ANCHOR = "/db/migration/V1__init.sql";
  private static final Pattern MIGRATION = Pattern.compile("(?:.*/)?V(\\d+)__[^/]*\\.sql");
  private static int newest = Integer.MIN_VALUE;

  private SchemaVersion() {}

  /**
   * The newest {@code V<n>__*.sql} migration this build carries, read from the directory or jar
   * holding {@code db/migration} (a listing, not Flyway's scan); -1 when it cannot be listed.
   * Read from the files rather than kept as a constant, which a new migration would leave stale.
   */
  static synchronized int newestInBuild() {
    if (newest == Integer.MIN_VALUE) {
      newest = newest(SchemaVersion.class.getResource(ANCHOR));
    }
    return newest;
  }

  /** The newest migration beside {@code anchor} (a {@code file:} or {@code jar:} URL of V1), or -1. */
  static int newest(URL anchor) {
    if (anchor == null) {
      return -1;
    }
    try {
      return switch (anchor.getProtocol()) {
        case "file" -> {
          try (Stream<Path> files = Files.list(Path.of(anchor.toURI()).getParent())) {
            yield files.mapToInt(p -> version(p.getFileName().toString())).max().orElse(-1);
          }
        }
        case "jar" -> {
          String spec = anchor.getPath();
          int bang = spec.indexOf("!/");
          if (bang < 0 || spec.indexOf("!/", bang + 2) >= 0) {
            yield -1; // not a plain jar on disk (a jar in a jar): let Flyway decide
          }
          String dir = spec.substring(bang + 2, spec.lastIndexOf('/') + 1);
          try (JarFile jar = new JarFile(Path.of(new java.net.URI(spec.substring(0, bang))).toFile())) {
            yield jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0)
                .mapToInt(SchemaVersion::version).max().orElse(-1);
          }
        }
        default -> -1;
      };
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return -1;
    }
  }

  private static int version(String name) {
    Matcher m = MIGRATION.matcher(name);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** What to do with a database whose history says {@code installed} (empty: no history, a new database). */
  enum Action { NONE, MIGRATE }

  /**
   * Whether the database behind {@code dataSource} needs Flyway: MIGRATE when it has no history, an
   * older version or a failed migration, or when this build's migrations cannot be listed; NONE
   * when it is at {@link #newestInBuild}.
   *
   * @throws SchemaTooNewException when a newer build migrated it past what this one knows
   */
  static Action check(DataSource dataSource) {
    int newest = newestInBuild();
    if (newest < 0) {
      return Action.MIGRATE;
    }
    OptionalInt installed;
    try (Connection c = dataSource.getConnection()) {
      installed = installed(c);
    } catch (SQLException e) {
      // No history table (a new database) or an unreadable one: Flyway knows what to do or to say.
      return Action.MIGRATE;
    }
    if (installed.isEmpty() || installed.getAsInt() < newest) {
      return Action.MIGRATE;
    }
    if (installed.getAsInt() > newest) {
      throw new SchemaTooNewException(installed.getAsInt(), newest);
    }
    return Action.NONE;
  }

  /**
   * The highest successfully applied versioned migration, or empty when the history is empty or
   * holds a failed migration (which Flyway must report or repair).
   */
  static OptionalInt installed(Connection c) throws SQLException {
    int newest = -1;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (rs.next()) {
        String version = rs.getString(1);
        if (!rs.getBoolean(2)) {
          return OptionalInt.empty();
        }
        if (version == null || version.isBlank()) {
          continue; // a repeatable migration or the baseline marker of another tool
        }
        newest = Math.max(newest, major(version));
      }
    }
    return newest < 0 ? OptionalInt.empty() : OptionalInt.of(newest);
  }

  private static int major(String version) {
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version.strip() : version.substring(0, dot).strip());
    } catch (NumberFormatException e) {
      return -1; // not one of ours: counts as older, so Flyway validates it
    }
  }
}
