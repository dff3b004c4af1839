package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.remediate.ScannedHost;
import org.patchwarden.remediate.ScannerReport;

class InspectScannerReportTest {
  private static final ScannerReport REPORT = new ScannerReport("nessus", "scan.nessus", Optional.empty(), List.of(
      new ScannedHost("10.0.0.1", "web-01.example", Set.of("CVE-2024-0002", "CVE-2024-0001")),
      new ScannedHost("10.0.0.2", "", Set.of()),
      new ScannedHost("10.0.0.3", "db-01", Set.of("CVE-2024-0001"))));

  @Test
  void mapsEachHostToTheAssetsNamedByItsAddressOrHostName() {
    var inspection = new InspectScannerReport(new Assets("10.0.0.1", "db-01", "mail-01")).inspect(REPORT);

    assertThat(inspection.assetsMapped()).isTrue();
    assertThat(inspection.hosts()).extracting(InspectScannerReport.HostEvidence::assets)
        .containsExactly(List.of("10.0.0.1"), List.of(), List.of("db-01"));
    assertThat(inspection.hosts().get(0).cveIds()).containsExactly("CVE-2024-0001", "CVE-2024-0002");
    assertThat(inspection.assetsNotReached()).containsExactly("mail-01");
    assertThat(inspection.cveIds()).containsExactly("CVE-2024-0001", "CVE-2024-0002");
  }

  @Test
  void withoutAssetsListsHostsUnmapped() {
    var inspection = InspectScannerReport.withoutAssets().inspect(REPORT);

    assertThat(inspection.assetsMapped()).isFalse();
    assertThat(inspection.hosts()).hasSize(3).allSatisfy(h -> assertThat(h.assets()).isEmpty());
    assertThat(inspection.assetsNotReached()).isEmpty();
  }

  /** Read-only assets by name; inventories are not needed here. */
  private static final class Assets implements AssetStore {
    private final Map<String, Asset> byName = new TreeMap<>();

    Assets(String... names) {
      for (String n : names) {
        byName.put(n, Asset.unstated(n, AssetKind.HOST));
      }
    }

    @Override
    public void save(Asset asset) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public Optional<Asset> find(String name) {
      return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<Asset> list() {
      return List.copyOf(byName.values());
    }

    @Override
    public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages) {
      throw new UnsupportedOperationException("read-only test store");
    }

    @Override
    public Optional<Inventory> currentInventory(String assetName) {
      return Optional.empty();
    }

    @Override
    public Optional<Inventory> inventory(String assetName, int revision) {
      return Optional.empty();
    }

    @Override
    public List<Inventory> history(String assetName) {
      return List.of();
    }

    @Override
    public List<Inventory> currentInventories() {
      return List.of();
    }
  }
}
