package org.patchwarden.formats.feed.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.formats.feed.osv.OsvJsonReaderTest.resource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.Severity;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.formats.Json;
import org.patchwarden.version.OsvEvent;

class OsvYamlReaderTest {

  private static List<AdvisoryRecord> read(byte[] bytes, String name) {
    List<AdvisoryRecord> out = new ArrayList<>();
    new OsvYamlReader(new ByteArrayInputStream(bytes), name).drainTo(out::add);
    return out;
  }

  private static List<AdvisoryRecord> read(String yaml) {
    return read(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  private static AdvisoryRecord only(String resource) {
    List<AdvisoryRecord> out = read(resource(resource), resource);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private static String aiohttp() {
    return new String(resource("/feed/osv/pypa/vulns/aiohttp/PYSEC-2021-76.yaml"), StandardCharsets.UTF_8);
  }

  @Test
  void readsARealPysecRecordWithGitAndEcosystemRanges() {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = new OsvYamlReader(new ByteArrayInputStream(resource("/feed/osv/pypa/vulns/aiohttp/PYSEC-2021-76.yaml")),
        "PYSEC-2021-76.yaml").drainTo(out::add);
    AdvisoryRecord r = out.get(0);
    assertThat(r.id()).isEqualTo("PYSEC-2021-76");
    assertThat(r.aliases()).containsExactlyInAnyOrder("CVE-2021-21330", "GHSA-v6wp-4m6f-gcjg");
    assertThat(r.modified()).isEqualTo(Instant.parse("2021-03-26T20:01:00Z"));
    assertThat(r.published()).isEqualTo(Instant.parse("2021-02-26T03:15:00Z"));
    assertThat(header).isEqualTo(new FeedHeader("2021-03-26T20:01:00Z", Instant.parse("2021-03-26T20:01:00Z")));
    AffectedPackage p = r.affected().get(0);
    assertThat(p.ecosystem()).isEqualTo("PyPI");
    assertThat(p.name()).isEqualTo("aiohttp");
    assertThat(p.purl()).isEqualTo("pkg:pypi/aiohttp");
    assertThat(p.ranges()).containsExactly(
        new AffectedRange.Events("GIT", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "2545222a3853e31ace15d87ae0e2effb7da0c96b"))),
        new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.FIXED, "3.7.4"))));
    // "0.1" is quoted in the file, 0.4.1 is not: both stay the version text
    assertThat(p.versions()).startsWith("0.1", "0.2", "0.3", "0.4", "0.4.1").contains("0.10.0", "3.7.3").hasSize(210);
    assertThat(r.references()).hasSize(7).first().isEqualTo(
        "https://github.com/aio-libs/aiohttp/commit/2545222a3853e31ace15d87ae0e2effb7da0c96b");
  }

  @Test
  void readsUnquotedYamlTimestampsWithFractions() {
    AdvisoryRecord r = only("/feed/osv/pypa/vulns/keystone/PYSEC-2012-19.yaml");
    assertThat(r.modified()).isEqualTo(Instant.parse("2023-11-07T20:24:25.208233Z"));
    assertThat(r.published()).isEqualTo(Instant.parse("2012-09-05T23:55:00Z"));
    assertThat(r.affected().get(0).ranges().get(0)).isEqualTo(new AffectedRange.Events("GIT", List.of(
        new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
        new OsvEvent(OsvEvent.Kind.FIXED, "5438d3b5a219d7c8fa67e66e538d325a61617155"),
        new OsvEvent(OsvEvent.Kind.FIXED, "c13d0ba606f7b2bdc609a7f388334e5efec3f3aa"))));
  }

  @Test
  void readsLastAffectedAndWithdrawnAndSeverity() {
    assertThat(only("/feed/osv/pypa/vulns/py/PYSEC-2022-42969.yaml").affected().get(0).ranges()).containsExactly(
        new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
            new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, "1.11.0"))));
    AdvisoryRecord withdrawn = only("/feed/osv/pypa/vulns/hyperledger/PYSEC-2022-43055.yaml");
    assertThat(withdrawn.withdrawn()).isTrue();
    assertThat(withdrawn.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", null, "osv"));
    AdvisoryRecord noRanges = only("/feed/osv/pypa/vulns/loguru/PYSEC-2022-15.yaml");
    assertThat(noRanges.withdrawn()).isTrue();
    assertThat(noRanges.affected().get(0).ranges()).isEmpty();
  }

  @Test
  void keepsScalarsThatYamlWouldTakeForNumbersAsTheirText() {
    String yaml = """
        id: X-1
        modified: 2024-01-01T00:00:00Z
        affected:
        - package: {ecosystem: PyPI, name: p}
          ranges:
          - type: ECOSYSTEM
            events:
            - introduced: 0
            - fixed: 0.10
          versions: [1e5, 010, 0x1F, true]
        """;
    AffectedPackage p = read(yaml).get(0).affected().get(0);
    assertThat(p.ranges()).containsExactly(new AffectedRange.Events("ECOSYSTEM", List.of(
        new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, "0.10"))));
    assertThat(p.versions()).containsExactly("1e5", "010", "0x1F", "true");
  }

  @Test
  void refusesAliasesSoThatBillionLaughsCannotExpand() {
    String laughs = """
        id: X-1
        modified: 2024-01-01T00:00:00Z
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        """;
    assertThatThrownBy(() -> read(laughs))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.yaml at line 4, column ")
        .hasMessageContaining("YAML alias *a refused");
  }

  @Test
  void refusesADocumentOverTheCodePointLimit() {
    String big = "id: X-1\nmodified: 2024-01-01T00:00:00Z\naffected:\n- versions:\n"
        + "  - 1.2.3\n".repeat(OsvYamlReader.MAX_CODE_POINTS / 10 + 1);
    assertThatThrownBy(() -> read(big))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.yaml at ")
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void refusesAnOverlongScalar() {
    String big = "id: X-1\nmodified: 2024-01-01T00:00:00Z\ndetails: \"" + "x".repeat(Json.MAX_STRING + 1) + "\"\n";
    assertThatThrownBy(() -> read(big))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.yaml at line 3, column ")
        .hasMessageContaining("longer than " + Json.MAX_STRING);
  }

  @Test
  void namesFileAndLineOfATruncatedRecord() {
    // cut inside the quoted "0.1" of the version list
    String cut = aiohttp().substring(0, aiohttp().indexOf("\"0.1\"") + 3);
    assertThatThrownBy(() -> read(cut.getBytes(StandardCharsets.UTF_8), "PYSEC-2021-76.yaml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("PYSEC-2021-76.yaml at line 26, column ")
        .hasMessageContaining("malformed YAML");
  }

  @Test
  void refusesAYamlFileThatIsNoOsvRecord() {
    assertThatThrownBy(() -> read("name: CI\non: [push]\njobs: {}\n"))
        .hasMessage("test.yaml at record id: missing id; is this an OSV record?");
  }

  @Test
  void refusesASecondDocument() {
    assertThatThrownBy(() -> read(aiohttp() + "---\nid: PYSEC-2\n"))
        .hasMessageContaining("a second YAML document?");
  }

  @Test
  void refusesDuplicateKeys() {
    assertThatThrownBy(() -> read("id: A\nid: B\nmodified: 2024-01-01T00:00:00Z\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.yaml at line ")
        .hasMessageContaining("id");
  }

  @Test
  void namesABadTimestampInYaml() {
    assertThatThrownBy(() -> read(aiohttp().replace("modified: \"2021-03-26T20:01:00Z\"", "modified: yesterday")))
        .hasMessage("test.yaml at PYSEC-2021-76 modified: 'yesterday' is not an RFC 3339 timestamp");
  }
}
