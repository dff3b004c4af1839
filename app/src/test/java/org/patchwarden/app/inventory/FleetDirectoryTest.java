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
