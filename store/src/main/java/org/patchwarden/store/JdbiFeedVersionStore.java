package org.patchwarden.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.FeedVersionStore;

/** Feed versions in the {@code feed_versions} table, and their changes in the {@code feed_changes} outbox. */
final class JdbiFeedVersionStore implements FeedVersionStore {
  private final Jdbi jdbi;

  JdbiFeedVersionStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public String signature() {
    // the stored text as it is: no time parsing or records, as every findings page asks
    return jdbi.withHandle(h -> h.createQuery("SELECT source, version, loaded_at, content_hash, record_count"
        + " FROM feed_versions ORDER BY source").map((rs, ctx) -> rs.getString(1) + ' ' + rs.getString(2) + ' '
        + rs.getString(3) + ' ' + rs.getString(4) + ' ' + rs.getString(5)).list().toString());
  }

  @Override
  public Optional<FeedVersion> current(String source) {
    return jdbi.withHandle(h -> current(h, source));
  }

  @Override
  public List<FeedVersion> all() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM feed_versions ORDER BY source")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  @Override
  public List<FeedChange> changes(String source, String version) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT source, version, record_key, kind FROM feed_changes
            WHERE source = :source AND version = :version
            ORDER BY record_key, loaded_at
            """)
        .bind("source", source)
        .bind("version", version)
        .map((rs, ctx) -> new FeedChange(rs.getString("source"), rs.getString("version"),
            rs.getString("record_key"), FeedChange.Kind.valueOf(rs.getString("kind"))))
        .list());
  }

  static Optional<FeedVersion> current(Handle h, String source) {
    return h.createQuery("SELECT * FROM feed_versions WHERE source = :source")
        .bind("source", source)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /** Makes {@code version} current; call inside the transaction that stored its records. */
  static void upsert(Handle h, FeedVersion v) {
    h.createUpdate("""
            INSERT INTO feed_versions (source, version, released_at, record_count, loaded_at, origin, content_hash)
            VALUES (:source, :version, :released, :records, :loaded, :origin, :hash)
            ON CONFLICT (source) DO UPDATE SET
              version = excluded.version, released_at = excluded.released_at,
              record_count = excluded.record_count, loaded_at = excluded.loaded_at, origin = excluded.origin,
              content_hash = excluded.content_hash
            """)
        .bind("source", v.source())
        .bind("version", v.version())
        .bind("released", SqlTime.format(v.released()))
        .bind("records", v.records())
        .bind("loaded", SqlTime.format(v.loadedAt()))
        .bind("origin", v.origin())
        .bind("hash", v.contentHash())
        .execute();
  }

  private static FeedVersion map(ResultSet rs) throws SQLException {
    return new FeedVersion(
        rs.getString("source"),
        rs.getString("version"),
        SqlTime.instant(rs.getString("released_at")),
        rs.getInt("record_count"),
        SqlTime.instant(rs.getString("loaded_at")),
        rs.getString("origin"),
        rs.getString("content_hash"));
  }
}
