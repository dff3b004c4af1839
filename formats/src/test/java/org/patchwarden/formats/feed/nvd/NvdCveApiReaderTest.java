package org.patchwarden.formats.feed.nvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.Severity;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;

class NvdCveApiReaderTest {

  private static final String PAGES = "/feed/nvd/pages/";

  private static Path resource(String name) {
    try {
      return Path.of(NvdCveApiReaderTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String page(String cve) throws IOException {
    return Files.readString(resource(PAGES + cve + ".json"));
  }

  private static FeedHeader read(String json, List<AdvisoryRecord> out) {
    return new NvdCveApiReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "page.json")
        .drainTo(out::add);
  }

  private static AdvisoryRecord only(String json) {
    List<AdvisoryRecord> out = new ArrayList<>();
    read(json, out);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void readsEspIdfOnEsp32WithThePlatformOfItsAndConfigurationInTheNote() throws IOException {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header;
    try (InputStream in = getClass().getResourceAsStream(PAGES + "CVE-2020-13595.json")) {
      header = new NvdCveApiReader(in, "CVE-2020-13595.json").drainTo(out::add);
    }
    assertThat(header).isEqualTo(new FeedHeader("2023-11-26T23:14:57.970", Instant.parse("2023-11-26T23:14:57.970Z")));
    assertThat(out).hasSize(1);
    AdvisoryRecord r = out.get(0);
    assertThat(r.source()).isEqualTo("nvd");
    assertThat(r.id()).isEqualTo("CVE-2020-13595");
    assertThat(r.aliases()).isEmpty();
    assertThat(r.summary()).startsWith("The Bluetooth Low Energy (BLE) controller implementation in Espressif ESP-IDF 4.0 through 4.2");
    assertThat(r.published()).isEqualTo(Instant.parse("2020-08-31T15:15:10.680Z"));
    assertThat(r.modified()).isEqualTo(Instant.parse("2020-09-08T21:09:33.517Z"));
    assertThat(r.withdrawn()).isFalse();
    assertThat(r.affected()).containsExactly(new AffectedPackage("cpe", "espressif:esp-idf", null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.CpeMatch("cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*", "4.0.0", null, "4.2", null)),
        List.of(), "running on/with cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*"));
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 6.5, "nvd@nist.gov"),
        new Severity("CVSS_V2", "AV:A/AC:L/Au:N/C:N/I:N/A:P", 3.3, "nvd@nist.gov"));
    assertThat(r.cwes()).containsExactly("CWE-617");
    assertThat(r.references()).hasSize(3);
  }

  @Test
  void readsEveryCvssVersionWithWhoScoredItAndDropsNvdsNoInfoWeakness() throws IOException {
    AdvisoryRecord r = only(page("CVE-2016-1585"));
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd@nist.gov"),
        new Severity("CVSS_V3", "CVSS:3.0/AV:L/AC:H/PR:H/UI:N/S:U/C:L/I:L/A:L", 3.9, "security@ubuntu.com"),
        new Severity("CVSS_V2", "AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, "nvd@nist.gov"));
    assertThat(r.cwes()).isEmpty(); // the page says NVD-CWE-noinfo
    assertThat(r.affected()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("canonical:apparmor");
      assertThat(p.ranges()).containsExactly(
          new AffectedRange.CpeMatch("cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*", null, null, null, "2.13.10"),
          new AffectedRange.CpeMatch("cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*", "3.0.0", null, null, "3.0.12"),
          new AffectedRange.CpeMatch("cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*", "3.1.0", null, null, "3.1.6"));
    });
  }

  @Test
  void groupsTheMatchesOfOneProductIntoOnePackageKeepingExactVersionCriteria() throws IOException {
    AdvisoryRecord r = only(page("CVE-2022-29194"));
    assertThat(r.affected()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("google:tensorflow");
      assertThat(p.note()).isEmpty();
      assertThat(p.ranges()).hasSize(6);
      assertThat(p.ranges()).contains(
          new AffectedRange.CpeMatch("cpe:2.3:a:google:tensorflow:2.9.0:rc0:*:*:*:*:*:*", null, null, null, null));
      assertThat(((AffectedRange.CpeMatch) p.ranges().get(3)).cpeVersion()).isEqualTo("2.9.0");
    });
    assertThat(r.severities()).extracting(Severity::by)
        .containsExactly("nvd@nist.gov", "security-advisories@github.com", "nvd@nist.gov");
  }

  @Test
  void readsEveryConfigurationOfTheWebpCveAsItsOwnProducts() throws IOException {
    AdvisoryRecord r = only(page("CVE-2023-4863"));
    assertThat(r.affected()).extracting(AffectedPackage::name).containsExactly("google:chrome", "fedoraproject:fedora",
        "debian:debian_linux", "mozilla:firefox", "mozilla:firefox_esr", "mozilla:thunderbird", "microsoft:edge",
        "webmproject:libwebp");
    assertThat(r.affected().get(1).ranges()).extracting(x -> ((AffectedRange.CpeMatch) x).cpeVersion())
        .containsExactly("37", "38", "39");
    assertThat(r.affected().get(7).ranges()).containsExactly(
        new AffectedRange.CpeMatch("cpe:2.3:a:webmproject:libwebp:*:*:*:*:*:*:*:*", null, null, null, "1.3.2"));
    assertThat(r.references()).hasSize(44).doesNotHaveDuplicates();
  }

  @Test
  void readsAZonedTimestampAndACveThatHasNoConfigurationsYet() throws IOException {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = read(page("CVE-2023-5341"), out);
    assertThat(header).isEqualTo(new FeedHeader("2023-11-26T23:42:27.193Z", Instant.parse("2023-11-26T23:42:27.193Z")));
    AdvisoryRecord r = out.get(0);
    assertThat(r.summary()).isEqualTo("A heap use-after-free flaw was found in coders/bmp.c in ImageMagick.");
    assertThat(r.affected()).isEmpty();
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 6.2, "secalert@redhat.com"));
  }

  @Test
  void readsADirectoryOfPagesInPathOrderWithTheNewestTimestampAsVersion() {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = new NvdCveApiReader(resource(PAGES)).drainTo(out::add);
    assertThat(out).extracting(AdvisoryRecord::id)
        .containsExactly("CVE-2016-1585", "CVE-2020-13595", "CVE-2022-29194", "CVE-2023-4863", "CVE-2023-5341");
    // CVE-2016-1585's page was fetched last (2025); the others in 2023.
    assertThat(header).isEqualTo(new FeedHeader("2025-09-08T00:44:30.996", Instant.parse("2025-09-08T00:44:30.996Z")));
    assertThat(out).flatExtracting(AdvisoryRecord::affected).hasSize(11);
  }

  @Test
  void readsAListOfPagesInTheOrderGiven() {
    List<AdvisoryRecord> out = new ArrayList<>();
    new NvdCveApiReader(List.of(resource(PAGES + "CVE-2023-5341.json"), resource(PAGES + "CVE-2016-1585.json")))
        .drainTo(out::add);
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("CVE-2023-5341", "CVE-2016-1585");
  }

  @Test
  void marksARejectedCveWithdrawnAndReadsCvssFourMetrics() throws IOException {
    // NB: the shared NVD pages hold neither a rejected CVE nor CVSS 4.0; both are edited into a real page.
    String edited = page("CVE-2023-5341")
        .replace("\"vulnStatus\": \"Undergoing Analysis\"", "\"vulnStatus\": \"Rejected\"")
        .replace("\"cvssMetricV31\": [", """
            "cvssMetricV40": [{"source": "secalert@redhat.com", "type": "Secondary",
              "cvssData": {"version": "4.0", "baseScore": 6.8,
                "vectorString": "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"}}],
            "cvssMetricV31": [""");
    AdvisoryRecord r = only(edited);
    assertThat(r.withdrawn()).isTrue();
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V4", "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 6.8, "secalert@redhat.com"),
        new Severity("CVSS_V3", "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 6.2, "secalert@redhat.com"));
  }

  @Test
  void unescapesTheVendorAndProductOfACpe() throws IOException {
    String edited = page("CVE-2022-29194").replace("cpe:2.3:a:google:tensorflow:2.9.0:rc0",
        "cpe:2.3:a:jmcnamara:spreadsheet\\\\:\\\\:parseexcel:2.9.0:rc0");
    assertThat(only(edited).affected()).extracting(AffectedPackage::name)
        .containsExactly("google:tensorflow", "jmcnamara:spreadsheet::parseexcel");
  }

  @Test
  void refusesAKevCatalogThatAlsoHasAVulnerabilitiesArray() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/feed/kev/kev-2025-08-25.json")) {
      assertThatThrownBy(() -> new NvdCveApiReader(in, "kev.json").drainTo(r -> {}))
          .isInstanceOf(FeedFormatException.class)
          .hasMessage("kev.json at vulnerabilities[0]: missing the cve object; is this an NVD CVE API 2.0 response?");
    }
  }

  @Test
  void refusesOtherNvdFormatsAndApiVersions() throws IOException {
    String cpeApi = page("CVE-2023-5341").replace("\"NVD_CVE\"", "\"NVD_CPE\"");
    assertThatThrownBy(() -> read(cpeApi, new ArrayList<>()))
        .hasMessage("page.json at format: 'NVD_CPE' is not NVD_CVE; is this an NVD CVE API 2.0 response?");
    String legacy = page("CVE-2023-5341").replace("\"version\": \"2.0\"", "\"version\": \"1.1\"");
    assertThatThrownBy(() -> read(legacy, new ArrayList<>()))
        .hasMessage("page.json at version: NVD API version '1.1' is not supported (expected 2.0)");
    assertThatThrownBy(() -> read("{\"vulnerabilities\":[]}", new ArrayList<>()))
        .hasMessage("page.json at format: missing; is this an NVD CVE API 2.0 response?");
    assertThatThrownBy(() -> read("[]", new ArrayList<>()))
        .hasMessageStartingWith("page.json at line 1, column ")
        .hasMessageContaining("expected a JSON object (an NVD CVE API 2.0 response)");
  }

  @Test
  void reportsTheLineAndColumnOfATruncatedPage() throws IOException {
    String full = page("CVE-2020-13595");
    String truncated = full.substring(0, full.indexOf("\"configurations\""));
    assertThatThrownBy(() -> read(truncated, new ArrayList<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("page.json at line ")
        .hasMessageContaining("malformed JSON: Unexpected end-of-input");
  }

  @Test
  void namesTheCveAndFieldThatIsMissing() throws IOException {
    String noPublished = page("CVE-2023-5341").replace("\"published\": \"2023-11-19T10:15:49.433Z\",", "");
    assertThatThrownBy(() -> read(noPublished, new ArrayList<>()))
        .hasMessage("page.json at vulnerabilities[0] (CVE-2023-5341): missing published");
    String noVector = page("CVE-2023-5341").replaceFirst("\"vectorString\": \"[^\"]*\",", "");
    assertThatThrownBy(() -> read(noVector, new ArrayList<>()))
        .hasMessage("page.json at vulnerabilities[0] (CVE-2023-5341).metrics.cvssMetricV31[0].cvssData: missing vectorString");
  }

  @Test
  void namesABadDate() throws IOException {
    String bad = page("CVE-2023-5341").replace("\"2023-11-20T00:02:51.467Z\"", "\"20/11/2023\"");
    assertThatThrownBy(() -> read(bad, new ArrayList<>()))
        .hasMessage("page.json at vulnerabilities[0] (CVE-2023-5341).lastModified: '20/11/2023' is not an ISO-8601 date-time");
  }

  @Test
  void namesABrokenCpeMatch() throws IOException {
    String badCpe = page("CVE-2020-13595").replace("cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*", "cpe:2.3:a:espressif");
    assertThatThrownBy(() -> read(badCpe, new ArrayList<>()))
        .hasMessage("page.json at vulnerabilities[0] (CVE-2020-13595).configurations[0].nodes[0].cpeMatch[0].criteria: "
            + "'cpe:2.3:a:espressif' has 4 components; a CPE 2.3 formatted string has 13");
    String twoStarts = page("CVE-2020-13595").replace("\"versionStartIncluding\": \"4.0.0\",",
        "\"versionStartIncluding\": \"4.0.0\", \"versionStartExcluding\": \"3.9\",");
    assertThatThrownBy(() -> read(twoStarts, new ArrayList<>()))
        .hasMessageContaining("cpeMatch[0]: has both versionStartIncluding and versionStartExcluding");
  }

  @Test
  void refusesAPageWithFewerCvesThanItAnnounces() throws IOException {
    String fewer = page("CVE-2023-5341").replace("\"resultsPerPage\": 1", "\"resultsPerPage\": 2")
        .replace("\"totalResults\": 1", "\"totalResults\": 5");
    assertThatThrownBy(() -> read(fewer, new ArrayList<>()))
        .hasMessage("page.json at vulnerabilities: holds 1 CVEs but resultsPerPage 2, startIndex 0 and totalResults 5"
            + " promise 2 (truncated or altered page?)");
  }

  @Test
  void refusesAbsurdlyDeepNesting() {
    String deep = "{\"format\":\"NVD_CVE\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> read(deep, new ArrayList<>())).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("page.json at line 1")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void namesTheFileOfADirectoryThatFailsAndRefusesAnEmptyDirectory(@TempDir Path dir) throws IOException {
    Files.copy(resource(PAGES + "CVE-2023-5341.json"), dir.resolve("a.json"));
    Files.writeString(dir.resolve("b.json"), "{\"format\":\"NVD_CVE\",");
    Files.writeString(dir.resolve("notes.txt"), "not a page, not read");
    List<AdvisoryRecord> out = new ArrayList<>();
    assertThatThrownBy(() -> new NvdCveApiReader(dir).drainTo(out::add))
        .hasMessageStartingWith(dir.resolve("b.json") + " at line 1");
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("CVE-2023-5341");

    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> new NvdCveApiReader(empty).drainTo(r -> {}))
        .hasMessage(empty + " at directory: holds no *.json NVD response pages");
  }

  @Test
  void reportsAMissingFileAsAnIoErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("gone.json");
    assertThatThrownBy(() -> new NvdCveApiReader(missing).drainTo(r -> {}))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing);
  }

  @Test
  void givesEveryRecordTheSourceNvdAndNoAliases() {
    List<AdvisoryRecord> out = new ArrayList<>();
    new NvdCveApiReader(resource(PAGES)).drainTo(out::add);
    assertThat(out).extracting(AdvisoryRecord::source).containsOnly("nvd");
    assertThat(out).extracting(AdvisoryRecord::aliases).containsOnly(Set.of());
  }
}
