package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

/** What every {@link org.patchwarden.inventory.AssetStore} must do, on every database. */
abstract class AssetStoreContract extends DatabaseContract {
  static final Instant SCAN1 = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant SCAN2 = Instant.parse("2026-11-02T10:00:00Z");
  static final Asset WEB = new Asset("web-01", AssetKind.HOST, "production", "platform", 1, true, Set.of("debian", "dmz"));
  static final OsRelease BOOKWORM = new OsRelease("debian", "12", "bookworm", "");
  static final OsRelease TRIXIE = new OsRelease("debian", "13", "trixie", "");
  static final OsRelease ALMA = new OsRelease("almalinux", "9.4", "", "rhel centos fedora");
  static final InstalledPackage OPENSSL = new InstalledPackage("deb", "libssl3", "3.0.15-1~deb12u1", "openssl", "",
      "amd64", "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12");
  static final InstalledPackage CURL = new InstalledPackage("deb", "curl", "7.88.1-10+deb12u8", "curl", "", "amd64",
      "pkg:deb/debian/curl@7.88.1-10+deb12u8?arch=amd64&distro=debian-12");
  /** A binary package whose source version differs from its own (binNMU), without a purl. */
  static final InstalledPackage BINNMU = new InstalledPackage("deb", "libgcrypt20", "1.10.1-3+b1", "libgcrypt20",
      "1.10.1-3", "amd64", "");

  @Test
  void findAllReturnsTheStoredAssetsAmongTheNamesAndSkipsUnknownOnes() {
    Asset db01 = new Asset("db-01", AssetKind.HOST, "production", "", 1, false, Set.of());
    db.assetStore().save(WEB);
    db.assetStore().save(db01);
    assertThat(db.assetStore().findAll(List.of("web-01", "ghost", "db-01")))
        .containsOnly(java.util.Map.entry("web-01", WEB), java.util.Map.entry("db-01", db01));
  }

  @Test
  void newestGivesEachAssetsNewestRevisionWithItsContentHashAndMatchState() {
    db.assetStore().save(WEB);
    db.assetStore().save(new Asset("db-01", AssetKind.HOST, "production", "", 1, false, Set.of()));
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL, CURL));
    db.assetStore().recordInventory("web-01", SCAN2, TRIXIE, List.of(CURL));

    var newest = db.assetStore().newest(List.of("web-01", "db-01", "ghost"));

    assertThat(newest).containsOnlyKeys("web-01");
    assertThat(newest.get("web-01").header()).isEqualTo(new Inventory("web-01", 2, SCAN2, TRIXIE, List.of()));
    assertThat(newest.get("web-01").contentHash())
        .isEqualTo(org.patchwarden.inventory.InventoryContent.hash(TRIXIE, List.of(CURL)));
    assertThat(newest.get("web-01").matchComplete()).as("no findings recorded yet").isFalse();
    db.findingStore().recordScan("web-01", 2, SCAN2, List.of());
    assertThat(db.assetStore().newest(List.of("web-01")).get("web-01").matchComplete()).isTrue();
  }

  @Test
  void aRawDigestStaysWithItsRevisionAndANewRevisionStartsWithout() {
    db.assetStore().save(WEB);
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL, CURL));
    assertThat(db.assetStore().newest(List.of("web-01")).get("web-01").rawDigest()).as("never recorded").isNull();
    assertThat(db.assetStore().newest(List.of("web-01")).get("web-01").packageCount()).isEqualTo(2);

    String digest = "ab".repeat(32);
    db.assetStore().recordRawDigest("web-01", 1, digest);
    assertThat(db.assetStore().newest(List.of("web-01")).get("web-01").rawDigest()).isEqualTo(digest);

    db.assetStore().recordInventory("web-01", SCAN2, TRIXIE, List.of(CURL));
    var newest = db.assetStore().newest(List.of("web-01")).get("web-01");
    assertThat(newest.header().revision()).isEqualTo(2);
    assertThat(newest.rawDigest()).as("revision 2 was not parsed from that input").isNull();
    assertThat(newest.packageCount()).isEqualTo(1);
  }

  @Test
  void aRawDigestGivenWithTheInventoryGoesWithTheNewRevisionOrWithTheEqualOneKept() {
    db.assetStore().save(WEB);
    String hash1 = org.patchwarden.inventory.InventoryContent.hash(BOOKWORM, List.of(OPENSSL, CURL));
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL, CURL), hash1, "01".repeat(8));
    assertThat(db.assetStore().newest(List.of("web-01")).get("web-01").rawDigest()).isEqualTo("01".repeat(8));

    var kept = db.assetStore().recordInventory("web-01", SCAN2, BOOKWORM, List.of(CURL, OPENSSL), hash1,
        "02".repeat(8));
    assertThat(kept.revision()).as("equal content keeps revision 1").isEqualTo(1);
    assertThat(db.assetStore().newest(List.of("web-01")).get("web-01").rawDigest()).isEqualTo("02".repeat(8));

    String hash2 = org.patchwarden.inventory.InventoryContent.hash(TRIXIE, List.of(CURL));
    db.assetStore().recordInventory("web-01", SCAN2, TRIXIE, List.of(CURL), hash2, null);
    var newest = db.assetStore().newest(List.of("web-01")).get("web-01");
    assertThat(newest.header().revision()).isEqualTo(2);
    assertThat(newest.rawDigest()).as("none given for revision 2").isNull();
  }

  @Test
  void inventoriesRecordedTogetherEqualEachRecordedAloneFirstRevisionsAndLaterOnes() {
    Asset db01 = new Asset("db-01", AssetKind.HOST, "production", "", 1, false, Set.of());
    Asset alma01 = new Asset("alma-01", AssetKind.HOST, "production", "", 1, false, Set.of());
    List.of(WEB, db01, alma01).forEach(db.assetStore()::save);
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL));
    String webHash = org.patchwarden.inventory.InventoryContent.hash(TRIXIE, List.of(CURL, OPENSSL));
    String dbHash = org.patchwarden.inventory.InventoryContent.hash(BOOKWORM, List.of(BINNMU, CURL));
    String almaHash = org.patchwarden.inventory.InventoryContent.hash(null, List.of());

    List<Inventory> recorded = db.assetStore().recordInventories(SCAN2, List.of(
        new AssetStore.NewInventory("db-01", BOOKWORM, List.of(CURL, BINNMU), dbHash, "0d".repeat(8)),
        new AssetStore.NewInventory("web-01", TRIXIE, List.of(CURL, OPENSSL), webHash, null),
        new AssetStore.NewInventory("alma-01", new OsRelease("", "", "", ""), List.of(), almaHash, null)));

    assertThat(recorded).extracting(Inventory::assetName, Inventory::revision)
        .containsExactly(tuple("db-01", 1), tuple("web-01", 2), tuple("alma-01", 1));
    assertThat(db.assetStore().currentInventory("db-01")).contains(
        new Inventory("db-01", 1, SCAN2, BOOKWORM, List.of(CURL, BINNMU)));
    assertThat(db.assetStore().currentInventory("web-01")).contains(
        new Inventory("web-01", 2, SCAN2, TRIXIE, List.of(CURL, OPENSSL)));
    assertThat(db.assetStore().currentInventory("alma-01")).contains(new Inventory("alma-01", 1, SCAN2, null, List.of()));
    var newest = db.assetStore().newest(List.of("db-01", "web-01"));
    assertThat(newest.get("db-01").contentHash()).isEqualTo(dbHash);
    assertThat(newest.get("db-01").rawDigest()).isEqualTo("0d".repeat(8));
    assertThat(newest.get("db-01").packageCount()).isEqualTo(2);
    assertThat(newest.get("db-01").matchComplete()).isFalse();
    assertThat(newest.get("web-01").contentHash()).isEqualTo(webHash);
  }

  @Test
  void anInventoryHashedByAnOlderVersionIsRecognisedUnchangedAndRehashedInThisVersionsForm() {
    db.assetStore().save(WEB);
    String sha256Era = "5f".repeat(32);
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL, CURL), sha256Era);
    String current = org.patchwarden.inventory.InventoryContent.hash(BOOKWORM, List.of(CURL, OPENSSL));

    Inventory again = db.assetStore().recordInventory("web-01", SCAN2, BOOKWORM, List.of(CURL, OPENSSL), current);

    assertThat(again.revision()).isEqualTo(1);
    assertThat(db.assetStore().newest(List.of("web-01")).get("web-01").contentHash()).isEqualTo(current);
    Inventory changed = db.assetStore().recordInventory("web-01", SCAN2, BOOKWORM, List.of(CURL),
        org.patchwarden.inventory.InventoryContent.hash(BOOKWORM, List.of(CURL)));
    assertThat(changed.revision()).isEqualTo(2);
  }

  @Test
  void inventoriesRecordedTogetherAreRefusedWholeForAnUnknownAssetOrOneAssetTwice() {
    db.assetStore().save(WEB);
    String hash = org.patchwarden.inventory.InventoryContent.hash(BOOKWORM, List.of(CURL));
    AssetStore.NewInventory web = new AssetStore.NewInventory("web-01", BOOKWORM, List.of(CURL), hash, null);

    assertThatThrownBy(() -> db.assetStore().recordInventories(SCAN1,
        List.of(web, new AssetStore.NewInventory("ghost", BOOKWORM, List.of(CURL), hash, null))))
        .isInstanceOf(java.util.NoSuchElementException.class)
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> db.assetStore().recordInventories(SCAN1, List.of(web, web)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("web-01");
    assertThat(db.assetStore().currentInventory("web-01")).isEmpty();
  }

  @Test
  void savesAnAssetWithItsContextAndFindsItByName() {
    db.assetStore().save(WEB);
    assertThat(db.assetStore().find("web-01")).contains(WEB);
    assertThat(db.assetStore().find("web-02")).isEmpty();
  }

  @Test
  void contextNobodyStatedIsStoredAsUnknownNotAsADefault() {
    Asset scanned = Asset.unstated("img-01", AssetKind.CONTAINER_IMAGE);
    db.assetStore().save(scanned);
    assertThat(db.assetStore().find("img-01")).contains(scanned);
    Asset partly = new Asset("img-01", AssetKind.CONTAINER_IMAGE, "production", null, 1, null, Set.of("pci"));
    db.assetStore().save(partly);
    Asset found = db.assetStore().find("img-01").orElseThrow();
    assertThat(found).isEqualTo(partly);
    assertThat(found.unstatedFields()).containsExactly(Asset.OWNER_TEAM, Asset.INTERNET_FACING);
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
    Inventory first = db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL, CURL));
    Inventory second = db.assetStore().recordInventory("web-01", SCAN2, TRIXIE, List.of(CURL));

    assertThat(first.revision()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(2);
    Inventory current = db.assetStore().currentInventory("web-01").orElseThrow();
    assertThat(current).isEqualTo(new Inventory("web-01", 2, SCAN2, TRIXIE, List.of(CURL)));
    assertThat(db.assetStore().history("web-01")).containsExactly(
        new Inventory("web-01", 1, SCAN1, BOOKWORM, List.of()), new Inventory("web-01", 2, SCAN2, TRIXIE, List.of()));
  }

  @Test
  void keepsTheOsAndEveryPackageFieldExactlyWithPackagesInNameOrder() {
    db.assetStore().save(WEB);
    InstalledPackage wheel = new InstalledPackage("pypi", "requests", "2.31.0", "", "", "", "pkg:pypi/requests@2.31.0");
    Inventory recorded = db.assetStore().recordInventory("web-01", SCAN1, ALMA, List.of(wheel, OPENSSL, BINNMU, CURL));

    Inventory current = db.assetStore().currentInventory("web-01").orElseThrow();
    assertThat(current.os()).isEqualTo(ALMA);
    assertThat(current.os().majorVersion()).isEqualTo("9");
    assertThat(current.packages()).containsExactly(CURL, BINNMU, OPENSSL, wheel);
    assertThat(recorded.os()).isEqualTo(ALMA);
    assertThat(recorded.packages()).containsExactlyInAnyOrderElementsOf(current.packages());
  }

  @Test
  void anInventoryWithoutOsReadsBackWithoutOsAndAnEmptyOsIdMeansNone() {
    db.assetStore().save(WEB);
    Inventory sbom = db.assetStore().recordInventory("web-01", SCAN1, null, List.of(CURL));
    Inventory blank = db.assetStore().recordInventory("web-01", SCAN2, new OsRelease("", "12", "", ""), List.of());

    assertThat(sbom.os()).isNull();
    assertThat(blank.os()).isNull();
    assertThat(db.assetStore().history("web-01")).extracting(Inventory::os).containsExactly(null, null);
    assertThat(db.assetStore().currentInventory("web-01").orElseThrow().os()).isNull();
  }

  @Test
  void currentInventoriesHoldsTheNewestInventoryOfEveryScannedAssetByName() {
    Asset image = new Asset("app-image:1.4", AssetKind.CONTAINER_IMAGE, "production", "", 2, false, Set.of());
    Asset empty = new Asset("db-01", AssetKind.HOST, "production", "", 1, false, Set.of());
    Asset never = new Asset("mail-01", AssetKind.HOST, "production", "", 3, false, Set.of());
    for (Asset a : List.of(WEB, image, empty, never)) {
      db.assetStore().save(a);
    }
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL));
    db.assetStore().recordInventory("web-01", SCAN2, BOOKWORM, List.of(OPENSSL, CURL, BINNMU));
    db.assetStore().recordInventory("db-01", SCAN1, ALMA, List.of());
    db.assetStore().recordInventory("app-image:1.4", SCAN2, null, List.of(CURL));

    assertThat(db.assetStore().currentInventories()).containsExactly(
        new Inventory("app-image:1.4", 1, SCAN2, null, List.of(CURL)),
        new Inventory("db-01", 1, SCAN1, ALMA, List.of()),
        new Inventory("web-01", 2, SCAN2, BOOKWORM, List.of(CURL, BINNMU, OPENSSL)));
  }

  @Test
  void currentInventoriesIsEmptyWhenNothingWasScanned() {
    db.assetStore().save(WEB);
    assertThat(db.assetStore().currentInventories()).isEmpty();
  }

  @Test
  void currentInventoriesOfAFleetStreamsEveryPackageAndSharesEqualOnes() {
    // 40 hosts of one image with 120 packages each: more rows than one fetch, fewer distinct packages.
    List<InstalledPackage> image = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      image.add(new InstalledPackage("deb", "lib%03d".formatted(i), "1.0-" + i, "", "", "amd64", ""));
    }
    for (int host = 0; host < 40; host++) {
      String name = "host-%02d".formatted(host);
      db.assetStore().save(new Asset(name, AssetKind.HOST, "production", "", 2, false, Set.of()));
      db.assetStore().recordInventory(name, SCAN1, BOOKWORM, image.subList(0, 100 + host % 20));
    }

    List<Inventory> fleet = db.assetStore().currentInventories();

    assertThat(fleet).hasSize(40);
    assertThat(fleet).extracting(Inventory::assetName).isSorted();
    for (int host = 0; host < 40; host++) {
      assertThat(fleet.get(host).packages()).as("host %d", host).isEqualTo(image.subList(0, 100 + host % 20));
    }
    assertThat(fleet.get(39).packages().get(7)).isSameAs(fleet.get(0).packages().get(7));
  }

  @Test
  void anAssetNeverScannedHasNoInventory() {
    db.assetStore().save(WEB);
    assertThat(db.assetStore().currentInventory("web-01")).isEmpty();
    assertThat(db.assetStore().history("web-01")).isEmpty();
  }

  @Test
  void anInventoryForAnUnknownAssetIsRefusedAndNothingIsStored() {
    assertThatThrownBy(() -> db.assetStore().recordInventory("ghost", SCAN1, BOOKWORM, List.of(CURL)))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("ghost");
    assertThat(db.assetStore().history("ghost")).isEmpty();
  }

  @Test
  void anEmptyInventoryIsARealRevision() {
    db.assetStore().save(WEB);
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of());
    assertThat(db.assetStore().currentInventory("web-01").orElseThrow().packages()).isEmpty();
  }

  @Test
  void everyInventoryRevisionStaysReadableWithItsPackages() {
    db.assetStore().save(WEB);
    db.assetStore().recordInventory("web-01", SCAN1, null, List.of(OPENSSL, CURL));
    db.assetStore().recordInventory("web-01", SCAN2, null, List.of(CURL));

    assertThat(db.assetStore().inventory("web-01", 1).orElseThrow().packages()).containsExactlyInAnyOrder(OPENSSL, CURL);
    assertThat(db.assetStore().inventory("web-01", 2).orElseThrow().packages()).containsExactly(CURL);
    assertThat(db.assetStore().inventory("web-01", 3)).isEmpty();
    assertThat(db.assetStore().inventory("ghost", 1)).isEmpty();
  }

  @Test
  void recordingAnUnchangedInventoryAddsNoRevision() {
    db.assetStore().save(WEB);
    Inventory first = db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL, CURL, BINNMU));

    // The same content in another order, scanned a day later.
    Inventory again = db.assetStore().recordInventory("web-01", SCAN2, BOOKWORM, List.of(BINNMU, CURL, OPENSSL));

    assertThat(again.revision()).isEqualTo(1);
    assertThat(again.scannedAt()).isEqualTo(SCAN1);
    assertThat(again.packages()).containsExactlyInAnyOrderElementsOf(first.packages());
    assertThat(db.assetStore().history("web-01")).hasSize(1);
  }

  @Test
  void anOsChangeOrAPackageFieldChangeIsANewRevision() {
    db.assetStore().save(WEB);
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(CURL));
    InstalledPackage otherArch = new InstalledPackage("deb", "curl", CURL.version(), "curl", "", "arm64", CURL.purl());

    assertThat(db.assetStore().recordInventory("web-01", SCAN2, TRIXIE, List.of(CURL)).revision()).isEqualTo(2);
    assertThat(db.assetStore().recordInventory("web-01", SCAN2, TRIXIE, List.of(otherArch)).revision()).isEqualTo(3);
    assertThat(db.assetStore().recordInventory("web-01", SCAN2, null, List.of(otherArch)).revision()).isEqualTo(4);
    assertThat(db.assetStore().recordInventory("web-01", SCAN2, null, List.of(otherArch)).revision()).isEqualTo(4);
  }

  @Test
  void aRevisionStoredWithoutAContentHashIsComparedByItsPackages() {
    db.assetStore().save(WEB);
    db.assetStore().recordInventory("web-01", SCAN1, BOOKWORM, List.of(OPENSSL, CURL));
    // As a revision written before the content_hash column existed reads.
    db.jdbi().useHandle(h -> h.execute("UPDATE inventories SET content_hash = ''"));

    assertThat(db.assetStore().recordInventory("web-01", SCAN2, BOOKWORM, List.of(CURL, OPENSSL)).revision())
        .isEqualTo(1);
    assertThat(db.assetStore().recordInventory("web-01", SCAN2, BOOKWORM, List.of(CURL)).revision()).isEqualTo(2);
  }
}
