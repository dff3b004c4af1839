package org.patchwarden.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.inventory.InventoryContent;
import org.patchwarden.usecase.ScanAssets;

/**
 * How {@link FleetDirectory#groups} hands a fleet on: in list order, a small first group then groups
 * of the given size, every parsed input with its content hash, and a bad file failing its own group
 * only when that group is asked for.
 */
class FleetGroupsTest {
  private static final String CURL = """
      Package: curl
      Status: install ok installed
      Architecture: amd64
      Version: 7.88.1-10+deb12u%d

      """;
  @TempDir Path fleet;

  private void hosts(int count) throws IOException {
    StringBuilder csv = new StringBuilder("name,kind,environment,criticality,internet_facing\n");
    for (int i = 1; i <= count; i++) {
      String name = host(i);
      csv.append(name).append(",host,production,2,no\n");
      Files.writeString(Files.createDirectories(fleet.resolve(name)).resolve("status"), CURL.formatted(i));
    }
    Files.writeString(fleet.resolve("assets.csv"), csv);
  }

  private static String host(int i) {
    return String.format("host-%03d", i);
  }

  private static List<List<String>> names(FleetDirectory.Groups groups) {
    List<List<String>> out = new ArrayList<>();
    groups.forEachRemaining(g -> out.add(g.stream().map(in -> in.asset().name()).toList()));
    return out;
  }

  @Test
  void theFirstGroupIsAQuarterOfTheOthersAndEveryAssetComesOnceInListOrder() throws IOException {
    hosts(45);

    List<List<String>> groups;
    try (var g = FleetDirectory.groups(fleet, names -> Map.of(), 20)) {
      groups = names(g);
    }

    assertThat(groups).extracting(List::size).containsExactly(5, 20, 20);
    assertThat(groups.stream().flatMap(List::stream).toList())
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 45).mapToObj(FleetGroupsTest::host)
            .toList());
  }

  @Test
  void aGroupSizeOfOneHandsOnOneAssetAtATime() throws IOException {
    hosts(3);

    try (var g = FleetDirectory.groups(fleet, names -> Map.of(), 1)) {
      assertThat(names(g)).containsExactly(List.of("host-001"), List.of("host-002"), List.of("host-003"));
    }
  }

  @Test
  void everyParsedInputCarriesTheContentHashOfItsOsAndPackages() throws IOException {
    hosts(6);

    List<ScanAssets.AssetInventory> inputs = new ArrayList<>();
    try (var g = FleetDirectory.groups(fleet, names -> Map.of(), 4)) {
      g.forEachRemaining(inputs::addAll);
    }

    assertThat(inputs).hasSize(6).allSatisfy(in -> {
      assertThat(in.parse()).isNull();
      assertThat(in.contentHash()).isEqualTo(InventoryContent.hash(in.os(), in.packages()));
    });
  }

  @Test
  void aBadFileFailsItsGroupWhenAskedForAfterTheGroupsBeforeItWereHandedOn() throws IOException {
    hosts(12);
    Files.writeString(fleet.resolve("host-009/status"), "Package: curl\nStatus: install ok installed\nVersion 1\n");

    try (var g = FleetDirectory.groups(fleet, names -> Map.of(), 4)) {
      assertThat(g.next()).hasSize(1);
      assertThat(g.next()).hasSize(4);
      assertThatThrownBy(g::next).isInstanceOf(FeedFormatException.class)
          .hasMessageContaining("host-009").hasMessageContaining("status")
          .hasMessageContaining("line 3").hasMessageContaining("'Version 1'");
    }
  }

  @Test
  void aRepeatedRowOfTheAssetListAddsItsProductToTheAssetsOneInput() throws IOException {
    hosts(5);
    Files.writeString(fleet.resolve("assets.csv"), Files.readString(fleet.resolve("assets.csv"))
        .replace("internet_facing\n", "internet_facing,vendor,product,version\n")
        + "host-002,host,production,2,no,openbsd,openssh,9.6\n");

    List<ScanAssets.AssetInventory> inputs = new ArrayList<>();
    try (var g = FleetDirectory.groups(fleet, names -> Map.of(), 4)) {
      g.forEachRemaining(inputs::addAll);
    }

    assertThat(inputs).extracting(in -> in.asset().name())
        .containsExactly("host-001", "host-002", "host-003", "host-004", "host-005");
    assertThat(inputs.get(1).packages()).extracting(p -> p.name()).containsExactly("openbsd:openssh", "curl");
    var second = inputs.get(1);
    assertThat(second.contentHash()).isEqualTo(InventoryContent.hash(second.os(), second.packages()));
  }

  @Test
  void aGroupSizeBelowOneIsRefused() throws IOException {
    hosts(1);

    assertThatThrownBy(() -> FleetDirectory.groups(fleet, names -> Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group size must be 1 or more, got 0");
  }
}
