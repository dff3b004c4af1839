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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The migrations a database records as applied, read with one query, against the migrations this
 * build carries: Flyway (hundreds of classes, a classpath scan and a checksum of every migration)
 * runs only when they differ. Versions are compared whole ({@code V13_1} is 13.1, not 13), and every
 * migration of the build must be applied, not just the newest: migrations are numbered out of order
 * on purpose, so a lower number merged later must still migrate a database past a higher one.
 */
final class SchemaVersion {
  private static final String ANCHOR = "/db/migration/V1__init.sql";
  /** The migration files' names, one per line, written by the build (store/pom.xml) beside the folder. */
  static final String INDEX = "/db/migration-index.txt";
  private static final Pattern MIGRATION = Pattern.compile("(?:.*/)?V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");
  /** Flyway's order of versions: part by part, numerically; missing parts count as zero. */
  static final Comparator<String> ORDER = SchemaVersion::compare;
  private static NavigableSet<String> inBuild;

  private SchemaVersion() {}

  /**
   * Every migration this build carries (versions as Flyway records them, {@code 13.1}): the {@code
   * V<version>__*.sql} files, read from the directory or jar holding {@code db/migration} (a listing, not
   * Flyway's scan), and {@link Database#JAVA_MIGRATION_VERSIONS}; empty when the files cannot be listed. Read from the files rather than kept as a
   * constant, which a new migration would leave stale.
   */
  static synchronized NavigableSet<String> inBuild() {
    if (inBuild == null) {
      URL index = SchemaVersion.class.getResource(INDEX);
      NavigableSet<String> all = index != null ? listed(index) : migrations(SchemaVersion.class.getResource(ANCHOR));
      if (!all.isEmpty()) {
        Database.JAVA_MIGRATION_VERSIONS.forEach(v -> all.add(canonical(v)));
      }
      inBuild = java.util.Collections.unmodifiableNavigableSet(all);
    }
    return inBuild;
  }

  /** The major number of the newest migration this build carries ({@code 13} for 13.1), or -1. */
  static int newestInBuild() {
    NavigableSet<String> all = inBuild();
    return all.isEmpty() ? -1 : major(all.last());
  }

  /** The major number of the newest migration beside {@code anchor} (a {@code file:} or {@code jar:} URL of V1), or -1. */
  static int newest(URL anchor) {
    NavigableSet<String> all = migrations(anchor);
    return all.isEmpty() ? -1 : major(all.last());
  }

  /** The migration versions beside {@code anchor}, in Flyway's order; empty when they cannot be listed. */
  static NavigableSet<String> migrations(URL anchor) {
    NavigableSet<String> versions = new TreeSet<>(ORDER);
    if (anchor == null) {
      return versions;
    }
    try {
      switch (anchor.getProtocol()) {
        case "file" -> {
          try (Stream<Path> files = Files.list(Path.of(anchor.toURI()).getParent())) {
            files.map(p -> version(p.getFileName().toString())).flatMap(Optional::stream).forEach(versions::add);
          }
        }
        case "jar" -> {
          String spec = anchor.getPath();
          int bang = spec.indexOf("!/");
          if (bang < 0 || spec.indexOf("!/", bang + 2) >= 0) {
            return new TreeSet<>(ORDER); // not a plain jar on disk (a jar in a jar): let Flyway decide
          }
          String dir = spec.substring(bang + 2, spec.lastIndexOf('/') + 1);
          try (JarFile jar = new JarFile(Path.of(new java.net.URI(spec.substring(0, bang))).toFile())) {
            jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0)
                .map(SchemaVersion::version).flatMap(Optional::stream).forEach(versions::add);
          }
        }
        default -> {
          return versions;
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return new TreeSet<>(ORDER);
    }
    return versions;
  }

  /** The versions of the migration files named in {@code index}; empty when it cannot be read. */
  static NavigableSet<String> listed(URL index) {
    NavigableSet<String> versions = new TreeSet<>(ORDER);
    try (var in = index.openStream()) {
      new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .map(SchemaVersion::version).flatMap(Optional::stream).forEach(versions::add);
    } catch (IOException e) {
      return new TreeSet<>(ORDER);
    }
    return versions;
  }

  private static Optional<String> version(String fileName) {
    Matcher m = MIGRATION.matcher(fileName);
    return m.matches() ? Optional.of(canonical(m.group(1))) : Optional.empty();
  }

  /**
   * A version as one string per value: parts as numbers without leading zeros, trailing zero parts
   * dropped ({@code 13_1}, {@code 13.1} and {@code 13.1.0} are all {@code 13.1}), as Flyway compares them.
   */
  static String canonical(String version) {
    List<String> parts = new ArrayList<>();
    for (String part : version.strip().split("[._]")) {
      parts.add(new java.math.BigInteger(part).toString());
    }
    while (parts.size() > 1 && parts.getLast().equals("0")) {
      parts.removeLast();
    }
    return String.join(".", parts);
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = new java.math.BigInteger(i < x.length ? x[i] : "0").compareTo(new java.math.BigInteger(i < y.length ? y[i] : "0"));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** What to do with a database whose history says {@code installed} (empty: no history, a new database). */
  enum Action { NONE, MIGRATE }

  /**
   * Whether the database behind {@code dataSource} needs Flyway: MIGRATE when it has no history, a
   * failed migration, or lacks any migration of this build (an older database, or one past a higher
   * number that a lower one merged later), or when this build's migrations cannot be listed; NONE
   * when every migration of the build is applied and none beyond them.
   *
   * @throws SchemaTooNewException when a newer build migrated it past what this one knows
   */
  static Action check(DataSource dataSource) {
    if (inBuild().isEmpty()) {
      return Action.MIGRATE;
    }
    Optional<NavigableSet<String>> applied;
    try (Connection c = dataSource.getConnection()) {
      applied = applied(c);
    } catch (SQLException e) {
      // No history table (a new database) or an unreadable one: Flyway knows what to do or to say.
      return Action.MIGRATE;
    }
    return applied.map(a -> check(a, inBuild())).orElse(Action.MIGRATE);
  }

  /** As {@link #check(DataSource)}, for a history holding {@code applied} and a build carrying {@code build}. */
  static Action check(Collection<String> applied, NavigableSet<String> build) {
    if (applied.isEmpty() || build.isEmpty()) {
      return Action.MIGRATE;
    }
    String newestApplied = applied.stream().max(ORDER).orElseThrow();
    if (ORDER.compare(newestApplied, build.last()) > 0) {
      throw new SchemaTooNewException(newestApplied, build.last());
    }
    // Anything else that differs (a missing migration, or an applied one this build does not carry)
    // is Flyway's to migrate, validate and explain.
    return applied.size() == build.size() && build.containsAll(applied) ? Action.NONE : Action.MIGRATE;
  }

  /**
   * The successfully applied versioned migrations (canonical versions), or empty when the history
   * holds a failed migration (which Flyway must report or repair).
   */
  static Optional<NavigableSet<String>> applied(Connection c) throws SQLException {
    NavigableSet<String> versions = new TreeSet<>(ORDER);
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
      while (rs.next()) {
        String version = rs.getString(1);
        if (!rs.getBoolean(2)) {
          return Optional.empty();
        }
        if (version == null || version.isBlank()) {
          continue; // a repeatable migration
        }
        try {
          versions.add(canonical(version));
        } catch (NumberFormatException e) {
          versions.add("0." + Math.abs(version.hashCode())); // not one of ours: differs, so Flyway validates it
        }
      }
    }
    return Optional.of(versions);
  }

  /**
   * The major number of the highest successfully applied versioned migration, or empty when the
   * history is empty or holds a failed migration.
   */
  static OptionalInt installed(Connection c) throws SQLException {
    return applied(c).filter(v -> !v.isEmpty()).map(v -> OptionalInt.of(major(v.last()))).orElse(OptionalInt.empty());
  }

  private static int major(String version) {
    int dot = version.indexOf('.');
    return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
  }
}
