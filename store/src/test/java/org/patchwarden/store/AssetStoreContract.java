package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/** What every {@link org.patchwarden.inventory.AssetStore} must do, on every database. */
abstract class AssetStoreContract extends DatabaseContract {
  static final Instant SCAN1 = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant SCAN2 = Instant.parse("2026-11-02T10:00:00Z");
  static final Asset WEB = new Asset("web-01", AssetKind.HOST, "production", "platform", 1, true, Set.of("debian", "dmz"));
  static final InstalledPackage OPENSSL = new InstalledPackage("deb", "libssl3", "3.0.15-1~deb12u1", "openssl", "", "amd64");
  static final InstalledPackage CURL = new InstalledPackage("deb", "curl", "7.88.1-10+deb12u8", "curl", "", "amd64");

  @Test
  void savesAnAssetWithItsContextAndFindsItByName() {
    db.assetStore().save(WEB);
    assertThat(db.assetStore().find("web-01")).contains(WEB);
    assertThat(db.assetStore().find("web-02")).isEmpty();
  }

  @Test
  void savingAgainUpdatesTheContext() {
    db.assetStore().save(WEB);
    Asset moved = new Asset("web-01", AssetKind.HOST, "staging", "web", 3, false, Set.of());
    db.assetStore().save(moved);
    assertThat(db.assetStore().list()).containsExactly(moved);
  }

  @Test
  void listsAssetsByName() {
    Asset b = new Asset("b-host", AssetKind.APPLIANCE, "production", "", 2, true, Set.of());
    Asset a = new Asset("a-host", AssetKind.CONTAINER_IMAGE, "test", "", 4, false, Set.of());
    db.assetStore().save(b);
    db.assetStore().save(a);
    assertThat(db.assetStore().list()).containsExactly(a, b);
  }

  @Test
  void eachScanAddsAnInventoryRevisionAndKeepsHistory() {
    db.assetStore().save(WEB);
    Inventory first = db.assetStore().recordInventory("web-01", SCAN1, List.of(OPENSSL, CURL));
    Inventory second = db.assetStore().recordInventory("web-01", SCAN2, List.of(CURL));

    assertThat(first.revision()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(2);
    Inventory current = db.assetStore().currentInventory("web-01").orElseThrow();
    assertThat(current.revision()).isEqualTo(2);
    assertThat(current.scannedAt()).isEqualTo(SCAN2);
    assertThat(current.packages()).containsExactly(CURL);
    assertThat(db.assetStore().history("web-01")).extracting(Inventory::revision, Inventory::scannedAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, SCAN1), org.assertj.core.groups.Tuple.tuple(2, SCAN2));
  }

  @Test
  void anAssetNeverScannedHasNoInventory() {
    db.assetStore().save(WEB);
    assertThat(db.assetStore().currentInventory("web-01")).isEmpty();
    assertThat(db.assetStore().history("web-01")).isEmpty();
  }

  @Test
  void anInventoryForAnUnknownAssetIsRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> db.assetStore().recordInventory("ghost", SCAN1, List.of(CURL)))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("ghost");
    assertThat(db.assetStore().history("ghost")).isEmpty();
  }

  @Test
  void anEmptyInventoryIsARealRevision() {
    db.assetStore().save(WEB);
    db.assetStore().recordInventory("web-01", SCAN1, List.of());
    assertThat(db.assetStore().currentInventory("web-01").orElseThrow().packages()).isEmpty();
  }
}
