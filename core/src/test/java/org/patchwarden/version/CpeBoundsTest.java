package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpeBoundsTest {
  private static final VersionScheme GENERIC = Schemes.forEcosystem("generic");

  private static boolean contains(VersionRange r, String v) {
    return r.contains(GENERIC.parse(v));
  }

  @Test
  void startIncludingAndEndExcludingMakeAHalfOpenInterval() {
    VersionRange r = CpeBounds.of(GENERIC, "*", "10.2.0", null, null, "10.2.9-h1");
    assertThat(contains(r, "10.2.0")).isTrue();
    assertThat(contains(r, "10.2.9")).isTrue();
    assertThat(contains(r, "10.2.9-h1")).isFalse();
    assertThat(contains(r, "10.1.14")).isFalse();
  }

  @Test
  void startExcludingAndEndIncludingMakeTheOtherHalfOpenInterval() {
    VersionRange r = CpeBounds.of(GENERIC, "*", null, "7.4.0", "7.4.3", null);
    assertThat(contains(r, "7.4.0")).isFalse();
    assertThat(contains(r, "7.4.3")).isTrue();
    assertThat(contains(r, "7.4.10")).isFalse();
  }

  @Test
  void withoutBoundsTheCpeVersionIsExactOrAny() {
    assertThat(contains(CpeBounds.of(GENERIC, "12.1.0.2", null, null, null, null), "12.1.0.2")).isTrue();
    assertThat(contains(CpeBounds.of(GENERIC, "12.1.0.2", null, null, null, null), "12.1.0.3")).isFalse();
    assertThat(contains(CpeBounds.of(GENERIC, "*", null, null, null, null), "1")).isTrue();
    assertThat(contains(CpeBounds.of(GENERIC, "-", null, null, null, null), "1")).isTrue();
  }

  @Test
  void contradictoryBoundsAreRefused() {
    assertThatThrownBy(() -> CpeBounds.of(GENERIC, "*", "1.0", "1.0", null, null)).isInstanceOf(InvalidRangeException.class);
    assertThatThrownBy(() -> CpeBounds.of(GENERIC, "*", null, null, "2.0", "2.0")).isInstanceOf(InvalidRangeException.class);
  }
}
