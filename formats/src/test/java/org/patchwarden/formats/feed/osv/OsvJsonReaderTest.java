package org.patchwarden.formats.feed.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.Severity;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.version.OsvEvent;

class OsvJsonReaderTest {

  static byte[] resource(String name) {
    try (InputStream in = OsvJsonReaderTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<AdvisoryRecord> read(byte[] bytes, String name) {
    List<AdvisoryRecord> out = new ArrayList<>();
    new OsvJsonReader(new ByteArrayInputStream(bytes), name).drainTo(out::add);
    return out;
  }

  private static List<AdvisoryRecord> read(String json) {
    return read(json.getBytes(StandardCharsets.UTF_8), "test.json");
  }

  private static AdvisoryRecord only(String resource) {
    List<AdvisoryRecord> out = read(resource(resource), resource);
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  /** A valid record to break in the bad-input tests: the real GO-2020-0001. */
  private static String go0001() {
    return new String(resource("/feed/osv/go/GO-2020-0001.json"), StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryUsedFieldOfARealGoRecord() {
    AdvisoryRecord r = only("/feed/osv/go/GO-2020-0001.json");
    assertThat(r.source()).isEqualTo("osv");
    assertThat(r.id()).isEqualTo("GO-2020-0001");
    assertThat(r.aliases()).containsExactlyInAnyOrder("CVE-2020-36567", "GHSA-6vm3-jj99-7229");
    assertThat(r.summary()).isEqualTo("Arbitrary log line injection in github.com/gin-gonic/gin");
    assertThat(r.details()).startsWith("The default Formatter for the Logger middleware");
    assertThat(r.published()).isEqualTo(Instant.parse("2021-04-14T20:04:52Z"));
    assertThat(r.withdrawn()).isFalse();
    assertThat(r.affected()).containsExactly(new AffectedPackage("Go", "github.com/gin-gonic/gin", null,
        AffectedStatus.AFFECTED, List.of(new AffectedRange.Events("SEMVER", List.of(
            new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, "1.6.0")))),
        List.of(), ""));
    assertThat(r.references()).containsExactly("https://github.com/gin-gonic/gin/pull/2237",
        "https://github.com/gin-gonic/gin/commit/a71af9c144f9579f6dbe945341c1df37aaf09c0d");
    assertThat(r.severities()).isEmpty();
    assertThat(r.cwes()).isEmpty();
  }

  @Test
  void takesGoVulndbsZeroTimestampsAsNotStatedAndThenStatesNoVersion() {
    // golang/vulndb commits "modified": "0001-01-01T00:00:00Z" (stamped only when vuln.go.dev is deployed).
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = new OsvJsonReader(new ByteArrayInputStream(resource("/feed/osv/go/GO-2020-0001.json")),
        "GO-2020-0001.json").drainTo(out::add);
    assertThat(out.get(0).modified()).isNull();
    assertThat(header).isEqualTo(new FeedHeader("", null));
    assertThat(only("/feed/osv/go/GO-2024-2451.json").published()).isNull();
  }

  @Test
  void keepsRelatedIdsOutOfTheAliases() {
    AdvisoryRecord r = only("/feed/osv/go/GO-2020-0050.json");
    assertThat(r.aliases()).containsExactlyInAnyOrder("CVE-2020-15216", "GHSA-q547-gmf8-8jr7")
        .doesNotContain("CVE-2020-26290", "GHSA-2x32-jm95-2cpx");
  }

  @Test
  void marksAWithdrawnRecord() {
    AdvisoryRecord r = only("/feed/osv/go/GO-2022-0617.json");
    assertThat(r.withdrawn()).isTrue();
    assertThat(r.summary()).startsWith("WITHDRAWN:");
    assertThat(r.affected().get(0).ranges()).containsExactly(new AffectedRange.Events("SEMVER",
        List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"))));
  }

  @Test
  void readsEveryAffectedPackageOfAMultiPackageRecord() {
    AdvisoryRecord r = only("/feed/osv/go/GO-2022-0760.json");
    assertThat(r.affected()).extracting(AffectedPackage::name).containsExactly(
        "github.com/crypto-org-chain/cronos", "github.com/evmos/ethermint", "github.com/evmos/evmos",
        "github.com/evmos/evmos/v2", "github.com/evmos/evmos/v3", "github.com/evmos/evmos/v4",
        "github.com/evmos/evmos/v5", "github.com/evmos/evmos/v6", "github.com/evmos/evmos/v7",
        "github.com/kava-labs/kava");
    assertThat(r.affected().get(0).ranges()).containsExactly(new AffectedRange.Events("SEMVER", List.of(
        new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, "0.7.1-rc2"))));
  }

  @Test
  void readsAGitHubAdvisoryWithItsCvssVectorCweAndPurl() {
    AdvisoryRecord r = only("/feed/osv/single/osv-GHSA-77rv-6vfw-x4gc.json");
    assertThat(r.id()).isEqualTo("GHSA-77rv-6vfw-x4gc");
    assertThat(r.aliases()).containsExactly("CVE-2019-3778");
    assertThat(r.severities()).containsExactly(
        new Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", null, "osv"));
    assertThat(r.cwes()).containsExactly("CWE-601");
    assertThat(r.modified()).isEqualTo(Instant.parse("2022-06-09T07:01:32.587163Z"));
    AffectedPackage p = r.affected().get(0);
    assertThat(p.ecosystem()).isEqualTo("Maven");
    assertThat(p.name()).isEqualTo("org.springframework.security.oauth:spring-security-oauth");
    assertThat(p.purl()).isEqualTo("pkg:maven/org.springframework.security.oauth/spring-security-oauth");
    assertThat(p.versions()).containsExactly("1.0.0.RELEASE");
    // database_specific scalars are kept as a short note
    assertThat(p.note()).startsWith("source=https://github.com/");
  }

  @Test
  void readsAnUbuntuRecordWhoseUpstreamCveIsNoAlias() {
    AdvisoryRecord r = only("/feed/osv/single/UBUNTU-CVE-2025-38094.json");
    assertThat(r.aliases()).isEmpty(); // "upstream": ["CVE-2025-38094"] names the upstream issue, not an alias
    assertThat(r.severities()).containsExactly(new Severity("Ubuntu", "medium", null, "osv"));
    AffectedPackage p = r.affected().get(0);
    assertThat(p.ecosystem()).isEqualTo("Ubuntu:Pro:14.04:LTS");
    assertThat(p.name()).isEqualTo("linux");
    assertThat(p.versions()).startsWith("3.11.0-12.19", "3.12.0-1.3");
  }

  @Test
  void readsADebianRecordWithTheReleaseInTheEcosystem() {
    AdvisoryRecord r = only("/feed/osv/single/DSA-3029-1.json");
    assertThat(r.aliases()).containsExactly("CVE-2014-3616");
    assertThat(r.affected()).extracting(AffectedPackage::ecosystem, AffectedPackage::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Debian:7", "nginx"));
    assertThat(r.affected().get(0).ranges()).containsExactly(new AffectedRange.Events("ECOSYSTEM", List.of(
        new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"), new OsvEvent(OsvEvent.Kind.FIXED, "1.2.1-2.2+wheezy3"))));
  }

  @Test
  void readsAnArrayOfRecordsAndDatesTheDocumentByTheNewestModified() {
    String array = "[" + new String(resource("/feed/osv/single/DSA-3029-1.json"), StandardCharsets.UTF_8) + ","
        + new String(resource("/feed/osv/single/osv-GHSA-77rv-6vfw-x4gc.json"), StandardCharsets.UTF_8) + "]";
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = new OsvJsonReader(new ByteArrayInputStream(array.getBytes(StandardCharsets.UTF_8)), "a.json")
        .drainTo(out::add);
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("DSA-3029-1", "GHSA-77rv-6vfw-x4gc");
    assertThat(header).isEqualTo(new FeedHeader("2022-06-09T07:01:32.587163Z",
        Instant.parse("2022-06-09T07:01:32.587163Z")));
  }

  @Test
  void readsATimestampWithoutZoneAsUtc() {
    AdvisoryRecord r = read(go0001().replace("\"published\": \"2021-04-14T20:04:52Z\"",
        "\"published\": \"2021-04-14T20:04:52\"")).get(0);
    assertThat(r.published()).isEqualTo(Instant.parse("2021-04-14T20:04:52Z"));
  }

  @Test
  void namesFileAndPositionOfATruncatedRecord() {
    byte[] whole = resource("/feed/osv/go/GO-2020-0001.json");
    assertThatThrownBy(() -> read(Arrays.copyOf(whole, whole.length / 2), "GO-2020-0001.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("GO-2020-0001.json at line ")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void refusesAKevCatalogForWantOfAnId() {
    assertThatThrownBy(() -> read(resource("/feed/kev/kev-2025-08-25.json"), "kev.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("kev.json at record id: missing id; is this an OSV record?");
  }

  @Test
  void refusesARecordWithoutModified() {
    assertThatThrownBy(() -> read(go0001().replace("\"modified\": \"0001-01-01T00:00:00Z\",", "")))
        .hasMessage("test.json at GO-2020-0001: missing modified (required by the OSV schema)");
  }

  @Test
  void namesABadTimestamp() {
    assertThatThrownBy(() -> read(go0001().replace("2021-04-14T20:04:52Z", "14/04/2021")))
        .hasMessage("test.json at GO-2020-0001 published: '14/04/2021' is not an RFC 3339 timestamp");
  }

  @Test
  void refusesAnUnknownRangeType() {
    assertThatThrownBy(() -> read(go0001().replace("\"SEMVER\"", "\"SEMVER2\"")))
        .hasMessage("test.json at GO-2020-0001 affected[0].ranges[0].type: unknown range type 'SEMVER2'; "
            + "expected ECOSYSTEM, SEMVER or GIT");
  }

  @Test
  void refusesAnEventWithTwoKeys() {
    String twoKeys = go0001().replaceFirst("\"fixed\": \"1.6.0\"", "\"fixed\": \"1.6.0\", \"limit\": \"2\"");
    assertThatThrownBy(() -> read(twoKeys))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.json at GO-2020-0001 affected[0].ranges[0]: events[1]")
        .hasMessageContaining("exactly one field");
  }

  @Test
  void refusesAnUnknownEventKind() {
    assertThatThrownBy(() -> read(go0001().replace("\"fixed\": \"1.6.0\"", "\"patched\": \"1.6.0\"")))
        .hasMessageContaining("GO-2020-0001 affected[0].ranges[0]")
        .hasMessageContaining("unknown event 'patched'");
  }

  @Test
  void refusesAPackageWithoutName() {
    assertThatThrownBy(() -> read(go0001().replace("\"name\": \"github.com/gin-gonic/gin\",", "")))
        .hasMessage("test.json at GO-2020-0001 affected[0].package: missing name");
  }

  @Test
  void refusesANumberWhereTheSchemaWantsAString() {
    assertThatThrownBy(() -> read(go0001().replace("\"fixed\": \"1.6.0\"", "\"fixed\": 1.6")))
        .hasMessageContaining("affected[0].ranges[0]")
        .hasMessageContaining("events[1].fixed: expected a string");
  }

  @Test
  void refusesNestingDeeperThanTheBound() {
    String deep = "{\"id\":\"X\",\"modified\":\"2024-01-01T00:00:00Z\",\"database_specific\":"
        + "[".repeat(100) + "]".repeat(100) + "}";
    assertThatThrownBy(() -> read(deep))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.json at line 1, column ")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void refusesTrailingContentAfterTheRecord() {
    assertThatThrownBy(() -> read(go0001() + "{}"))
        .hasMessageContaining("unexpected content after the record");
  }
}
