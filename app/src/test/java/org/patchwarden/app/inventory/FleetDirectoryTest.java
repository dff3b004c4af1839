package org.patchwarden.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import reads from a fleet directory, and what it says it could not read (issue 10 item 6). */
class FleetDirectoryTest {
  private static final String CURL = """
      Package: curl
      Status: install ok installed
      Architecture: amd64
      Version: 7.88.1-10+deb12u8

      """;
  @TempDir Path fleet;

  private void assets(String... names) throws IOException {
    StringBuilder csv = new StringBuilder("name,kind,environment,criticality,internet_facing\n");
    for (String n : names) {
      csv.append(n).append(",host,production,2,no\n");
    }
    Files.writeString(fleet.resolve("assets.csv"), csv);
  }

  @Test
  void anAssetWhoseFilesHaveTheStoredDigestIsLeftUnparsedAndAChangedByteIsParsed() throws IOException {
    assets("web-01", "web-02");
    Files.writeString(Files.createDirectories(fleet.resolve("web-01")).resolve("status"), CURL);
    Files.writeString(Files.createDirectories(fleet.resolve("web-02")).resolve("status"), CURL);
    var first = FleetDirectory.read(fleet).inventories();
    assertThat(first).allSatisfy(in -> assertThat(in.parse()).isNull());
    String digest1 = first.get(0).rawDigest();
    assertThat(digest1).as("the asset-list entry is part of the input").isNotEqualTo(first.get(1).rawDigest());

    // an equal-bytes copy of the file: same digest, not parsed
    Path status = fleet.resolve("web-01/status");
    Path copy = fleet.resolve("copy");
    Files.copy(status, copy);
    Files.delete(status);
    Files.move(copy, status);
    var again = FleetDirectory.read(fleet, names -> java.util.Map.of("web-01", digest1)).inventories();
    assertThat(again.get(0).parse()).as("web-01 unparsed").isNotNull();
    assertThat(again.get(0).packages()).isEmpty();
    assertThat(again.get(0).parse().get().packages()).extracting(p -> p.name()).containsExactly("curl");
    assertThat(again.get(1).parse()).as("web-02: no digest stored").isNull();

    Files.writeString(status, CURL.replace("deb12u8", "deb12u9"));
    var changed = FleetDirectory.read(fleet, names -> java.util.Map.of("web-01", digest1)).inventories();
    assertThat(changed.get(0).parse()).as("a changed byte is parsed").isNull();
    assertThat(changed.get(0).rawDigest()).isNotEqualTo(digest1);
    assertThat(changed.get(0).packages()).extracting(p -> p.version()).containsExactly("7.88.1-10+deb12u9");
  }

  @Test
  void filesThatGaveNotesCarryNoDigestSoTheirNotesAreNeverSkipped() throws IOException {
    assets("web-01");
    Files.writeString(Files.createDirectories(fleet.resolve("web-01")).resolve("status"), "");
    assertThat(FleetDirectory.read(fleet).inventories().getFirst().rawDigest()).isNull();
  }

  @Test
  void anEmptyDpkgStatusIsReportedAsNothingCheckedNotAsClean() throws IOException {
    assets("web-01");
    Files.writeString(Files.createDirectories(fleet.resolve("web-01")).resolve("status"), "");
    var read = FleetDirectory.read(fleet);
    assertThat(read.inventories().getFirst().packages()).isEmpty();
    assertThat(read.notes().get("web-01")).containsExactly(
        "status: no packages read (a dpkg status without packages): nothing checked, not clean");
  }

  @Test
  void aListedAssetWithoutAFolderIsReportedAsUnknown() throws IOException {
    assets("web-01");
    assertThat(FleetDirectory.read(fleet).notes().get("web-01")).containsExactly(
        "no folder 'web-01/' in the fleet directory: nothing inventoried, the asset is unknown, not clean");
  }

  @Test
  void aFolderDifferingOnlyInCaseIsNamedAndNotRead() throws IOException {
    assets("web-01");
    Path other = Files.createDirectories(fleet.resolve("WEB-01"));
    Files.writeString(other.resolve("status"), CURL);
    assertThat(Files.isDirectory(fleet.resolve("web-01"))).as("the file system here is case-sensitive").isFalse();
    var read = FleetDirectory.read(fleet);
    assertThat(read.inventories().getFirst().packages()).isEmpty();
    assertThat(read.notes().get("web-01")).containsExactly("no folder 'web-01/', but 'WEB-01/' differs only in case"
        + " and was not read: nothing inventoried, the asset is unknown, not clean");
  }

  @Test
  void filesInSubFoldersAndHiddenFilesAreIgnoredAndSaidToBe() throws IOException {
    assets("web-01");
    Path dir = Files.createDirectories(fleet.resolve("web-01"));
    Files.writeString(dir.resolve("status"), CURL);
    Files.writeString(dir.resolve(".status.swp"), "x");
    Files.writeString(Files.createDirectories(dir.resolve("app")).resolve("package-lock.json"), "{}");
    var read = FleetDirectory.read(fleet);
    assertThat(read.inventories().getFirst().packages()).extracting(p -> p.name()).containsExactly("curl");
    assertThat(read.notes().get("web-01")).containsExactly(
        "hidden file '.status.swp' ignored",
        "sub-folder 'app/' ignored: only files directly in the asset's folder are read");
  }
}
