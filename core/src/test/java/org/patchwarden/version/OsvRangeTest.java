package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OsvRangeTest {
  private static final VersionScheme DEB = Schemes.forEcosystem("Debian:12");

  private static OsvEvent introduced(String v) {
    return new OsvEvent(OsvEvent.Kind.INTRODUCED, v);
  }

  private static OsvEvent fixed(String v) {
    return new OsvEvent(OsvEvent.Kind.FIXED, v);
  }

  private static boolean affected(VersionScheme s, List<OsvEvent> events, String version) {
    return OsvRange.of(s, events).contains(s.parse(version));
  }

  @Test
  void introducedZeroMeansFromTheBeginningUntilTheFix() {
    List<OsvEvent> events = List.of(introduced("0"), fixed("1.2-1"));
    assertThat(affected(DEB, events, "0.1")).isTrue();
    assertThat(affected(DEB, events, "1.2~rc1-1")).isTrue();
    assertThat(affected(DEB, events, "1.2-1")).isFalse();
    assertThat(affected(DEB, events, "1:0.1")).isFalse();
  }

  @Test
  void eventsAreSortedByVersionBeforeEvaluation() {
    List<OsvEvent> events = List.of(fixed("2.0"), introduced("3.0"), introduced("1.0"), fixed("4.0"));
    assertThat(affected(DEB, events, "0.9")).isFalse();
    assertThat(affected(DEB, events, "1.5")).isTrue();
    assertThat(affected(DEB, events, "2.5")).isFalse();
    assertThat(affected(DEB, events, "3.5")).isTrue();
    assertThat(affected(DEB, events, "4.0")).isFalse();
  }

  @Test
  void lastAffectedIncludesItsVersion() {
    List<OsvEvent> events = List.of(introduced("1.0"), new OsvEvent(OsvEvent.Kind.LAST_AFFECTED, "1.4"));
    assertThat(affected(DEB, events, "1.4")).isTrue();
    assertThat(affected(DEB, events, "1.4.1")).isFalse();
  }

  @Test
  void anIntroducedWithoutFixAffectsEverythingAfter() {
    assertThat(affected(DEB, List.of(introduced("2.0")), "99")).isTrue();
    assertThat(affected(DEB, List.of(introduced("2.0")), "1.9")).isFalse();
  }

  @Test
  void limitCapsTheRange() {
    List<OsvEvent> events = List.of(introduced("0"), new OsvEvent(OsvEvent.Kind.LIMIT, "3.0"));
    assertThat(affected(DEB, events, "2.9")).isTrue();
    assertThat(affected(DEB, events, "3.0")).isFalse();
  }

  @Test
  void semverRangesAndTheGoEcosystemUsePlainSemver() {
    VersionScheme semver = OsvRange.schemeFor("Go", "SEMVER");
    assertThat(OsvRange.schemeFor("Go", "ECOSYSTEM").name()).isEqualTo(semver.name());
    List<OsvEvent> events = List.of(introduced("0"), fixed("1.20.0-rc.1"));
    assertThat(affected(semver, events, "1.19.9")).isTrue();
    assertThat(affected(semver, events, "1.20.0-beta.2")).isTrue();
    assertThat(affected(semver, events, "1.20.0")).isFalse();
  }

  @Test
  void ecosystemRangesUseTheEcosystemsScheme() {
    assertThat(OsvRange.schemeFor("AlmaLinux:9", "ECOSYSTEM").name()).isEqualTo("rpm");
    assertThat(OsvRange.schemeFor("PyPI", "ECOSYSTEM").name()).isEqualTo("pypi");
  }

  @Test
  void gitRangesAndUnknownTypesAreRefusedWithAReason() {
    assertThatThrownBy(() -> OsvRange.schemeFor("Go", "GIT")).hasMessageContaining("commit graph");
    assertThatThrownBy(() -> OsvRange.schemeFor("Go", "SEMVERS")).hasMessageContaining("unknown OSV range type 'SEMVERS'");
  }

  @Test
  void anInvalidEventVersionIsARangeErrorNamingTheEvent() {
    VersionScheme pypi = Schemes.forEcosystem("PyPI");
    assertThatThrownBy(() -> OsvRange.of(pypi, List.of(introduced("0"), fixed("not a version"))))
        .isInstanceOf(InvalidRangeException.class)
        .hasMessageContaining("fixed: not a version");
  }

  @Test
  void aRangeWithoutEventsIsRefused() {
    assertThatThrownBy(() -> OsvRange.of(DEB, List.of())).isInstanceOf(InvalidRangeException.class);
  }

  @Test
  void anAffectedEntryIsTheUnionOfItsRangesAndItsListedVersions() {
    VersionScheme pypi = Schemes.forEcosystem("PyPI");
    VersionRange r = OsvRange.affected(pypi,
        List.of(List.of(introduced("1.0"), fixed("1.2")), List.of(introduced("2.0"), fixed("2.0.3"))),
        List.of("0.9.1", "3.0rc1"));
    assertThat(r.contains(pypi.parse("1.1"))).isTrue();
    assertThat(r.contains(pypi.parse("2.0.2"))).isTrue();
    assertThat(r.contains(pypi.parse("0.9.1"))).isTrue();
    assertThat(r.contains(pypi.parse("3.0rc1"))).isTrue();
    assertThat(r.contains(pypi.parse("1.5"))).isFalse();
    assertThat(r.contains(pypi.parse("0.9"))).isFalse();
    assertThatThrownBy(() -> OsvRange.affected(pypi, List.of(), List.of("not a version")))
        .isInstanceOf(InvalidRangeException.class).hasMessageContaining("versions: not a version");
  }
}
