package org.patchwarden.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one scan changes an asset's inventory, on a Debian 11 host's real package versions. */
class InventoryScanTest {
  static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");
  static final InstalledPackage REDIS = new InstalledPackage("deb", "redis-server", "5:6.0.16-1+deb11u1", "redis", "",
      "amd64", "");
  static final InstalledPackage CURL = new InstalledPackage("deb", "curl", "7.74.0-1.3+deb11u1", "", "", "amd64", "");
  static final InstalledPackage WAITRESS = InstalledPackage.of("pypi", "waitress", "2.1.0");
  static final InstalledPackage WAITRESS_FIXED = InstalledPackage.of("pypi", "waitress", "2.1.1");
  static final Inventory WEB_01 = new Inventory("web-01", 3, Instant.parse("2026-11-01T10:00:00Z"), BULLSEYE,
      List.of(CURL, REDIS, WAITRESS));

  @Test
  void aScanOfOneEcosystemReplacesItAndKeepsTheOthersAndTheOs() {
    var merged = new InventoryScan(null, List.of(WAITRESS_FIXED), false).applyTo(WEB_01);

    assertThat(merged.os()).isEqualTo(BULLSEYE);
    assertThat(merged.packages()).containsExactlyInAnyOrder(CURL, REDIS, WAITRESS_FIXED);
    assertThat(merged.warnings()).isEmpty();
  }

  @Test
  void aScanWithAnOsReplacesIt() {
    OsRelease bookworm = new OsRelease("debian", "12", "bookworm", "");
    var merged = new InventoryScan(bookworm, List.of(CURL, REDIS), false).applyTo(WEB_01);

    assertThat(merged.os()).isEqualTo(bookworm);
    assertThat(merged.packages()).containsExactlyInAnyOrder(CURL, REDIS, WAITRESS);
  }

  @Test
  void aCompleteScanReplacesEverythingAndWarnsWhenItDropsTheOsOrMostPackages() {
    var merged = new InventoryScan(null, List.of(WAITRESS_FIXED), true).applyTo(WEB_01);

    assertThat(merged.os()).isNull();
    assertThat(merged.packages()).containsExactly(WAITRESS_FIXED);
    assertThat(merged.warnings()).containsExactly(
        "the scan found no operating system, revision 3 of asset web-01 had debian 11 (bullseye): its OS packages "
            + "can no longer be matched to a release",
        "the scan keeps 1 of the 3 packages of revision 3 of asset web-01: check that it read the whole inventory");
  }

  @Test
  void aScanThatDropsMostPackagesOfItsEcosystemWarns() {
    List<InstalledPackage> host = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
      host.add(InstalledPackage.of("deb", "pkg-" + n, "1.0-1"));
    }
    Inventory big = new Inventory("web-01", 1, WEB_01.scannedAt(), BULLSEYE, host);

    assertThat(new InventoryScan(BULLSEYE, host.subList(0, 5), false).applyTo(big).warnings()).isEmpty();
    assertThat(new InventoryScan(BULLSEYE, host.subList(0, 4), false).applyTo(big).warnings())
        .singleElement().asString().contains("keeps 4 of the 10 packages");
  }

  @Test
  void theFirstScanOfAnAssetIsTakenAsItIs() {
    var merged = new InventoryScan(null, List.of(WAITRESS), false).applyTo(null);

    assertThat(merged.os()).isNull();
    assertThat(merged.packages()).containsExactly(WAITRESS);
    assertThat(merged.warnings()).isEmpty();
  }
}
