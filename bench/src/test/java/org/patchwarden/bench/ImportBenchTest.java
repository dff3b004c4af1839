package org.patchwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

class ImportBenchTest {
  private static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");
  private static final Inventory HOST = new Inventory("host-00001", 1, Instant.EPOCH, BULLSEYE, List.of(
      new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u3", "openssl", "", "amd64", ""),
      InstalledPackage.of("deb", "curl", "7.74.0-1.3+deb11u2")));

  @Test
  void optionsDefaultToAThousandHostsOnSqliteFiveRuns() {
    ImportBench.Options o = ImportBench.parse(new String[0]);
    assertThat(o.hosts()).isEqualTo(1000);
    assertThat(o.store()).isEqualTo("sqlite");
    assertThat(o.runs()).isEqualTo(5);
  }

  @Test
  void anUnknownStoreOrOptionOrANonPositiveCountIsRefused() {
    assertThatThrownBy(() -> ImportBench.parse(new String[] {"--store", "mysql"})).hasMessageContaining("sqlite or postgres");
    assertThatThrownBy(() -> ImportBench.parse(new String[] {"--frobnicate", "1"})).hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> ImportBench.parse(new String[] {"--hosts", "0"})).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> ImportBench.parse(new String[] {"--runs"})).hasMessageContaining("missing value");
  }

  @Test
  void theFleetIsWrittenInTheInventoryImportLayout(@TempDir Path dir) throws IOException {
    ImportBench.writeFleet(List.of(HOST), dir);
    assertThat(Files.readAllLines(dir.resolve("assets.csv"))).hasSize(2)
        .last().asString().startsWith("host-00001,host,production,ops,");
    assertThat(Files.readString(dir.resolve("host-00001/os-release"))).contains("VERSION_ID=\"11\"", "bullseye");
    assertThat(FleetGenerator.readDpkgStatus(dir.resolve("host-00001/status"))).hasSize(2);
  }

  @Test
  void theChangedCopyHasOnePackageAtAnotherVersionOnEveryHost(@TempDir Path dir) throws IOException {
    Path fleet = dir.resolve("fleet");
    ImportBench.writeFleet(List.of(HOST, new Inventory("host-00002", 1, Instant.EPOCH, BULLSEYE, HOST.packages())),
        fleet);
    assertThat(ImportBench.writeChangedCopy(fleet, dir.resolve("changed"))).isEqualTo(2);
    var before = FleetGenerator.readDpkgStatus(fleet.resolve("host-00002/status"));
    var after = FleetGenerator.readDpkgStatus(dir.resolve("changed/host-00002/status"));
    assertThat(after.get(0).version()).isEqualTo(before.get(0).version() + "+bench1");
    assertThat(after.subList(1, after.size())).isEqualTo(before.subList(1, before.size()));
    assertThat(dir.resolve("changed/assets.csv")).hasSameTextualContentAs(fleet.resolve("assets.csv"));
  }
}
