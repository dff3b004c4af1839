package org.patchwarden.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.baseline.BaselineDiff.Direction;
import org.patchwarden.baseline.BaselineDiff.Side;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.version.OsvEvent;

class BaselineDiffTest {
  static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");

  static InstalledPackage deb(String name, String version) {
    return InstalledPackage.of("deb", name, version);
  }

  static BaselineAsset asset(String name, Map<String, String> settings, InstalledPackage... packages) {
    return new BaselineAsset(name, "web", 1, BULLSEYE, List.of(packages), new TreeMap<>(settings));
  }

  static Baseline baseline(String name, BaselineAsset... assets) {
    return new Baseline(name, 1, AT, "alice", List.of(assets));
  }

  /** An advisory: {@code name} in Debian:11 is fixed in {@code fixed}. */
  static AdvisoryIndex fixedIn(String id, String name, String fixed) {
    AffectedPackage affected = new AffectedPackage("Debian:11", name, null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.Events("ECOSYSTEM", List.of(new OsvEvent(OsvEvent.Kind.ofField("introduced"), "0"),
            new OsvEvent(OsvEvent.Kind.ofField("fixed"), fixed)))), List.of(), "");
    AdvisoryRecord record = new AdvisoryRecord("osv:debian", id, Set.of(), "", "", null, null, false,
        List.of(affected), List.of(), List.of(), List.of());
    return AdvisoryIndex.builder().add("osv:debian", record).build();
  }

  @Test
  void packagesOnOneSideOnlyAreMissingOnTheOtherWithTheirAssets() {
    Baseline staging = baseline("staging", asset("s-01", Map.of(), deb("nginx", "1.18.0-6.1")));
    Baseline prod = baseline("prod", asset("p-01", Map.of(), deb("nginx", "1.18.0-6.1"), deb("curl", "7.74.0-1.3")),
        asset("p-02", Map.of(), deb("curl", "7.74.0-1.3")));

    BaselineDiff diff = BaselineDiff.between(staging, prod, AdvisoryIndex.builder().build());

    assertThat(diff.missing()).singleElement().satisfies(m -> {
      assertThat(m.name()).isEqualTo("curl");
      assertThat(m.onlyOn()).isEqualTo(Side.B);
      assertThat(m.assets()).containsExactly("p-01", "p-02");
    });
    assertThat(diff.versions()).isEmpty();
    assertThat(diff.a()).isEqualTo("staging@1");
  }

  @Test
  void versionDirectionFollowsTheEcosystemsOrderNotTheText() {
    // dpkg: an epoch wins over any upstream version; as text "1:..." sorts below "9..."
    Baseline staging = baseline("staging", asset("s-01", Map.of(), deb("bind9", "9.18.0-1"), deb("zlib", "1:1.2.13-1")));
    Baseline prod = baseline("prod", asset("p-01", Map.of(), deb("bind9", "1:9.16.22-1"), deb("zlib", "1:1.2.11-2")));

    BaselineDiff diff = BaselineDiff.between(staging, prod, AdvisoryIndex.builder().build());

    assertThat(diff.versions()).extracting(BaselineDiff.VersionDrift::name, BaselineDiff.VersionDrift::direction)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bind9", Direction.OLDER),
            org.assertj.core.groups.Tuple.tuple("zlib", Direction.NEWER));
    assertThat(diff.olderCount()).isEqualTo(1);
    assertThat(diff.newerCount()).isEqualTo(1);
  }

  @Test
  void versionsThatOverlapAcrossAssetsAreMixed() {
    Baseline staging = baseline("staging", asset("s-01", Map.of(), deb("curl", "7.74.0-1.3")),
        asset("s-02", Map.of(), deb("curl", "7.88.1-10")));
    Baseline prod = baseline("prod", asset("p-01", Map.of(), deb("curl", "7.80.0-1")));

    BaselineDiff diff = BaselineDiff.between(staging, prod, AdvisoryIndex.builder().build());

    assertThat(diff.versions()).singleElement().extracting(BaselineDiff.VersionDrift::direction)
        .isEqualTo(Direction.MIXED);
  }

  @Test
  void settingsThatDifferOrExistOnOneSideAreListed() {
    Baseline staging = baseline("staging", asset("s-01", Map.of("sshd:permitrootlogin", "yes", "sysctl:a", "1")));
    Baseline prod = baseline("prod", asset("p-01", Map.of("sshd:permitrootlogin", "no", "sysctl:a", "1",
        "sysctl:b", "0")));

    BaselineDiff diff = BaselineDiff.between(staging, prod, AdvisoryIndex.builder().build());

    assertThat(diff.settings()).extracting(BaselineDiff.SettingDrift::key)
        .containsExactly("sshd:permitrootlogin", "sysctl:b");
    assertThat(diff.settings().get(1).aValues()).isEmpty();
    assertThat(diff.settings().get(1).bValues()).containsExactly("0");
  }

  @Test
  void aVulnerabilityTheMatcherFindsOnOneSideOnlyIsReportedWithWhereItHits() {
    Baseline staging = baseline("staging", asset("s-01", Map.of(), deb("openssl", "1.1.1w-0+deb11u1")));
    Baseline prod = baseline("prod", asset("p-01", Map.of(), deb("openssl", "1.1.1k-1+deb11u1")));

    BaselineDiff diff = BaselineDiff.between(staging, prod, fixedIn("CVE-2022-0778", "openssl", "1.1.1n-0+deb11u1"));

    assertThat(diff.vulnerabilities()).singleElement().satisfies(v -> {
      assertThat(v.id()).isEqualTo("CVE-2022-0778");
      assertThat(v.onlyOn()).isEqualTo(Side.B);
      assertThat(v.where()).containsExactly("p-01: openssl 1.1.1k-1+deb11u1 (fixed in 1.1.1n-0+deb11u1)");
    });
    assertThat(diff.vulnerabilityCount(Side.A)).isZero();
    assertThat(diff.versions()).singleElement().extracting(BaselineDiff.VersionDrift::direction)
        .isEqualTo(Direction.NEWER);
  }

  @Test
  void aVulnerabilityOnBothSidesIsNoDrift() {
    Baseline staging = baseline("staging", asset("s-01", Map.of(), deb("openssl", "1.1.1k-1+deb11u1")));
    Baseline prod = baseline("prod", asset("p-01", Map.of(), deb("openssl", "1.1.1k-1+deb11u1")));

    BaselineDiff diff = BaselineDiff.between(staging, prod, fixedIn("CVE-2022-0778", "openssl", "1.1.1n-0+deb11u1"));

    assertThat(diff.identical()).isTrue();
  }
}
