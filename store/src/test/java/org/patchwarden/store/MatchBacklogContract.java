package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.EpssStore;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.PendingRematch;

/**
 * What every {@link org.patchwarden.match.MatchBacklog} must do, on every database: the note that
 * matching is owed is written by the very transaction that commits the change, so that no kill
 * can separate them.
 */
abstract class MatchBacklogContract extends DatabaseContract {
  private static final Instant LOADED = FeedStoreContract.LOADED;
  private static final KevEntry ENTRY = KevStoreContract.entry("CVE-2025-48384", "2025-08-25", "2025-09-15");

  @Test
  void committingAKevVersionNotesItsPendingRematchUntilTheRematchIsDone() {
    db.kevStore().replace(KevStoreContract.snapshot("2025.08.25", ENTRY), KevStoreContract.kevDocument("h1"));

    List<PendingRematch> pending = db.matchBacklog().pendingRematches();
    assertThat(pending).extracting(PendingRematch::source, PendingRematch::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(KevStore.SOURCE, "2025.08.25"));
    db.matchBacklog().rematchDone(pending.get(0));
    assertThat(db.matchBacklog().pendingRematches()).isEmpty();

    db.kevStore().replace(KevStoreContract.snapshot("2025.08.25", ENTRY), KevStoreContract.kevDocument("h1"));
    assertThat(db.matchBacklog().pendingRematches()).as("an unchanged document owes nothing").isEmpty();
  }

  @Test
  void aLoadThatFailsHalfWayNotesNoPendingRematch() {
    FeedSnapshot<KevEntry> broken = sink -> {
      sink.accept(ENTRY);
      throw new FeedFormatException(KevStore.SOURCE, "kev.json", "truncated");
    };
    assertThatThrownBy(() -> db.kevStore().replace(broken, KevStoreContract.kevDocument("h2")))
        .isInstanceOf(FeedFormatException.class);
    assertThat(db.matchBacklog().pendingRematches()).isEmpty();
  }

  @Test
  void scoresThatChangeNoFindingOweNoRematch() {
    db.epssStore().replace(FeedStoreContract.snapshot("2025-08-25", List.of(new EpssScore("CVE-2021-44228", 0.9, 0.99))),
        new FeedDocument(EpssStore.SOURCE, "epss.csv", "h", LOADED));
    assertThat(db.matchBacklog().pendingRematches()).isEmpty();
  }

  @Test
  void aNewInventoryRevisionIsMatchIncompleteUntilItsFindingsAreRecorded() {
    db.assetStore().save(AssetStoreContract.WEB);
    Inventory first = db.assetStore().recordInventory("web-01", AssetStoreContract.SCAN1, AssetStoreContract.BOOKWORM,
        List.of(AssetStoreContract.OPENSSL));
    assertThat(db.matchBacklog().incompleteAssets()).containsExactly("web-01");

    db.findingStore().recordScan("web-01", first.revision(), AssetStoreContract.SCAN1, List.of());
    assertThat(db.matchBacklog().incompleteAssets()).isEmpty();

    db.assetStore().recordInventory("web-01", AssetStoreContract.SCAN2, AssetStoreContract.BOOKWORM,
        List.of(AssetStoreContract.OPENSSL));
    assertThat(db.matchBacklog().incompleteAssets()).as("an unchanged inventory adds no revision").isEmpty();
    db.assetStore().recordInventory("web-01", AssetStoreContract.SCAN2, AssetStoreContract.BOOKWORM,
        List.of(AssetStoreContract.OPENSSL, AssetStoreContract.CURL));
    assertThat(db.matchBacklog().incompleteAssets()).containsExactly("web-01");
  }
}
