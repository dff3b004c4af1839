package org.patchwarden.formats.feed.cve5;

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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.Severity;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.version.OsvEvent;

class Cve5RecordReaderTest {

  private static final String CVES = "/feed/cve5/cves/";

  private static Path resource(String name) {
    try {
      return Path.of(Cve5RecordReaderTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(String cvelistPath) throws IOException {
    return Files.readString(resource(CVES + cvelistPath));
  }

  private static AdvisoryRecord record(String cvelistPath) {
    List<AdvisoryRecord> out = new ArrayList<>();
    new Cve5RecordReader(resource(CVES + cvelistPath)).drainTo(out::add);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private static FeedHeader read(String json, List<AdvisoryRecord> out) {
    return new Cve5RecordReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "record.json")
        .drainTo(out::add);
  }

  private static AffectedRange.Events events(String type, OsvEvent... events) {
    return new AffectedRange.Events(type, Arrays.asList(events));
  }

  private static OsvEvent introduced(String v) {
    return new OsvEvent(OsvEvent.Kind.INTRODUCED, v);
  }

  private static OsvEvent fixed(String v) {
    return new OsvEvent(OsvEvent.Kind.FIXED, v);
  }

  @Test
  void readsTheCvelistLayoutInPathOrderWithTheNewestUpdateAsVersion() {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = new Cve5RecordReader(resource(CVES)).drainTo(out::add);
    // Sorted by path text: "3xxx" sorts after "32xxx", as the directory names are compared as text.
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("CVE-2021-44228", "CVE-2023-43845",
        "CVE-2023-52605", "CVE-2024-32896", "CVE-2024-3094", "CVE-2024-40711", "CVE-2024-41940", "CVE-2025-21631");
    assertThat(header).isEqualTo(new FeedHeader("2025-11-20T07:17:48.594Z", Instant.parse("2025-11-20T07:17:48.594Z")));
    assertThat(out).extracting(AdvisoryRecord::source).containsOnly("cve5");
    assertThat(out).filteredOn(AdvisoryRecord::withdrawn).extracting(AdvisoryRecord::id).containsExactly("CVE-2023-52605");
    assertThat(out).flatExtracting(AdvisoryRecord::severities).filteredOn(s -> s.type().equals("SSVC")).hasSize(7);
    assertThat(out).flatExtracting(AdvisoryRecord::severities).filteredOn(s -> s.type().equals("KEV")).hasSize(3);
  }

  @Test
  void readsCisaAdpCvssSsvcAndKevWithWhoStatedThem() {
    AdvisoryRecord r = record("2024/32xxx/CVE-2024-32896.json");
    assertThat(r.published()).isEqualTo(Instant.parse("2024-06-13T21:01:57.521Z"));
    assertThat(r.modified()).isEqualTo(Instant.parse("2024-06-15T03:55:28.693Z"));
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1, "CISA-ADP"),
        new Severity("SSVC", "Exploitation:active/Automatable:no/Technical Impact:total", null, "CISA-ADP"),
        new Severity("KEV", "dateAdded:2024-06-13", null, "CISA-ADP"));
    assertThat(r.cwes()).containsExactly("CWE-783");
    assertThat(r.references()).containsExactly("https://source.android.com/security/bulletin/pixel/2024-06-01",
        "https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search_api_fulltext=CVE-2024-32896");
    assertThat(r.affected()).containsExactly(
        new AffectedPackage("vendor", "google:android", null, AffectedStatus.AFFECTED, List.of(),
            List.of("Android kernel"), ""),
        new AffectedPackage("cpe", "google:android", null, AffectedStatus.AFFECTED,
            List.of(events("ECOSYSTEM", introduced("0"), fixed("2024-06-01"))), List.of(),
            "from CISA-ADP; versionType custom"));
  }

  @Test
  void readsCvssFourOfTheCnaAndTheCpeBoundOfTheAdp() {
    AdvisoryRecord r = record("2024/41xxx/CVE-2024-41940.json");
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.1, "siemens"),
        new Severity("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 9.4, "siemens"),
        new Severity("SSVC", "Exploitation:none/Automatable:no/Technical Impact:total", null, "CISA-ADP"));
    assertThat(r.summary()).startsWith("A vulnerability has been identified in SINEC NMS (All versions < V3.0).");
    assertThat(r.details()).isEmpty(); // no title: the description is the summary
    assertThat(r.affected()).containsExactly(
        new AffectedPackage("vendor", "siemens:sinec nms", null, AffectedStatus.AFFECTED,
            List.of(events("ECOSYSTEM", introduced("0"), fixed("V3.0"))), List.of(), "versionType custom"),
        new AffectedPackage("cpe", "siemens:sinec_nms", null, AffectedStatus.AFFECTED,
            List.of(events("ECOSYSTEM", introduced("0"), fixed("3.0"))), List.of(), "from CISA-ADP; versionType custom"));
  }

  @Test
  void readsLessThanOrEqualAsLastAffectedAndUnescapesTheCpe() {
    AdvisoryRecord r = record("2024/40xxx/CVE-2024-40711.json");
    assertThat(r.affected()).element(1).isEqualTo(new AffectedPackage("cpe", "veeam:backup_&_replication", null,
        AffectedStatus.AFFECTED,
        List.of(events("ECOSYSTEM", introduced("12"), new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, "12.1.2.172"))),
        List.of(), "from CISA-ADP; versionType semver"));
    assertThat(r.severities()).extracting(Severity::type, Severity::by)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CVSS_V3", "hackerone"),
            org.assertj.core.groups.Tuple.tuple("SSVC", "CISA-ADP"), org.assertj.core.groups.Tuple.tuple("KEV", "CISA-ADP"));
    assertThat(r.severities().get(2).vector()).isEqualTo("dateAdded:2024-10-17");
  }

  @Test
  void turnsLog4jStatusChangesIntoAlternatingEvents() {
    AdvisoryRecord r = record("2021/44xxx/CVE-2021-44228.json");
    assertThat(r.summary()).isEqualTo("Apache Log4j2 JNDI features do not protect against attacker controlled LDAP "
        + "and other JNDI related endpoints");
    assertThat(r.details()).startsWith("Apache Log4j2 2.0-beta9 through 2.15.0 (excluding security releases 2.12.2, 2.12.3, and 2.3.1)");
    assertThat(r.published()).isEqualTo(Instant.parse("2021-12-10T00:00:00Z"));
    assertThat(r.affected()).containsExactly(new AffectedPackage("vendor", "apache software foundation:apache log4j2",
        null, AffectedStatus.AFFECTED,
        List.of(events("ECOSYSTEM", introduced("2.0-beta9"), fixed("2.3.1"), introduced("2.4"), fixed("2.12.2"),
            introduced("2.13.0"), fixed("2.15.0"))),
        List.of(), "versionType custom"));
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "CISA-ADP"),
        new Severity("SSVC", "Exploitation:active/Automatable:yes/Technical Impact:total", null, "CISA-ADP"),
        new Severity("KEV", "dateAdded:2021-12-10", null, "CISA-ADP"));
    assertThat(r.cwes()).containsExactly("CWE-502", "CWE-400", "CWE-20");
    assertThat(r.references()).hasSize(52).doesNotHaveDuplicates();
  }

  @Test
  void keepsPackageOnlyEntriesAndProductsTheCnaSaysAreNotAffected() {
    AdvisoryRecord r = record("2024/3xxx/CVE-2024-3094.json");
    assertThat(r.summary()).isEqualTo("Xz: malicious code in distributed source");
    assertThat(r.affected()).first().isEqualTo(new AffectedPackage("package", "xz", null, AffectedStatus.AFFECTED,
        List.of(), List.of("5.6.0", "5.6.1"), "collectionURL https://github.com/tukaani-project/xz"));
    assertThat(r.affected()).filteredOn(p -> p.status() == AffectedStatus.NOT_AFFECTED)
        .extracting(AffectedPackage::name).containsExactly("redhat:enterprise_linux", "redhat:enterprise_linux",
            "redhat:enterprise_linux", "redhat:enterprise_linux", "redhat:enterprise_linux",
            "redhat:jboss_enterprise_application_platform");
    // The CPE 2.2 URI's version (the RHEL release) survives in the note.
    assertThat(r.affected()).extracting(AffectedPackage::note)
        .contains("packageName xz; collectionURL https://access.redhat.com/downloads/content/package-browser/; "
            + "cpe cpe:/o:redhat:enterprise_linux:8");
    // Red Hat's own "Critical" rating is an "other" metric with no shared scale: skipped.
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0, "redhat"),
        new Severity("SSVC", "Exploitation:none/Automatable:yes/Technical Impact:total", null, "CISA-ADP"));
  }

  @Test
  void readsKernelGitRangesAndNamesTheUnaffectedExceptionsItCannotExpress() {
    AdvisoryRecord r = record("2025/21xxx/CVE-2025-21631.json");
    assertThat(r.affected()).hasSize(2);
    AffectedPackage git = r.affected().get(0);
    assertThat(git.ranges()).hasSize(5).first().isEqualTo(events("GIT",
        introduced("63a07379fdb6c72450cb05294461c6016b8b7726"), fixed("f587c1ac68956c4703857d650d9b1cd7bb2ac4d7")));
    assertThat(git.versions()).containsExactly("0b8bda0ff17156cd3f60944527c9d8c9f99f1583",
        "cae58d19121a70329cf971359e2518c93fec04fe");
    assertThat(git.note()).isEmpty();
    assertThat(r.affected().get(1)).isEqualTo(new AffectedPackage("vendor", "linux:linux", null, AffectedStatus.AFFECTED,
        List.of(), List.of("6.12"), "defaultStatus affected, except unaffected: 0 to <6.12, 5.15.177 to <=5.15.*, "
            + "6.1.125 to <=6.1.*, 6.6.72 to <=6.6.*, 6.12.10 to <=6.12.*, 6.13 to <=*"));
  }

  @Test
  void readsARecordWithoutPublicationDateAndSkipsMitresPlaceholderProduct() {
    AdvisoryRecord r = record("2023/43xxx/CVE-2023-43845.json");
    assertThat(r.published()).isNull();
    assertThat(r.modified()).isEqualTo(Instant.parse("2024-08-02T19:52:11.392Z"));
    assertThat(r.affected()).extracting(AffectedPackage::name, AffectedPackage::versions).containsExactly(
        org.assertj.core.groups.Tuple.tuple("aten:pe6208", List.of("2.3.228")),
        org.assertj.core.groups.Tuple.tuple("aten:pe6208", List.of("2.4.232")));
    assertThat(r.cwes()).containsExactly("CWE-269"); // the CNA's "n/a" problem type is no CWE
    assertThat(r.severities()).extracting(Severity::type).containsExactly("CVSS_V3", "SSVC");
  }

  @Test
  void marksARejectedRecordWithdrawnWithItsReasonAsSummary() {
    AdvisoryRecord r = record("2023/52xxx/CVE-2023-52605.json");
    assertThat(r.withdrawn()).isTrue();
    assertThat(r.summary()).isEqualTo("This CVE ID has been rejected or withdrawn by its CVE Numbering Authority.");
    assertThat(r.published()).isEqualTo(Instant.parse("2024-03-06T06:45:30.755Z"));
    assertThat(r.affected()).isEmpty();
    assertThat(r.severities()).isEmpty();
    assertThat(r.references()).isEmpty();
  }

  @Test
  void readsOneRecordFromAStreamWithItsUpdateAsVersion() throws IOException {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header;
    try (InputStream in = getClass().getResourceAsStream(CVES + "2024/41xxx/CVE-2024-41940.json")) {
      header = new Cve5RecordReader(in, "CVE-2024-41940.json").drainTo(out::add);
    }
    assertThat(header).isEqualTo(new FeedHeader("2024-08-13T14:23:29.960Z", Instant.parse("2024-08-13T14:23:29.960Z")));
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("CVE-2024-41940");
  }

  @Test
  void skipsFilesThatAreNotRecordsInAMirrorTree(@TempDir Path dir) throws IOException {
    Path year = Files.createDirectories(dir.resolve("cves/2024/41xxx"));
    Files.copy(resource(CVES + "2024/41xxx/CVE-2024-41940.json"), year.resolve("CVE-2024-41940.json"));
    Files.writeString(dir.resolve("cves/delta.json"), "{\"new\": []}");
    Files.writeString(dir.resolve("cves/deltaLog.json"), "[]");
    List<AdvisoryRecord> out = new ArrayList<>();
    new Cve5RecordReader(dir).drainTo(out::add);
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("CVE-2024-41940");
  }

  @Test
  void refusesDocumentsThatAreNotCveRecords() throws IOException {
    try (InputStream kev = getClass().getResourceAsStream("/feed/kev/kev-2025-08-25.json")) {
      assertThatThrownBy(() -> new Cve5RecordReader(kev, "kev.json").drainTo(r -> {}))
          .isInstanceOf(FeedFormatException.class)
          .hasMessage("kev.json at dataType: missing; is this a CVE JSON 5 record?");
    }
    try (InputStream nvd = getClass().getResourceAsStream("/feed/nvd/pages/CVE-2023-5341.json")) {
      assertThatThrownBy(() -> new Cve5RecordReader(nvd, "nvd.json").drainTo(r -> {}))
          .hasMessage("nvd.json at dataType: missing; is this a CVE JSON 5 record?");
    }
    String v4 = text("2024/41xxx/CVE-2024-41940.json").replace("\"dataVersion\": \"5.1\"", "\"dataVersion\": \"4.0\"");
    assertThatThrownBy(() -> read(v4, new ArrayList<>()))
        .hasMessage("record.json at dataVersion: CVE JSON '4.0' is not supported (expected 5.x)");
    assertThatThrownBy(() -> read("[1]", new ArrayList<>()))
        .hasMessage("record.json at record: expected a JSON object (a CVE JSON 5 record)");
    assertThatThrownBy(() -> read("", new ArrayList<>()))
        .hasMessage("record.json at record: expected a JSON object (a CVE JSON 5 record)");
  }

  @Test
  void reportsTheLineOfATruncatedRecord() throws IOException {
    String full = text("2024/41xxx/CVE-2024-41940.json");
    String truncated = full.substring(0, full.indexOf("\"problemTypes\""));
    assertThatThrownBy(() -> read(truncated, new ArrayList<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("record.json at line ")
        .hasMessageContaining("malformed JSON: Unexpected end-of-input");
  }

  @Test
  void namesTheRecordAndPlaceOfAMissingOrWrongField() throws IOException {
    String record = text("2024/41xxx/CVE-2024-41940.json");
    assertThatThrownBy(() -> read(record.replace("\"cveId\": \"CVE-2024-41940\",", ""), new ArrayList<>()))
        .hasMessage("record.json at cveMetadata: missing cveId");
    assertThatThrownBy(() -> read(record.replace("\"state\": \"PUBLISHED\"", "\"state\": \"RESERVED\""), new ArrayList<>()))
        .hasMessage("record.json at CVE-2024-41940 cveMetadata.state: 'RESERVED' is neither PUBLISHED nor REJECTED");
    assertThatThrownBy(() -> read(record.replace("\"status\": \"affected\",\n              \"version\": \"0\"",
        "\"status\": \"vulnerable\",\n              \"version\": \"0\""), new ArrayList<>()))
        .hasMessage("record.json at CVE-2024-41940 containers.cna.affected[0].versions[0].status: "
            + "'vulnerable' is not affected, unaffected or unknown");
    assertThatThrownBy(() -> read(record.replace("\"baseScore\": 9.4,", "\"baseScore\": \"9.4\","), new ArrayList<>()))
        .hasMessage("record.json at CVE-2024-41940 containers.cna.metrics[1].cvssV4_0: baseScore is not a number");
    assertThatThrownBy(() -> read(record.replace("\"lessThan\": \"3.0\",", "\"lessThan\": \"3.0\", \"lessThanOrEqual\": \"3.0\","),
        new ArrayList<>()))
        .hasMessage("record.json at CVE-2024-41940 containers.adp[0].affected[0].versions[0]: has both lessThan and lessThanOrEqual");
  }

  @Test
  void namesABadDate() throws IOException {
    String bad = text("2024/41xxx/CVE-2024-41940.json").replace("\"2024-08-13T07:54:32.926Z\",\n    \"assignerShortName\"",
        "\"13.08.2024\",\n    \"assignerShortName\"");
    assertThatThrownBy(() -> read(bad, new ArrayList<>()))
        .hasMessage("record.json at CVE-2024-41940 cveMetadata.datePublished: '13.08.2024' is not an ISO-8601 date-time");
    String kev = text("2024/40xxx/CVE-2024-40711.json").replace("\"dateAdded\": \"2024-10-17\"", "\"dateAdded\": \"10/17/2024\"");
    assertThatThrownBy(() -> read(kev, new ArrayList<>()))
        .hasMessage("record.json at CVE-2024-40711 containers.adp[0].metrics[1].other.content.dateAdded: "
            + "'10/17/2024' is not a yyyy-MM-dd date");
  }

  @Test
  void readsAZonelessTimestampAsUtc() throws IOException {
    String zoneless = text("2024/41xxx/CVE-2024-41940.json").replace("\"2024-08-13T14:23:29.960Z\"", "\"2024-08-13T14:23:29.960\"");
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = read(zoneless, out);
    assertThat(out.get(0).modified()).isEqualTo(Instant.parse("2024-08-13T14:23:29.960Z"));
    assertThat(header.version()).isEqualTo("2024-08-13T14:23:29.960");
  }

  @Test
  void refusesAnOversizedRecordBeforeParsingIt() {
    byte[] huge = new byte[Cve5RecordReader.MAX_RECORD_BYTES + 1];
    Arrays.fill(huge, (byte) ' ');
    assertThatThrownBy(() -> new Cve5RecordReader(new ByteArrayInputStream(huge), "huge.json").drainTo(r -> {}))
        .hasMessage("huge.json at record: larger than 16777216 bytes; a CVE record is a few kilobytes");
  }

  @Test
  void refusesAbsurdlyDeepNesting() {
    String deep = "{\"dataType\":\"CVE_RECORD\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> read(deep, new ArrayList<>())).isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("record.json at line 1, column ")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void namesTheFileOfADirectoryThatFailsAndRefusesAnEmptyOne(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("CVE-2024-0001.json"), "{\"dataType\":\"CVE_RECORD\",");
    assertThatThrownBy(() -> new Cve5RecordReader(dir).drainTo(r -> {}))
        .hasMessageStartingWith(dir.resolve("CVE-2024-0001.json") + " at line 1");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThatThrownBy(() -> new Cve5RecordReader(empty).drainTo(r -> {}))
        .hasMessage(empty + " at directory: holds no CVE-*.json records");
    Path missing = dir.resolve("CVE-2024-0002.json");
    assertThatThrownBy(() -> new Cve5RecordReader(missing).drainTo(r -> {}))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing);
  }

  private static OsvEvent lastAffected(String v) {
    return new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, v);
  }

  /** A record of the 2026 seed (a folder of its own, so that the layout tests keep their counts). */
  private static AdvisoryRecord seed(String cvelistPath) {
    List<AdvisoryRecord> out = new ArrayList<>();
    new Cve5RecordReader(resource("/feed/cve5-seed/cves/" + cvelistPath)).drainTo(out::add);
    return out.get(0);
  }

  private static AffectedPackage only(AdvisoryRecord r, String name) {
    return r.affected().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void panOsHotfixChangesFixOnlyTheirOwnMaintenanceLine() {
    AffectedPackage panos = only(seed("2026/0xxx/CVE-2026-0300.json"), "palo_alto_networks:pan-os");
    assertThat(panos.status()).isEqualTo(AffectedStatus.AFFECTED);
    // 10.2.8 and 10.2.9 come after the 10.2.7-h34 fix in version order, but do not carry it.
    assertThat(panos.ranges()).contains(events("ECOSYSTEM", introduced("10.2.0"), fixed("10.2.7-h34"),
        introduced("10.2.8"), fixed("10.2.10-h36"), introduced("10.2.11"), fixed("10.2.13-h21"),
        introduced("10.2.14"), fixed("10.2.16-h7"), introduced("10.2.17"), fixed("10.2.18-h6")));
    // a maintenance-release change (12.1.7) is the end of the range; the hotfix before it fixes its line
    assertThat(panos.ranges()).contains(events("ECOSYSTEM", introduced("12.1.0"), fixed("12.1.4-h5"),
        introduced("12.1.5"), fixed("12.1.7")));
  }

  @Test
  void changesAreSortedBeforeTheyAreRead() {
    List<AdvisoryRecord> out = new ArrayList<>();
    read("""
        {"dataType":"CVE_RECORD","dataVersion":"5.1","cveMetadata":{"cveId":"CVE-2026-0001","state":"PUBLISHED"},
         "containers":{"cna":{"providerMetadata":{"orgId":"x"},"affected":[{"vendor":"Acme","product":"Router",
           "versions":[{"version":"1.0","lessThan":"3.0","status":"affected","versionType":"custom",
             "changes":[{"at":"2.5","status":"affected"},{"at":"2.0","status":"unaffected"}]}]}]}}}
        """, out);
    assertThat(out.get(0).affected().get(0).ranges()).containsExactly(
        events("ECOSYSTEM", introduced("1.0"), fixed("2.0"), introduced("2.5"), fixed("3.0")));
  }

  @Test
  void perBranchUnaffectedVersionsUnderADefaultOfAffectedBecomeRanges() {
    AffectedPackage epmm = only(seed("2026/6xxx/CVE-2026-6973.json"), "ivanti:endpoint manager mobile");
    assertThat(epmm.status()).isEqualTo(AffectedStatus.AFFECTED);
    assertThat(epmm.ranges()).containsExactly(events("ECOSYSTEM", introduced("0"), fixed("12.6.1.1"),
        introduced("12.6.2"), fixed("12.7.0.1"), introduced("12.7.1"), fixed("12.8.0.1")));
  }

  @Test
  void githubConstraintTextInTheVersionFieldIsARange() {
    AffectedPackage litellm = only(seed("2026/42xxx/CVE-2026-42208.json"), "berriai:litellm");
    assertThat(litellm.ranges()).containsExactly(events("ECOSYSTEM", introduced("1.81.16"), fixed("1.83.7")));
    assertThat(litellm.versions()).isEmpty();
  }

  @Test
  void lessThanOrEqualWithAnUnknownDefaultIsALastAffectedRange() {
    AffectedPackage metinfo = only(seed("2026/29xxx/CVE-2026-29014.json"), "metinfo cms:metinfo cms");
    assertThat(metinfo.ranges()).containsExactly(events("ECOSYSTEM", introduced("7.9.0"), lastAffected("8.1.0")));
  }

  @Test
  void constraintTextReadsEveryOperator() {
    assertThat(Cve5Versions.constraintText("< 2.0")).contains(List.of(introduced("0"), fixed("2.0")));
    assertThat(Cve5Versions.constraintText("<= 1.2")).contains(List.of(introduced("0"), lastAffected("1.2")));
    assertThat(Cve5Versions.constraintText("= 1.0.3")).contains(List.of(introduced("1.0.3"), lastAffected("1.0.3")));
    assertThat(Cve5Versions.constraintText(">= 4.0.0-alpha, < 4.1.0"))
        .contains(List.of(introduced("4.0.0-alpha"), fixed("4.1.0")));
    assertThat(Cve5Versions.constraintText("1.0")).isEmpty();
    assertThat(Cve5Versions.constraintText("< 2.0, <= 2.1")).isEmpty();
  }
}
