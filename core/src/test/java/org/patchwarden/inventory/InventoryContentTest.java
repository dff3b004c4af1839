package org.patchwarden.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The content hash that tells an unchanged inventory from a changed one, on real Debian 11 versions. */
class InventoryContentTest {
  static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");
  static final InstalledPackage OPENSSL = new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u4", "openssl",
      "", "amd64", "");
  static final InstalledPackage CURL = new InstalledPackage("deb", "curl", "7.74.0-1.3+deb11u7", "", "", "amd64", "");

  @Test
  void theSamePackagesInAnotherOrderHashAlike() {
    assertThat(InventoryContent.hash(BULLSEYE, List.of(OPENSSL, CURL)))
        .isEqualTo(InventoryContent.hash(BULLSEYE, List.of(CURL, OPENSSL)))
        .startsWith(Checksum64.PREFIX)
        .hasSize(Checksum64.PREFIX.length() + 16);
  }

  @Test
  void aChangedVersionOsOrPackageCountGivesAnotherHash() {
    String hash = InventoryContent.hash(BULLSEYE, List.of(OPENSSL, CURL));
    InstalledPackage newerCurl = new InstalledPackage("deb", "curl", "7.74.0-1.3+deb11u8", "", "", "amd64", "");

    assertThat(InventoryContent.hash(BULLSEYE, List.of(OPENSSL, newerCurl))).isNotEqualTo(hash);
    assertThat(InventoryContent.hash(new OsRelease("debian", "12", "bookworm", ""), List.of(OPENSSL, CURL)))
        .isNotEqualTo(hash);
    assertThat(InventoryContent.hash(null, List.of(OPENSSL, CURL))).isNotEqualTo(hash);
    assertThat(InventoryContent.hash(BULLSEYE, List.of(OPENSSL, CURL, CURL))).isNotEqualTo(hash);
    InstalledPackage i386 = new InstalledPackage("deb", "curl", CURL.version(), "", "", "i386", "");
    assertThat(InventoryContent.hash(BULLSEYE, List.of(OPENSSL, i386))).isNotEqualTo(hash);
  }

  @Test
  void anOsWithoutAnIdHashesAsNoOs() {
    assertThat(InventoryContent.hash(new OsRelease("", "11", "", ""), List.of(CURL)))
        .isEqualTo(InventoryContent.hash(null, List.of(CURL)));
  }

  @Test
  void fieldsDoNotRunTogether() {
    InstalledPackage a = new InstalledPackage("deb", "lib", "ssl1", "", "", "amd64", "");
    InstalledPackage b = new InstalledPackage("deb", "libs", "sl1", "", "", "amd64", "");

    assertThat(InventoryContent.hash(BULLSEYE, List.of(a))).isNotEqualTo(InventoryContent.hash(BULLSEYE, List.of(b)));
  }

  @Test
  void versionsSwappedBetweenTwoPackagesGiveAnotherHash() {
    InstalledPackage a1 = new InstalledPackage("deb", "libaaa", "1.0-1", "", "", "amd64", "");
    InstalledPackage b2 = new InstalledPackage("deb", "libbbb", "2.0-1", "", "", "amd64", "");
    InstalledPackage a2 = new InstalledPackage("deb", "libaaa", "2.0-1", "", "", "amd64", "");
    InstalledPackage b1 = new InstalledPackage("deb", "libbbb", "1.0-1", "", "", "amd64", "");

    assertThat(InventoryContent.hash(BULLSEYE, List.of(a1, b2)))
        .isNotEqualTo(InventoryContent.hash(BULLSEYE, List.of(a2, b1)));
  }

  @Test
  void onlyThisVersionsHashesAreCurrentOlderSha256HexAndNoneAreNot() {
    assertThat(InventoryContent.isCurrent(InventoryContent.hash(BULLSEYE, List.of(CURL)))).isTrue();
    assertThat(InventoryContent.isCurrent("5f".repeat(32))).isFalse();
    assertThat(InventoryContent.isCurrent("")).isFalse();
  }
}
