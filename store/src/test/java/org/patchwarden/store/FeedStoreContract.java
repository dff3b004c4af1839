package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.LoadMode;
import org.patchwarden.feed.OlderFeedException;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.feed.FeedVersion;

/**
 * What every feed store must do when a snapshot replaces its source, on every database: unchanged
 * documents write nothing, changes are recorded per record, failures change nothing, and large
 * feeds stream. Each port's contract extends this with its own reads.
 *
 * @param <T> the feed's record type
 */
abstract class FeedStoreContract<T> extends DatabaseContract {
  static final Instant RELEASED = Instant.parse("2025-08-25T17:04:19.9796Z");
  static final Instant LOADED = Instant.parse("2025-08-26T08:00:00Z");
  static final Instant LATER = Instant.parse("2025-08-27T08:00:00Z");

  /** The feed the contract loads. */
  protected abstract String source();

  /**
   * Record number {@code n} (its key depends on {@code n} only) in content {@code revision}: two
   * revisions of one record differ in at least one field.
   */
  protected abstract T record(int n, int revision);

  /** The key the store gives a record in {@link FeedChange#key()}. */
  protected abstract String key(T record);

  protected abstract FeedUpdate replace(FeedSnapshot<T> snapshot, FeedDocument document);

  /** The stored record with the same key as {@code like}. */
  protected abstract Optional<T> stored(T like);

  /** Records held for {@link #source()}. */
  protected abstract int count();

  /** A second feed the same store can hold independently, or null for a store of one feed only. */
  protected String otherSource() {
    return null;
  }

  static <R> FeedSnapshot<R> snapshot(String version, List<R> records) {
    return sink -> {
      records.forEach(sink);
      return new FeedHeader(version, RELEASED);
    };
  }

  FeedDocument document(String hash, Instant loadedAt) {
    return new FeedDocument(source(), "/mirror/" + source(), hash, loadedAt);
  }

  List<T> records(int revision, int... ns) {
    List<T> out = new ArrayList<>();
    for (int n : ns) {
      out.add(record(n, revision));
    }
    return out;
  }

  int rows(String table) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
  }

  String loadedAtColumn() {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT loaded_at FROM feed_versions WHERE source = :s")
        .bind("s", source()).mapTo(String.class).one());
  }

  @Test
  void storesEveryRecordAndReadsItBackEqual() {
    List<T> records = records(0, 1, 2, 3);
    FeedUpdate update = replace(snapshot("v1", records), document("hash-1", LOADED));

    for (T r : records) {
      assertThat(stored(r)).contains(r);
    }
    assertThat(count()).isEqualTo(3);
    FeedVersion expected = new FeedVersion(source(), "v1", RELEASED, 3, LOADED, "/mirror/" + source(), "hash-1");
    assertThat(update).isEqualTo(new FeedUpdate(expected, false, 3, 0, 0));
    assertThat(db.feedVersionStore().current(source())).contains(expected);
    assertThat(db.feedVersionStore().changes(source(), "v1")).extracting(FeedChange::kind)
        .containsOnly(FeedChange.Kind.ADDED).hasSize(3);
  }

  @Test
  void anUnchangedDocumentWritesNothingAndIsNotEvenRead() {
    FeedUpdate first = replace(snapshot("v1", records(0, 1, 2)), document("same-hash", LOADED));
    String loadedAt = loadedAtColumn();
    int changes = rows("feed_changes");

    FeedSnapshot<T> unreadable = sink -> {
      throw new AssertionError("an unchanged document must not be read");
    };
    FeedUpdate again = replace(unreadable, document("same-hash", LATER));

    assertThat(again).isEqualTo(new FeedUpdate(first.version(), true, 0, 0, 0));
    assertThat(loadedAtColumn()).isEqualTo(loadedAt);
    assertThat(rows("feed_changes")).isEqualTo(changes);
    assertThat(db.feedVersionStore().current(source()).orElseThrow().loadedAt()).isEqualTo(LOADED);
  }

  @Test
  void aChangedDocumentRecordsExactlyTheAddedUpdatedAndRemovedRecords() {
    replace(snapshot("v1", records(0, 1, 2, 3)), document("hash-1", LOADED));

    T same = record(1, 0);
    T changed = record(2, 1);
    T added = record(4, 0);
    FeedUpdate update = replace(snapshot("v2", List.of(same, changed, added)), document("hash-2", LATER));

    assertThat(update.unchanged()).isFalse();
    assertThat(List.of(update.added(), update.updated(), update.removed())).containsExactly(1, 1, 1);
    assertThat(update.version().records()).isEqualTo(3);
    assertThat(db.feedVersionStore().changes(source(), "v2")).containsExactlyInAnyOrder(
        new FeedChange(source(), "v2", key(added), FeedChange.Kind.ADDED),
        new FeedChange(source(), "v2", key(changed), FeedChange.Kind.UPDATED),
        new FeedChange(source(), "v2", key(record(3, 0)), FeedChange.Kind.REMOVED));
    assertThat(db.feedVersionStore().changes(source(), "v2")).extracting(FeedChange::key).isSorted();
    assertThat(db.feedVersionStore().changes(source(), "v1")).hasSize(3);
    assertThat(stored(same)).contains(same);
    assertThat(stored(changed)).contains(changed);
    assertThat(stored(added)).contains(added);
    assertThat(stored(record(3, 0))).isEmpty();
    assertThat(count()).isEqualTo(3);
  }

  @Test
  void aMergedDocumentAddsAndUpdatesAndKeepsEveryOtherRecord() {
    replace(snapshot("v1", records(0, 1, 2, 3)), document("hash-1", LOADED));

    FeedUpdate update = replace(snapshot("v2", List.of(record(2, 1), record(4, 0))),
        new FeedDocument(source(), "/one-file", "hash-2", LATER, LoadMode.MERGE, false));

    assertThat(List.of(update.added(), update.updated(), update.removed())).containsExactly(1, 1, 0);
    assertThat(update.version().records()).isEqualTo(4);
    assertThat(count()).isEqualTo(4);
    assertThat(stored(record(1, 0))).contains(record(1, 0));
    assertThat(stored(record(2, 1))).contains(record(2, 1));
    FeedUpdate again = replace(snapshot("v2", List.of(record(2, 1), record(4, 0))),
        new FeedDocument(source(), "/one-file", "hash-3", LATER, LoadMode.MERGE, false));
    assertThat(again.unchanged()).isTrue();
    assertThat(again.version()).isEqualTo(update.version());
  }

  @Test
  void aDatedDocumentReleasedBeforeTheCurrentOneIsRefusedAndNothingChanges() {
    FeedUpdate current = replace(snapshot("2025.08.25", records(0, 1, 2)), document("hash-1", LOADED));
    FeedSnapshot<T> older = sink -> {
      sink.accept(record(9, 0));
      return new FeedHeader("2025.01.29", RELEASED.minusSeconds(86_400 * 200));
    };

    assertThatThrownBy(() -> replace(older, new FeedDocument(source(), "/old", "hash-old", LATER, LoadMode.REPLACE, true)))
        .isInstanceOf(OlderFeedException.class).hasMessageContaining("2025.01.29 is older than the current 2025.08.25");
    assertThat(db.feedVersionStore().current(source())).contains(current.version());
    assertThat(count()).isEqualTo(2);
    assertThat(rows("feed_staging")).isZero();
  }

  @Test
  void aDifferentDocumentWithTheSameRecordsChangesOnlyTheVersion() {
    replace(snapshot("v1", records(0, 1, 2)), document("hash-1", LOADED));
    FeedUpdate update = replace(snapshot("v2", records(0, 2, 1)), document("hash-2", LATER));

    assertThat(update).isEqualTo(new FeedUpdate(update.version(), false, 0, 0, 0));
    assertThat(update.version().version()).isEqualTo("v2");
    assertThat(db.feedVersionStore().changes(source(), "v2")).isEmpty();
  }

  @Test
  void theSignatureMovesWithEveryNewVersionEvenAtTheSameInstantAndNotWithoutOne() {
    String empty = db.feedVersionStore().signature();
    replace(snapshot("v1", records(0, 1, 2)), document("hash-1", LOADED));
    String first = db.feedVersionStore().signature();
    replace(snapshot("v1", records(0, 1, 2)), document("hash-1", LATER)); // unchanged: nothing written
    String unchanged = db.feedVersionStore().signature();
    replace(snapshot("v2", records(0, 2, 1)), document("hash-2", LOADED));

    assertThat(first).isNotEqualTo(empty).contains(source()).contains("v1");
    assertThat(unchanged).isEqualTo(first);
    assertThat(db.feedVersionStore().signature()).isNotEqualTo(first).contains("v2");
  }

  @Test
  void aSnapshotFailingHalfWayLeavesEverythingAsBefore() {
    List<T> before = records(0, 1, 2);
    FeedUpdate good = replace(snapshot("good", before), document("hash-good", LOADED));
    int changes = rows("feed_changes");

    // More than one batch, so that changed and new records were already written when it fails.
    FeedSnapshot<T> broken = sink -> {
      sink.accept(record(1, 1));
      for (int n = 100; n < 100 + FeedReplacement.BATCH + 50; n++) {
        sink.accept(record(n, 0));
      }
      throw new FeedFormatException("feed.json", "records[551]", "missing id");
    };
    assertThatThrownBy(() -> replace(broken, document("hash-broken", LATER)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("records[551]");

    for (T r : before) {
      assertThat(stored(r)).contains(r);
    }
    assertThat(stored(record(100, 0))).isEmpty();
    assertThat(count()).isEqualTo(2);
    assertThat(db.feedVersionStore().current(source())).contains(good.version());
    assertThat(rows("feed_changes")).isEqualTo(changes);
    assertThat(rows("feed_staging")).isZero();
  }

  @Test
  void aDocumentThatNamesNoVersionIsNamedByItsContentHash() {
    String hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    FeedUpdate update = replace(snapshot("", records(0, 1)), document(hash, LOADED));

    assertThat(update.version().version()).isEqualTo("sha256:0123456789ab");
    assertThat(db.feedVersionStore().changes(source(), "sha256:0123456789ab")).hasSize(1);
  }

  @Test
  void aKeyRepeatedInOneDocumentKeepsTheLastRecordAndCountsOnce() {
    List<T> records = new ArrayList<>(records(0, 1));
    for (int n = 100; n < 100 + FeedReplacement.BATCH; n++) {
      records.add(record(n, 0)); // pushes the repeat into a later batch
    }
    records.add(record(1, 1));
    records.add(record(2, 0));
    records.add(record(2, 1));

    FeedUpdate update = replace(snapshot("v1", records), document("hash-1", LOADED));

    assertThat(update.version().records()).isEqualTo(FeedReplacement.BATCH + 2);
    assertThat(List.of(update.added(), update.updated(), update.removed()))
        .containsExactly(FeedReplacement.BATCH + 2, 0, 0);
    assertThat(stored(record(1, 0))).contains(record(1, 1));
    assertThat(stored(record(2, 0))).contains(record(2, 1));
    assertThat(count()).isEqualTo(FeedReplacement.BATCH + 2);
  }

  @Test
  void aLargeFeedIsComparedAndWrittenInBatches() {
    int size = 5_000;
    FeedSnapshot<T> generated = sink -> {
      for (int n = 0; n < size; n++) {
        sink.accept(record(n, 0)); // generated one at a time: nothing holds the whole feed
      }
      return new FeedHeader("big", RELEASED);
    };
    FeedUpdate first = replace(generated, document("hash-1", LOADED));
    assertThat(first.added()).isEqualTo(size);
    assertThat(count()).isEqualTo(size);

    FeedSnapshot<T> everyTenthChanged = sink -> {
      for (int n = 0; n < size; n++) {
        sink.accept(record(n, n % 10 == 0 ? 1 : 0));
      }
      return new FeedHeader("bigger", RELEASED);
    };
    FeedUpdate second = replace(everyTenthChanged, document("hash-2", LATER));
    assertThat(List.of(second.added(), second.updated(), second.removed())).containsExactly(0, size / 10, 0);
    assertThat(second.version().records()).isEqualTo(size);
    assertThat(stored(record(4_990, 0))).contains(record(4_990, 1));
    assertThat(rows("feed_staging")).isZero();
  }

  @Test
  void aStoreKeepsItsFeedsApartOrRefusesForeignOnes() {
    replace(snapshot("v1", records(0, 1, 2)), document("hash-1", LOADED));
    String other = otherSource();
    if (other == null) {
      assertThatThrownBy(() -> replace(snapshot("x", records(0, 3)),
              new FeedDocument("some-other-feed", "x", "hash-x", LATER)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("some-other-feed")
          .hasMessageContaining(source());
      assertThat(db.feedVersionStore().current("some-other-feed")).isEmpty();
    } else {
      FeedUpdate update = replace(snapshot("x", records(0, 3)), new FeedDocument(other, "x", "hash-x", LATER));
      assertThat(update.added()).isEqualTo(1);
      assertThat(update.removed()).isZero();
      assertThat(db.feedVersionStore().changes(other, "x")).hasSize(1);
    }
    assertThat(count()).isEqualTo(2);
    assertThat(stored(record(1, 0))).contains(record(1, 0));
  }
}
