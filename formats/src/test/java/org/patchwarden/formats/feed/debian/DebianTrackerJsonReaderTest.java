package org.patchwarden.formats.feed.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.formats.feed.debian.DebianSecurityListReaderTest.resource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * No real copy of the export is available (see PROVENANCE.md, "Missing"): {@code tracker-hand-written.json}
 * is written by hand in the shape {@code TrackerService._get_json} (security-tracker {@code
 * bin/tracker_service.py}) produces, its descriptions saying so. Its statuses are examples, not Debian's.
 */
class DebianTrackerJsonReaderTest {

  private static final String FIXTURE = "/feed/debian/tracker-hand-written.json";

  private static List<AdvisoryRecord> read(byte[] bytes) {
    List<AdvisoryRecord> out = new ArrayList<>();
    new DebianTrackerJsonReader(new ByteArrayInputStream(bytes), "tracker.json").drainTo(out::add);
    return out;
  }

  private static List<AdvisoryRecord> read(String json) {
    return read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static AffectedPackage pkg(String ecosystem, String name, AffectedStatus status, String note) {
    return new AffectedPackage(ecosystem, name, null, status, List.of(), List.of(), note);
  }

  @Test
  void emitsOneRecordPerIssueAndPackage() {
    List<AdvisoryRecord> out = new ArrayList<>();
    FeedHeader header = new DebianTrackerJsonReader(new ByteArrayInputStream(resource(FIXTURE)), "tracker.json")
        .drainTo(out::add);
    assertThat(header).isEqualTo(new FeedHeader("", null)); // the export names no version of itself
    assertThat(out).extracting(AdvisoryRecord::id).containsExactly("DEBIAN-CVE-2023-38545-curl",
        "DEBIAN-CVE-2023-46219-curl", "DEBIAN-CVE-2024-26581-linux", "DEBIAN-TEMP-0000000-A1B2C3-zlib");
    assertThat(out).extracting(AdvisoryRecord::source).containsOnly("debian-tracker");
  }

  @Test
  void mapsResolvedReleasesToFixedRangesOrNotAffected() {
    AdvisoryRecord r = read(resource(FIXTURE)).get(0);
    assertThat(r.aliases()).containsExactly("CVE-2023-38545");
    assertThat(r.details()).isEqualTo("Hand-written example: SOCKS5 heap buffer overflow.");
    assertThat(r.references()).containsExactly("https://security-tracker.debian.org/tracker/CVE-2023-38545",
        "https://bugs.debian.org/1053692");
    assertThat(r.severities()).containsExactly(new Severity("DEBIAN_URGENCY", "not yet assigned", null, "debian"));
    assertThat(r.affected()).containsExactly(
        new AffectedPackage("Debian:12", "curl", null, AffectedStatus.AFFECTED,
            List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                new OsvEvent(OsvEvent.Kind.FIXED, "7.88.1-10+deb12u4")))),
            List.of(), "bookworm; urgency not yet assigned"),
        pkg("Debian:11", "curl", AffectedStatus.NOT_AFFECTED, "bullseye; urgency not yet assigned"),
        new AffectedPackage("Debian:sid", "curl", null, AffectedStatus.AFFECTED,
            List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.INTRODUCED, "0"),
                new OsvEvent(OsvEvent.Kind.FIXED, "8.4.0-1")))),
            List.of(), "sid; urgency not yet assigned"));
  }

  @Test
  void mapsOpenReleasesToNoDsaPostponedAndEndOfLife() {
    AdvisoryRecord r = read(resource(FIXTURE)).get(1);
    assertThat(r.references()).containsExactly("https://security-tracker.debian.org/tracker/CVE-2023-46219");
    assertThat(r.severities()).extracting(Severity::vector).containsExactly("low", "end-of-life");
    assertThat(r.affected()).containsExactly(
        pkg("Debian:12", "curl", AffectedStatus.NO_DSA, "bookworm; urgency low; no-dsa: Minor issue"),
        pkg("Debian:11", "curl", AffectedStatus.POSTPONED, "bullseye; urgency low; "
            + "postponed: Minor issue; can be fixed in a point release; fix planned for the next point release"),
        pkg("Debian:10", "curl", AffectedStatus.END_OF_LIFE, "buster; urgency end-of-life"));
  }

  @Test
  void mapsIgnoredUndeterminedAndPlainOpenReleases() {
    List<AdvisoryRecord> out = read(resource(FIXTURE));
    assertThat(out.get(2).affected()).containsExactly(
        pkg("Debian:12", "linux", AffectedStatus.IGNORED, "bookworm; urgency unimportant; ignored: Not built on Debian kernels"),
        pkg("Debian:13", "linux", AffectedStatus.AFFECTED, "trixie; urgency not yet assigned; undetermined"),
        pkg("Debian:14", "linux", AffectedStatus.UNFIXED, "forky; urgency high**"));
    AdvisoryRecord temp = out.get(3);
    assertThat(temp.aliases()).containsExactly("TEMP-0000000-A1B2C3");
    assertThat(temp.details()).isEmpty();
    assertThat(temp.affected()).containsExactly(pkg("Debian:12", "zlib", AffectedStatus.UNFIXED, "bookworm; urgency unimportant"));
  }

  @Test
  void refusesAKevCatalog() {
    assertThatThrownBy(() -> read(resource("/feed/kev/kev-2025-08-25.json")))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("tracker.json at title: expected an object of issues, got VALUE_STRING; "
            + "is this the tracker's data/json export?");
  }

  @Test
  void namesThePositionOfATruncatedExport() {
    byte[] all = resource(FIXTURE);
    assertThatThrownBy(() -> read(Arrays.copyOf(all, all.length - 40)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("tracker.json at line 1, column ")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void refusesAReleaseWithoutStatusOrWithAnUnknownOne() {
    assertThatThrownBy(() -> read("{\"curl\":{\"CVE-2023-1\":{\"releases\":{\"bookworm\":{\"urgency\":\"low\"}}}}}"))
        .hasMessage("tracker.json at curl CVE-2023-1: not a CVE or TEMP- issue name");
    assertThatThrownBy(() -> read("{\"curl\":{\"CVE-2023-1234\":{\"releases\":{\"bookworm\":{\"urgency\":\"low\"}}}}}"))
        .hasMessage("tracker.json at curl CVE-2023-1234 releases.bookworm: missing status");
    assertThatThrownBy(() -> read("{\"curl\":{\"CVE-2023-1234\":{\"releases\":{\"bookworm\":{\"status\":\"fixed\"}}}}}"))
        .hasMessage("tracker.json at curl CVE-2023-1234 releases.bookworm.status: "
            + "unknown status 'fixed'; expected resolved, open or undetermined");
  }

  @Test
  void refusesWrongTypes() {
    assertThatThrownBy(() -> read("{\"curl\":{\"CVE-2023-1234\":{\"debianbug\":\"#1\",\"releases\":{}}}}"))
        .hasMessage("tracker.json at curl CVE-2023-1234.debianbug: expected a bug number, got \"#1\"");
    assertThatThrownBy(() -> read("{\"curl\":{\"CVE-2023-1234\":{}}}"))
        .hasMessage("tracker.json at curl CVE-2023-1234: missing releases");
    assertThatThrownBy(() -> read("{\"curl\":[]}"))
        .hasMessageStartingWith("tracker.json at curl: expected an object of issues, got START_ARRAY");
    assertThatThrownBy(() -> read("{\"Not A Package\":{}}"))
        .hasMessage("tracker.json at line 1, column 19: 'Not A Package' is not a Debian source package name");
    assertThatThrownBy(() -> read("[]"))
        .hasMessageContaining("expected a JSON object of source packages");
  }
}
