package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.CoverageGap;

/** What every {@link org.patchwarden.match.CoverageStore} must do, on every database. */
abstract class CoverageStoreContract extends DatabaseContract {
  static final CoverageGap BOOKWORM_NO_DATA =
      new CoverageGap("web-01", "Debian:12", 2, "no advisory data for Debian 12 (bookworm)");
  static final CoverageGap NO_ECOSYSTEM = new CoverageGap("web-01", "apk", 1, "no advisory ecosystem is known for apk");

  private int scan(String asset, InstalledPackage... packages) {
    if (db.assetStore().find(asset).isEmpty()) {
      db.assetStore().save(Asset.unstated(asset, AssetKind.HOST));
    }
    return db.assetStore().recordInventory(asset, AssetStoreContract.SCAN1, AssetStoreContract.BOOKWORM,
        List.of(packages)).revision();
  }

  @Test
  void gapsOfTheNewestRevisionAreReadBackInRecordedOrder() {
    int revision = scan("web-01", AssetStoreContract.CURL);
    db.coverageStore().recordGaps("web-01", revision, List.of(BOOKWORM_NO_DATA, NO_ECOSYSTEM));
    assertThat(db.coverageStore().currentGaps()).containsExactly(BOOKWORM_NO_DATA, NO_ECOSYSTEM);
  }

  @Test
  void reMatchingARevisionReplacesItsGapsAndNoneClearsThem() {
    int revision = scan("web-01", AssetStoreContract.CURL);
    db.coverageStore().recordGaps("web-01", revision, List.of(BOOKWORM_NO_DATA, NO_ECOSYSTEM));
    db.coverageStore().recordGaps("web-01", revision, List.of(NO_ECOSYSTEM));
    assertThat(db.coverageStore().currentGaps()).containsExactly(NO_ECOSYSTEM);
    db.coverageStore().recordGaps("web-01", revision, List.of());
    assertThat(db.coverageStore().currentGaps()).isEmpty();
  }

  @Test
  void onlyTheNewestRevisionsGapsAreCurrentOrderedByAsset() {
    int first = scan("web-01", AssetStoreContract.CURL);
    db.coverageStore().recordGaps("web-01", first, List.of(BOOKWORM_NO_DATA));
    CoverageGap other = new CoverageGap("app-01", "npm", 3, "no advisory data for npm");
    db.coverageStore().recordGaps("app-01", scan("app-01", AssetStoreContract.CURL), List.of(other));
    assertThat(db.coverageStore().currentGaps()).containsExactly(other, BOOKWORM_NO_DATA);
    int second = scan("web-01", AssetStoreContract.OPENSSL);
    assertThat(second).isGreaterThan(first);
    assertThat(db.coverageStore().currentGaps()).containsExactly(other);
  }

  @Test
  void gapsOfARevisionThatDoesNotExistAreRefused() {
    scan("web-01", AssetStoreContract.CURL);
    assertThatThrownBy(() -> db.coverageStore().recordGaps("web-01", 7, List.of(BOOKWORM_NO_DATA)))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(db.coverageStore().currentGaps()).isEmpty();
  }
}
