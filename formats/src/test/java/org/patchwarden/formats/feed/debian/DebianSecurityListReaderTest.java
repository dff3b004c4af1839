package org.patchwarden.formats.feed.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.version.OsvEvent;

/** Samples: whole entries sliced from the tracker's data/DSA/list and data/DLA/list (see PROVENANCE.md). */
class DebianSecurityListReaderTest {

  static byte[] resource(String name) {
    try (InputStream in = DebianSecurityListReaderTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FeedHeader read(byte[] bytes, String name, String feed, List<AdvisoryRecord> out) {
    return new DebianSecurityListReader(new ByteArrayInputStream(bytes), name, feed).drainTo(out::add);
  }

  private static List<AdvisoryRecord> dsa(String text) {
    List<AdvisoryRecord> out = new ArrayList<>();
    read(text.getBytes(StandardCharsets.UTF_8), "DSA/list", "debian-dsa", out);
    return out;
  }

  private static Map<String, AdvisoryRecord> byId(List<AdvisoryRecord> records) {
    return records.stream().collect(Collectors.toMap(AdvisoryRecord::id, Function.identity()));
  }

  private static AffectedRange.Events fixedIn(String version) {
    return new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
        new OsvEvent(OsvEvent.Kind.FIXED, version)));
  }

  @Test
  void readsTheHeadOfTheDsaList() {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = read(resource("/feed/debian/dsa-list-head.list"), "dsa-list-head.list", "debian-dsa", out);
    assertThat(header).isEqualTo(new FeedHeader("2022-12-31", Instant.parse("2022-12-31T00:00:00Z")));
    assertThat(out).hasSize(101);
    assertThat(out.get(0).id()).isEqualTo("DSA-5310-1");
    assertThat(out.get(100).id()).isEqualTo("DSA-5212-1");
    assertThat(out).flatExtracting(AdvisoryRecord::aliases).hasSize(422);
    AdvisoryRecord first = out.get(0);
    assertThat(first.source()).isEqualTo("debian-dsa");
    assertThat(first.aliases()).containsExactly("CVE-2022-24720");
    assertThat(first.summary()).isEqualTo("security update");
    assertThat(first.published()).isEqualTo(Instant.parse("2022-12-31T00:00:00Z"));
    assertThat(first.modified()).isNull();
    assertThat(first.affected()).containsExactly(new AffectedPackage("Debian:11", "ruby-image-processing", null,
        AffectedStatus.AFFECTED, List.of(fixedIn("1.10.3-1+deb11u1")), List.of(), "bullseye"));
    AdvisoryRecord chromium = byId(out).get("DSA-5302-1");
    assertThat(chromium.published()).isEqualTo(Instant.parse("2022-12-16T00:00:00Z"));
    assertThat(chromium.aliases()).containsExactlyInAnyOrder(
        "CVE-2022-4436", "CVE-2022-4437", "CVE-2022-4438", "CVE-2022-4439", "CVE-2022-4440");
    assertThat(chromium.affected().get(0).ranges()).containsExactly(fixedIn("108.0.5359.124-1~deb11u1"));
  }

  @Test
  void readsTheHeadOfTheDlaListWithBusterEcosystems() {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = read(resource("/feed/debian/dla-list-head.list"), "dla-list-head.list", "debian-dla", out);
    assertThat(header.version()).isEqualTo("2022-12-31");
    assertThat(out).hasSize(104);
    AdvisoryRecord first = out.get(0);
    assertThat(first.source()).isEqualTo("debian-dla");
    assertThat(first.id()).isEqualTo("DLA-3259-1");
    assertThat(first.aliases()).containsExactlyInAnyOrder("CVE-2022-40150", "CVE-2022-45685", "CVE-2022-45693");
    assertThat(first.affected()).containsExactly(new AffectedPackage("Debian:10", "libjettison-java", null,
        AffectedStatus.AFFECTED, List.of(fixedIn("1.5.3-1~deb10u1")), List.of(), "buster"));
    assertThat(out.get(103).id()).isEqualTo("DLA-3158-1");
    assertThat(out).flatExtracting(AdvisoryRecord::affected).extracting(AffectedPackage::ecosystem)
        .containsOnly("Debian:10");
  }

  @Test
  void readsSpecialStatesNotesAndSpaceIndentedLinesOf2005() {
    List<AdvisoryRecord> out = new ArrayList<>();
    read(resource("/feed/debian/dsa-list-2005-special-states.list"), "2005.list", "debian-dsa", out);
    assertThat(out).hasSize(18);
    Map<String, AdvisoryRecord> dsa = byId(out);

    assertThat(dsa.get("DSA-880-1").affected()).containsExactly(
        new AffectedPackage("Debian:3.0", "phpmyadmin", null, AffectedStatus.UNFIXED, List.of(), List.of(), "woody"),
        new AffectedPackage("Debian:3.1", "phpmyadmin", null, AffectedStatus.AFFECTED,
            List.of(fixedIn("4:2.6.2-3sarge1")), List.of(), "sarge"));
    assertThat(dsa.get("DSA-880-1").aliases()).hasSize(4);

    assertThat(dsa.get("DSA-879-1").affected().get(0)).isEqualTo(new AffectedPackage("Debian:3.0", "gallery", null,
        AffectedStatus.NOT_AFFECTED, List.of(), List.of(), "woody (Not affected, according to DSA-879)"));

    // indented with spaces, not a tab; the woody line names the old source package libgda
    assertThat(dsa.get("DSA-871-1").affected()).extracting(AffectedPackage::name, AffectedPackage::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("libgda", AffectedStatus.NOT_AFFECTED),
            org.assertj.core.groups.Tuple.tuple("libgda2", AffectedStatus.AFFECTED));
    assertThat(dsa.get("DSA-866-1").summary()).isEqualTo("several");
    assertThat(dsa.get("DSA-866-1").affected()).hasSize(2); // its four NOTE lines are ignored
  }

  @Test
  void datesTheListByItsNewestAdvisoryEvenWhenDatesAreOutOfOrder() {
    // DSA-4205-1 is dated 18 Apr 2018 but listed above DSA-4204-1 of 18 May 2018
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = read(resource("/feed/debian/dsa-list-2018-out-of-order.list"), "2018.list", "debian-dsa", out);
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("DSA-4205-1", "DSA-4204-1", "DSA-4203-1");
    assertThat(header).isEqualTo(new FeedHeader("2018-05-18", Instant.parse("2018-05-18T00:00:00Z")));
    AdvisoryRecord notice = out.get(0);
    assertThat(notice.summary()).isEqualTo("jessie end-of-life"); // a notice without " - "
    assertThat(notice.affected()).isEmpty();
    assertThat(notice.aliases()).isEmpty();
  }

  @Test
  void readsAnIdWithoutRevisionAndAnUnknownCodename() {
    AdvisoryRecord r = dsa("[16 Jun 2007] DSA-1304 kernel-source-2.6.8 - several\n"
        + "\t[duke] - kernel-source-2.6.8 2.6.8-16sarge7 (bug #12345; unimportant)\n").get(0);
    assertThat(r.id()).isEqualTo("DSA-1304");
    assertThat(r.affected().get(0).ecosystem()).isEqualTo("Debian:duke");
    assertThat(r.affected().get(0).note()).isEqualTo("duke (bug #12345; unimportant)");
  }

  @Test
  void refusesAReleaseLineBeforeAnyHeader() {
    assertThatThrownBy(() -> dsa("\t[bullseye] - curl 7.74.0-1.3+deb11u1\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("DSA/list at line 1: '[bullseye] - curl 7.74.0-1.3+deb11u1' before any advisory header");
  }

  @Test
  void refusesAMalformedHeaderDate() {
    assertThatThrownBy(() -> dsa("[31 Dec 2022] DSA-5310-1 a - b\n\t{CVE-2022-24720}\n[30 Feb 2022] DSA-5309-1 c - d\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("DSA/list at line 3 (DSA-5309-1): malformed date '30 Feb 2022'; expected e.g. 31 Dec 2022");
    assertThatThrownBy(() -> dsa("[31 Dez 2022] DSA-5310-1 a - b\n"))
        .hasMessage("DSA/list at line 1 (DSA-5310-1): malformed date '31 Dez 2022'; expected e.g. 31 Dec 2022");
  }

  @Test
  void refusesTheDlaListGivenAsTheDsaList() {
    List<AdvisoryRecord> out = new ArrayList<>();
    assertThatThrownBy(() -> read(resource("/feed/debian/dla-list-head.list"), "DLA/list", "debian-dsa", out))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("DLA/list at line 1: 'DLA-3259-1' is not a DSA identifier (is this the DSA list of debian-dsa?)");
  }

  @Test
  void refusesAJsonDocument() {
    assertThatThrownBy(() -> dsa("{\"title\": \"CISA Catalog\"}\n"))
        .hasMessageStartingWith("DSA/list at line 1: malformed advisory header '{\"title\": \"CISA Catalog\"}'");
  }

  @Test
  void refusesAFileCutInTheMiddleOfAReleaseLine() {
    byte[] head = resource("/feed/debian/dsa-list-head.list");
    String text = new String(head, StandardCharsets.UTF_8);
    String cut = text.substring(0, text.indexOf("ruby-image-processing 1.10.3") + "ruby-image-processing".length());
    assertThatThrownBy(() -> dsa(cut))
        .hasMessageStartingWith("DSA/list at line 3: malformed release line '[bullseye] - ruby-image-processing'");
  }

  @Test
  void refusesAnUnknownSpecialVersion() {
    assertThatThrownBy(() -> dsa("[31 Dec 2022] DSA-1-1 a - b\n\t[bullseye] - a <fixed-somewhere>\n"))
        .hasMessageStartingWith("DSA/list at line 2: unknown special version <fixed-somewhere>");
  }

  @Test
  void refusesAnUnexpectedLineAndABadReference() {
    assertThatThrownBy(() -> dsa("[31 Dec 2022] DSA-1-1 a - b\n\tTODO: check\n"))
        .hasMessageStartingWith("DSA/list at line 2: unexpected line 'TODO: check'");
    assertThatThrownBy(() -> dsa("[31 Dec 2022] DSA-1-1 a - b\n\t{CVE-2022-1 GHSA-xxxx}\n"))
        .hasMessage("DSA/list at line 2 (DSA-1-1): 'CVE-2022-1' is not a CVE, DSA, DLA, DTSA or VU# reference");
  }

  @Test
  void refusesAnOverlongLine() {
    String longLine = "[31 Dec 2022] DSA-1-1 a - " + "x".repeat(DebianSecurityListReader.MAX_LINE) + "\n";
    assertThatThrownBy(() -> dsa(longLine))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("DSA/list at line 1: longer than 65536 characters");
  }

  @Test
  void refusesBytesThatAreNotUtf8() {
    byte[] bad = "[31 Dec 2022] DSA-1-1 a - caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> read(bad, "DSA/list", "debian-dsa", new ArrayList<>()))
        .hasMessage("DSA/list at line 1 (byte offset 29): not UTF-8 text");
  }

  @Test
  void acceptsOnlyTheTwoDebianAdvisoryFeeds() {
    assertThatThrownBy(() -> new DebianSecurityListReader(new ByteArrayInputStream(new byte[0]), "x", "debian-dtsa"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dsa("")).isEmpty();
  }
}
