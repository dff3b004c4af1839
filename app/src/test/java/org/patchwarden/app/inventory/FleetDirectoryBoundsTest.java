package org.patchwarden.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet directory never leads the import to folders or files outside it. */
class FleetDirectoryBoundsTest {
  private static final String HEADER = "name,kind,environment,criticality,internet_facing\n";
  private static final String STATUS = "Package: bash\nStatus: install ok installed\nArchitecture: amd64\n"
      + "Version: 5.1-2+deb11u1\n\n";

  @TempDir Path tmp;

  private Path fleet(String rows) throws IOException {
    Path fleet = Files.createDirectories(tmp.resolve("fleet"));
    Files.writeString(fleet.resolve("assets.csv"), HEADER + rows);
    return fleet;
  }

  private Path outsideWithAStatusFile() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside-secret"));
    Files.writeString(outside.resolve("status"), STATUS);
    return outside;
  }

  @Test
  void readsTheFilesOfAnAssetFolderInsideTheFleet() throws IOException {
    Path fleet = fleet("team/web-01,host,production,1,no\n");
    Files.createDirectories(fleet.resolve("team/web-01"));
    Files.writeString(fleet.resolve("team/web-01/status"), STATUS);
    assertThat(FleetDirectory.read(fleet).inventories().get(0).packages()).hasSize(1);
  }

  @Test
  void refusesAnAssetNameThatClimbsOutOfTheFleetDirectory() throws IOException {
    outsideWithAStatusFile();
    Path fleet = fleet("web-01/../../outside-secret,host,production,1,no\n");
    Files.createDirectories(fleet.resolve("web-01"));
    assertThatThrownBy(() -> FleetDirectory.read(fleet))
        .hasMessage(fleet.resolve("assets.csv") + " at line 2, name: 'web-01/../../outside-secret' is not an asset"
            + " name: its folder path has an empty, '.' or '..' segment (it must stay inside the fleet directory)");
  }

  @Test
  void refusesAnAssetFolderThatIsALinkToOutsideWithoutNamingWhereItLeads() throws IOException {
    Path outside = outsideWithAStatusFile();
    Path fleet = fleet("web-01,host,production,1,no\n");
    Files.createSymbolicLink(fleet.resolve("web-01"), outside);
    assertThatThrownBy(() -> FleetDirectory.read(fleet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(fleet.resolve("assets.csv") + ": asset 'web-01': its folder leads outside the fleet directory"
            + " (a symbolic link?); refused")
        .message().doesNotContain("outside-secret");
  }

  @Test
  void refusesAFileInAnAssetFolderThatIsALinkToOutside() throws IOException {
    Path outside = outsideWithAStatusFile();
    Path fleet = fleet("web-01,host,production,1,no\n");
    Files.createDirectories(fleet.resolve("web-01"));
    Files.createSymbolicLink(fleet.resolve("web-01/status"), outside.resolve("status"));
    assertThatThrownBy(() -> FleetDirectory.read(fleet))
        .hasMessage(fleet.resolve("assets.csv") + ": asset 'web-01': its file 'status' leads outside the fleet"
            + " directory (a symbolic link?); refused");
  }
}
