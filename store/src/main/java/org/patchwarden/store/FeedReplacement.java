package org.patchwarden.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedStoreException;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.LoadMode;
import org.patchwarden.feed.OlderFeedException;
import org.patchwarden.feed.RemovalShareException;

/**
 * The one way a feed snapshot becomes the current content of a source, for every feed store.
 *
 * <p>Inside one transaction: when the document's content hash equals the stored one, nothing is
 * written. Otherwise the snapshot is read in batches of {@value #BATCH} records; each record's
 * canonical JSON is hashed and compared with the stored hash of its key, only new and changed
 * records are written (through the store's {@link Target}), and every key seen goes to {@code
 * feed_staging}. After the last record, set-based statements delete the source's stored keys that
 * are not staged, append every change to the {@code feed_changes} outbox, make the version current
 * and empty the staging rows. Memory holds one batch, whatever the feed's size. Any exception —
 * typically a {@link org.patchwarden.feed.FeedFormatException} half-way — rolls everything back.
 *
 * <p>A {@link LoadMode#MERGE} document is part of its source: nothing is removed, and a part that
 * changes nothing leaves the version as it was. A document that must not roll back ({@link
 * FeedDocument#refuseOlder()}) and is dated before the current version throws {@link
 * OlderFeedException} once its header is read, inside the same transaction; a replacement that
 * would remove more than the document's {@link FeedDocument#maxRemovalShare()} of the source throws
 * {@link RemovalShareException} before anything is removed. On PostgreSQL the transaction first takes
 * an advisory lock on the source, so that two loads of one source run one after the other and the
 * second one's checks see the first one's commit. A database failure surfaces as a one-line
 * {@link FeedStoreException}.
 */
final class FeedReplacement {
  /** Records read, compared and written together. */
  static final int BATCH = 500;

  private FeedReplacement() {}

  /**
   * A table holding a store's records. Convention: it has a {@code record_hash} column.
   *
   * @param sourceColumn the column naming the feed, or null for a table of one feed only
   */
  record Table(String name, String keyColumn, String sourceColumn) {}

  /**
   * A record read from the snapshot, with its key, canonical JSON and that JSON's SHA-256.
   *
   * @param change ADDED or UPDATED once compared with the stored record; null before
   */
  record Row<T>(String key, T record, String json, String hash, FeedChange.Kind change) {
    Row<T> compared(FeedChange.Kind kind) {
      return new Row<>(key, record, json, hash, kind);
    }
  }

  /** What one store tells the replacement about its records. */
  interface Target<T> {
    /** The tables the store keeps the feed's records in, each keyed by the record key. */
    List<Table> tables();

    /** The record's key within its feed, unique per source: CVE id, advisory id, ATT&CK id … */
    String key(T record);

    /**
     * Writes new and changed records of {@code source} ({@link Row#change()} tells which),
     * replacing any stored row of the same key.
     */
    void write(Handle h, String source, List<Row<T>> rows);

    /** Whether a change of the store's records changes findings, so that its commit owes a re-match. */
    default boolean rematched() {
      return false;
    }
  }

  /** Refuses a document of another feed for a store that holds one feed only. */
  static void requireSource(FeedDocument document, String source) {
    if (!document.source().equals(source)) {
      throw new IllegalArgumentException("this store holds feed '" + source + "', not '" + document.source() + "'");
    }
  }

  static <T> FeedUpdate replace(Jdbi jdbi, Target<T> target, FeedSnapshot<? extends T> snapshot, FeedDocument document) {
    return inTransaction(jdbi, document.source(), h -> {
      String source = document.source();
      lockSource(h, source);
      Optional<FeedVersion> current = JdbiFeedVersionStore.current(h, source);
      // NB: a merged part is stored under a hash of its own, so that replacing the source with
      // the same bytes is not mistaken for the merge that already happened.
      String contentHash = document.mode() == LoadMode.MERGE
          ? RecordJson.sha256("merged " + document.contentHash()) : document.contentHash();
      if (current.isPresent() && current.get().contentHash().equals(contentHash)) {
        return new FeedUpdate(current.get(), true, 0, 0, 0);
      }
      // Staging rows never outlive a transaction; this only guards against a foreign leftover.
      h.createUpdate("DELETE FROM feed_staging WHERE source = :source").bind("source", source).execute();

      Batch<T> batch = new Batch<>(h, target, source);
      FeedHeader header = snapshot.drainTo(batch::add);
      batch.flush();

      String version = header.version().isBlank()
          ? "sha256:" + document.contentHash().substring(0, Math.min(12, document.contentHash().length()))
          : header.version();
      refuseRollback(document, current, header, version);
      boolean merge = document.mode() == LoadMode.MERGE;
      if (!merge && document.maxRemovalShare() < 1) {
        refuseLargeRemoval(h, target, document, version);
      }
      String loadedAt = SqlTime.format(document.loadedAt());
      int removed = 0;
      // A merged document holds some of the source's records: the others stay.
      for (Table t : merge ? List.<Table>of() : target.tables()) {
        removed += h.createUpdate("INSERT INTO feed_changes (source, version, record_key, kind, loaded_at) "
                + "SELECT :source, :version, " + t.keyColumn() + ", 'REMOVED', :loaded FROM " + t.name()
                + " WHERE " + notStaged(t))
            .bind("source", source).bind("version", version).bind("loaded", loadedAt)
            .execute();
        h.createUpdate("DELETE FROM " + t.name() + " WHERE " + notStaged(t)).bind("source", source).execute();
      }
      h.createUpdate("""
              INSERT INTO feed_changes (source, version, record_key, kind, loaded_at)
              SELECT source, :version, record_key, change_kind, :loaded FROM feed_staging
              WHERE source = :source AND change_kind IS NOT NULL
              """)
          .bind("source", source).bind("version", version).bind("loaded", loadedAt)
          .execute();
      Map<String, Integer> kinds = new HashMap<>();
      h.createQuery("SELECT change_kind, COUNT(*) AS n FROM feed_staging WHERE source = :source GROUP BY change_kind")
          .bind("source", source)
          .map((rs, ctx) -> Map.entry(String.valueOf(rs.getString("change_kind")), rs.getInt("n")))
          .forEach(e -> kinds.put(e.getKey(), e.getValue()));
      h.createUpdate("DELETE FROM feed_staging WHERE source = :source").bind("source", source).execute();
      int added = kinds.getOrDefault(FeedChange.Kind.ADDED.name(), 0);
      int updated = kinds.getOrDefault(FeedChange.Kind.UPDATED.name(), 0);
      if (merge && current.isPresent() && added + updated == 0) {
        // Nothing new in the part loaded: the source's version stays what it was.
        return new FeedUpdate(current.get(), true, 0, 0, 0);
      }
      int records = merge ? count(h, target, source) : kinds.values().stream().mapToInt(Integer::intValue).sum();
      Instant released = header.released();
      if (merge && current.isPresent() && current.get().released() != null
          && (released == null || released.isBefore(current.get().released()))) {
        released = current.get().released(); // the newest record date of the whole source
      }
      JdbiFeedVersionStore.upsert(h, new FeedVersion(source, version, released, records,
          document.loadedAt(), document.origin(), contentHash));
      if (target.rematched() && added + updated + removed > 0) {
        // In the committing transaction: a process killed before the re-match leaves this note.
        JdbiMatchBacklog.rematchPending(h, source, version, loadedAt);
      }
      // Read back, so that the caller sees the instants as stored (microseconds), equal to current().
      FeedVersion loaded = JdbiFeedVersionStore.current(h, source).orElseThrow();
      return new FeedUpdate(loaded, false, added, updated, removed);
    });
  }

  /**
   * Refuses a dated document released before the current version: its own date is known only once
   * read, and the check runs in the replacing transaction, so that no path can roll a catalog back.
   */
  private static void refuseRollback(FeedDocument document, Optional<FeedVersion> current, FeedHeader header,
      String version) {
    if (!document.refuseOlder() || current.isEmpty()) {
      return;
    }
    FeedVersion now = current.get();
    boolean older = header.released() != null && now.released() != null
        ? header.released().isBefore(now.released())
        : !header.version().isBlank() && header.version().compareTo(now.version()) < 0;
    if (older) {
      throw new OlderFeedException(document.source(), version, now.version());
    }
  }

  /**
   * Refuses a replacement that would remove more than the document's share of the source's records:
   * an empty or truncated document must not wipe a source unless forced.
   */
  private static void refuseLargeRemoval(Handle h, Target<?> target, FeedDocument document, String version) {
    String source = document.source();
    int held = count(h, target, source);
    if (held == 0) {
      return;
    }
    int removed = 0;
    for (Table t : target.tables()) {
      removed += h.createQuery("SELECT COUNT(*) FROM " + t.name() + " WHERE " + notStaged(t))
          .bind("source", source).mapTo(Integer.class).one();
    }
    if (removed > held * document.maxRemovalShare()) {
      throw new RemovalShareException(source, version, removed, held, document.maxRemovalShare());
    }
  }

  /**
   * Serializes loads and removals of one source until the transaction ends, so that the version
   * check and the key comparisons see the other load's commit. SQLite needs nothing here: its
   * transactions begin IMMEDIATE (see {@link Database}), holding the database's write lock.
   */
  private static void lockSource(Handle h, String source) throws SQLException {
    if (h.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
      h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:source))) AS locked")
          .bind("source", source).mapTo(Integer.class).one();
    }
  }

  /**
   * Runs {@code work} in one transaction; a database failure becomes a {@link FeedStoreException} of
   * one line, since Jdbi's own message quotes the statement and its bound data (megabytes of JSON).
   */
  private static <R> R inTransaction(Jdbi jdbi, String source, HandleCallback<R, SQLException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (JdbiException e) {
      throw new FeedStoreException(source, reason(e), e);
    } catch (SQLException e) {
      throw new FeedStoreException(source, reason(e), e);
    }
  }

  /** The first line of the innermost SQL error's message, else the exception's type. */
  static String reason(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    String line = message.strip().lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** The records a source holds now, over all its store's tables. */
  private static int count(Handle h, Target<?> target, String source) {
    int n = 0;
    for (Table t : target.tables()) {
      var q = h.createQuery("SELECT COUNT(*) FROM " + t.name()
          + (t.sourceColumn() == null ? "" : " WHERE " + t.sourceColumn() + " = :source"));
      if (t.sourceColumn() != null) {
        q.bind("source", source);
      }
      n += q.mapTo(Integer.class).one();
    }
    return n;
  }

  /**
   * Removes every record of {@code source} and its version in one transaction, each removal
   * appended to {@code feed_changes} under version {@code removed@<at>}, and (for a store whose
   * records are matched) that version's pending re-match noted.
   *
   * @return the keys removed
   */
  static List<String> remove(Jdbi jdbi, Target<?> target, String source, Instant at) {
    return inTransaction(jdbi, source, h -> {
      lockSource(h, source);
      String version = "removed@" + at;
      String loadedAt = SqlTime.format(at);
      List<String> keys = new ArrayList<>();
      for (Table t : target.tables()) {
        String ofSource = t.sourceColumn() == null ? "" : " WHERE " + t.sourceColumn() + " = :source";
        var select = h.createQuery("SELECT " + t.keyColumn() + " FROM " + t.name() + ofSource);
        if (t.sourceColumn() != null) {
          select.bind("source", source);
        }
        keys.addAll(select.mapTo(String.class).list());
        var changes = h.createUpdate("INSERT INTO feed_changes (source, version, record_key, kind, loaded_at) "
                + "SELECT :source, :version, " + t.keyColumn() + ", 'REMOVED', :loaded FROM " + t.name() + ofSource)
            .bind("source", source).bind("version", version).bind("loaded", loadedAt);
        changes.execute();
        var delete = h.createUpdate("DELETE FROM " + t.name() + ofSource);
        if (t.sourceColumn() != null) {
          delete.bind("source", source);
        }
        delete.execute();
      }
      h.createUpdate("DELETE FROM feed_versions WHERE source = :source").bind("source", source).execute();
      if (target.rematched() && !keys.isEmpty()) {
        // As a load does: a process killed before the removal's re-match leaves this note, not open findings
        // of records that no longer exist.
        JdbiMatchBacklog.rematchPending(h, source, version, loadedAt);
      }
      return keys;
    });
  }

  /** The condition selecting a table's rows of {@code :source} whose key was not staged. */
  private static String notStaged(Table t) {
    String ofSource = t.sourceColumn() == null ? "" : t.name() + "." + t.sourceColumn() + " = :source AND ";
    return ofSource + "NOT EXISTS (SELECT 1 FROM feed_staging s WHERE s.source = :source AND s.record_key = "
        + t.name() + "." + t.keyColumn() + ")";
  }

  /** Up to {@link #BATCH} records read but not yet compared; a later duplicate key replaces an earlier one. */
  private static final class Batch<T> {
    private final Handle h;
    private final Target<T> target;
    private final String source;
    private final Map<String, Row<T>> pending = new LinkedHashMap<>();

    Batch(Handle h, Target<T> target, String source) {
      this.h = h;
      this.target = target;
      this.source = source;
    }

    void add(T record) {
      String json = RecordJson.write(record);
      String key = target.key(record);
      pending.put(key, new Row<>(key, record, json, RecordJson.sha256(json), null));
      if (pending.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      Map<String, String> stored = storedHashes();
      List<Row<T>> changed = new ArrayList<>();
      PreparedBatch staging = h.prepareBatch("""
          INSERT INTO feed_staging (source, record_key, record_hash, change_kind)
          VALUES (:source, :key, :hash, :kind)
          ON CONFLICT (source, record_key) DO UPDATE SET
            record_hash = excluded.record_hash,
            change_kind = COALESCE(feed_staging.change_kind, excluded.change_kind)
          """);
      for (Row<T> row : pending.values()) {
        String before = stored.get(row.key());
        FeedChange.Kind kind = before == null ? FeedChange.Kind.ADDED
            : before.equals(row.hash()) ? null : FeedChange.Kind.UPDATED;
        if (kind != null) {
          changed.add(row.compared(kind));
        }
        // NB: a key seen again in a later batch keeps the kind of its first sighting (see COALESCE).
        staging.bind("source", source).bind("key", row.key()).bind("hash", row.hash())
            .bind("kind", kind == null ? null : kind.name())
            .add();
      }
      staging.execute();
      if (!changed.isEmpty()) {
        target.write(h, source, changed);
      }
      pending.clear();
    }

    private Map<String, String> storedHashes() {
      Map<String, String> stored = new HashMap<>();
      List<String> keys = List.copyOf(pending.keySet());
      for (Table t : target.tables()) {
        Query q = h.createQuery("SELECT " + t.keyColumn() + " AS record_key, record_hash FROM " + t.name()
                + " WHERE " + (t.sourceColumn() == null ? "" : t.sourceColumn() + " = :source AND ")
                + t.keyColumn() + " IN (<keys>)")
            .bindList("keys", keys);
        if (t.sourceColumn() != null) {
          q.bind("source", source);
        }
        q.map((rs, ctx) -> Map.entry(rs.getString("record_key"), rs.getString("record_hash")))
            .forEach(e -> stored.put(e.getKey(), e.getValue()));
      }
      return stored;
    }
  }
}
