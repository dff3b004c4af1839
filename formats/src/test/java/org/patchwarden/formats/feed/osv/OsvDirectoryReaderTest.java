package org.patchwarden.formats.feed.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.version.OsvEvent;

class OsvDirectoryReaderTest {

  static Path dir(String resource) {
    try {
      return Path.of(OsvDirectoryReaderTest.class.getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FeedHeader drain(Path dir, List<AdvisoryRecord> into) {
    return new OsvDirectoryReader(dir).drainTo(into::add);
  }

  @Test
  void readsTheGoSampleInPathOrderSkippingTheLicense() {
    List<AdvisoryRecord> records = new ArrayList<>();
    FeedHeader header = drain(dir("/feed/osv/go"), records);
    assertThat(records).extracting(AdvisoryRecord::id).containsExactly(
        "GO-2020-0001", "GO-2020-0050", "GO-2021-0113", "GO-2022-0617", "GO-2022-0760", "GO-2023-1860",
        "GO-2023-2113", "GO-2024-2442", "GO-2024-2451", "GO-2024-2687", "GO-2025-3540", "GO-2025-4122");
    assertThat(records).filteredOn(AdvisoryRecord::withdrawn).extracting(AdvisoryRecord::id)
        .containsExactly("GO-2022-0617", "GO-2024-2442");
    assertThat(records).flatExtracting(AdvisoryRecord::affected).extracting(AffectedPackage::ecosystem)
        .containsOnly("Go");
    // vulndb's committed files carry no real modified time, so the collection states no version
    assertThat(header).isEqualTo(new FeedHeader("", null));
  }

  @Test
  void readsTheAlmaLinuxReleasesTreeAndDatesItByTheNewestModified() {
    List<AdvisoryRecord> records = new ArrayList<>();
    FeedHeader header = drain(dir("/feed/osv/almalinux"), records);
    // almalinux10 sorts before almalinux8: the order is by name, whatever the release number
    assertThat(records).extracting(AdvisoryRecord::id).containsExactly(
        "ALSA-2025:10073", "ALBA-2021:1099", "ALSA-2019:0975", "ALBA-2022:8256", "ALSA-2024:1501");
    assertThat(header).isEqualTo(new FeedHeader("2025-07-01T19:42:01Z", Instant.parse("2025-07-01T19:42:01Z")));
    AdvisoryRecord runc = records.get(2);
    assertThat(runc.affected()).hasSize(6);
    assertThat(runc.affected().get(0)).isEqualTo(new AffectedPackage("AlmaLinux:8", "oci-systemd-hook", null,
        org.patchwarden.advisory.AffectedStatus.AFFECTED,
        List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "1:0.1.15-2.git2d0b8a3.module_el8.5.0+119+9a9ec082")))),
        List.of(), ""));
    // AlmaLinux lists the CVEs it fixes under "related", which names other vulnerabilities: no aliases
    assertThat(runc.aliases()).isEmpty();
    assertThat(records.get(0).affected()).extracting(AffectedPackage::ecosystem).containsOnly("AlmaLinux:10");
  }

  @Test
  void readsTheYamlRecordsOfThePypaTree() {
    List<AdvisoryRecord> records = new ArrayList<>();
    FeedHeader header = drain(dir("/feed/osv/pypa"), records);
    assertThat(records).extracting(AdvisoryRecord::id).containsExactly(
        "PYSEC-2021-76", "PYSEC-2020-342", "PYSEC-2022-43055", "PYSEC-2012-19", "PYSEC-2022-15", "PYSEC-2022-42969");
    assertThat(header.version()).isEqualTo("2023-11-07T20:24:25.208233Z");
  }

  @Test
  void skipsHiddenDirectoriesAndNonRecordFiles(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve(".github/workflows"));
    Files.writeString(tmp.resolve(".github/workflows/ci.yml"), "name: CI\non: [push]\n");
    Files.writeString(tmp.resolve("README.md"), "# advisories\n");
    Files.createDirectories(tmp.resolve("vulns/aiohttp"));
    Files.copy(dir("/feed/osv/pypa/vulns/aiohttp/PYSEC-2021-76.yaml"), tmp.resolve("vulns/aiohttp/PYSEC-2021-76.yaml"));
    List<AdvisoryRecord> records = new ArrayList<>();
    drain(tmp, records);
    assertThat(records).extracting(AdvisoryRecord::id).containsExactly("PYSEC-2021-76");
  }

  @Test
  void namesTheFileOfABadRecord(@TempDir Path tmp) throws IOException {
    Files.copy(dir("/feed/osv/go/GO-2020-0001.json"), tmp.resolve("GO-2020-0001.json"));
    Path bad = tmp.resolve("GO-2020-0003.json");
    Files.writeString(bad, "{\"id\": \"GO-2020-0003\"}");
    List<AdvisoryRecord> records = new ArrayList<>();
    assertThatThrownBy(() -> drain(tmp, records))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(bad + " at GO-2020-0003: missing modified (required by the OSV schema)");
    assertThat(records).extracting(AdvisoryRecord::id).containsExactly("GO-2020-0001"); // pushed before the failure
  }

  @Test
  void refusesAPathThatIsNoDirectory() {
    assertThatThrownBy(() -> drain(dir("/feed/osv/go/GO-2020-0001.json"), new ArrayList<>()))
        .hasMessageContaining("not a directory");
  }
}
