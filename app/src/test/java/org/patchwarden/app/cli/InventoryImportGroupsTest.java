package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.inventory.FleetDirectory;

/**
 * {@code inventory import} of a fleet larger than one group ({@value FleetDirectory#GROUP} assets,
 * the first group a quarter of that): a bad file stops the import at its group with exit 2 and one
 * line naming the file, the line and the reason, and the groups before it stay imported.
 */
class InventoryImportGroupsTest {
  private static final int HOSTS = FleetDirectory.GROUP + 50;
  private static final int FIRST_GROUP = FleetDirectory.GROUP / 4;
  @TempDir Path home;
  private Path fleet;

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  private static String host(int i) {
    return String.format("host-%03d", i);
  }

  @BeforeEach
  void aFleetOfThreeHundredSmallDebianHosts() throws IOException {
    fleet = Files.createDirectories(home.resolve("fleet"));
    StringBuilder csv = new StringBuilder("name,kind,environment,owner_team,criticality,internet_facing\n");
    for (int i = 1; i <= HOSTS; i++) {
      csv.append(host(i)).append(",host,production,ops,2,no\n");
      Files.writeString(Files.createDirectories(fleet.resolve(host(i))).resolve("status"), """
          Package: curl
          Status: install ok installed
          Architecture: amd64
          Version: 7.74.0-1.3+deb11u%d

          """.formatted(i));
    }
    Files.writeString(fleet.resolve("assets.csv"), csv);
  }

  @Test
  void aFleetOfSeveralGroupsIsImportedWhole() {
    var r = run("inventory", "import", fleet.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("imported " + HOSTS + " assets: " + HOSTS + " new inventory revisions, 0 unchanged; "
        + HOSTS + " packages");
  }

  @Test
  void anInvalidDpkgStatusStopsTheImportAtItsGroupWithExitTwoNamingFileLineAndReason() throws IOException {
    int bad = FIRST_GROUP + 10; // in the second group
    Files.writeString(fleet.resolve(host(bad)).resolve("status"),
        "Package: curl\nStatus: install ok installed\nVersion 7.74.0\n\n");

    var r = run("inventory", "import", fleet.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("patchwarden: ").contains(host(bad) + "/status", "line 3", "'Version 7.74.0'",
        "(" + FIRST_GROUP + " of " + HOSTS + " assets, whole groups, were imported before it)");
    assertThat(run("inventory", "history", host(FIRST_GROUP)).exitCode()).as("the first group stays imported").isZero();
    assertThat(run("inventory", "history", host(FIRST_GROUP + 1)).exitCode()).as("the bad file's group is not").isOne();
    assertThat(run("inventory", "history", host(HOSTS)).exitCode()).as("nor are the groups after it").isOne();
  }

  @Test
  void aFixedFileLetsTheNextImportFinishWhatTheStoppedOneLeft() throws IOException {
    Path status = fleet.resolve(host(FIRST_GROUP + 1)).resolve("status");
    String good = Files.readString(status);
    Files.writeString(status, "Package: curl\nVersion: 1\nStatus\n\n");
    assertThat(run("inventory", "import", fleet.toString()).exitCode()).isEqualTo(2);

    Files.writeString(status, good);
    var r = run("inventory", "import", fleet.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("imported " + HOSTS + " assets: " + (HOSTS - FIRST_GROUP)
        + " new inventory revisions, " + FIRST_GROUP + " unchanged; ");
  }
}
