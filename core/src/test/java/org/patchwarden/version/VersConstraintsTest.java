package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersConstraintsTest {
  private static final VersionScheme DEB = Schemes.forEcosystem("deb");

  private static boolean contains(String range, String version) {
    return DEB.parseRange(range).contains(DEB.parse(version));
  }

  @Test
  void readsConsecutiveBoundsAsIntervals() {
    assertThat(contains(">=1.0|<1.2", "1.1")).isTrue();
    assertThat(contains(">=1.0|<1.2", "1.2")).isFalse();
    assertThat(contains(">=1.0|<1.2", "0.9")).isFalse();
    assertThat(contains("<1.0|>=2.0", "1.5")).isFalse();
    assertThat(contains("<1.0|>=2.0", "0.5")).isTrue();
    assertThat(contains("<1.0|>=2.0", "2.0")).isTrue();
  }

  @Test
  void equalitiesAddVersionsAndExclusionsRemoveThem() {
    assertThat(contains("1.5|>=2.0", "1.5")).isTrue();
    assertThat(contains("1.5|>=2.0", "1.6")).isFalse();
    assertThat(contains(">=1.0|<2.0|!=1.5", "1.5")).isFalse();
    assertThat(contains(">=1.0|<2.0|!=1.5", "1.6")).isTrue();
    assertThat(contains("!=1.5", "1.6")).isTrue();
  }

  @Test
  void aStarHoldsEverything() {
    assertThat(contains("*", "0~0")).isTrue();
  }

  @Test
  void usesTheSchemesOrderingNotTextOrder() {
    assertThat(contains(">=1.0~rc1|<1.0", "1.0~rc2")).isTrue();
    assertThat(contains("<1:0.1", "9.9")).isTrue();
  }

  @Test
  void refusesEmptyConstraintsAndBadVersionsNamingTheRange() {
    assertThatThrownBy(() -> DEB.parseRange("")).isInstanceOf(InvalidRangeException.class);
    assertThatThrownBy(() -> DEB.parseRange(">=1.0||<2")).hasMessageContaining("empty constraint");
    assertThatThrownBy(() -> DEB.parseRange(">=1.0|*")).hasMessageContaining("'*' must be the only constraint");
    assertThatThrownBy(() -> DEB.parseRange(">=1 0")).isInstanceOf(InvalidRangeException.class).hasMessageContaining(">=1 0");
  }

  @Test
  void parsesVersUris() {
    Vers vers = Vers.parse("vers:deb/>=1.0|<1.2");
    assertThat(vers.scheme().name()).isEqualTo("deb");
    assertThat(vers.range().contains(vers.scheme().parse("1.1"))).isTrue();
    assertThat(Vers.parse("vers:npm/>=1.0.0|<2.0.0").range().contains(Schemes.forEcosystem("npm").parse("1.9.9"))).isTrue();
    assertThatThrownBy(() -> Vers.parse("vers:nosuch/1.0")).hasMessageContaining("unknown versioning scheme 'nosuch'");
    assertThatThrownBy(() -> Vers.parse("deb/1.0")).hasMessageContaining("must start with 'vers:'");
    assertThatThrownBy(() -> Vers.parse("vers:deb")).hasMessageContaining("missing '/'");
  }
}
