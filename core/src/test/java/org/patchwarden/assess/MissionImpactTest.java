package org.patchwarden.assess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MissionImpactTest {
  private static MissionImpact of(int criticality, boolean internetFacing, String environment) {
    return MissionImpact.of(new AssetContext("a", environment, "", criticality, internetFacing, true));
  }

  @Test
  void criticalityOneIsHighWhateverTheExposure() {
    assertThat(of(1, false, "test")).isEqualTo(MissionImpact.HIGH);
  }

  @Test
  void anInternetFacingProductionAssetIsHighEvenWhenLessCritical() {
    assertThat(of(4, true, "production")).isEqualTo(MissionImpact.HIGH);
    assertThat(of(3, true, "prod")).isEqualTo(MissionImpact.HIGH);
  }

  @Test
  void criticalityTwoAndThreeAreMediumAndFourIsLowUnlessExposedInProduction() {
    assertThat(of(2, false, "production")).isEqualTo(MissionImpact.MEDIUM);
    assertThat(of(3, true, "staging")).isEqualTo(MissionImpact.MEDIUM);
    assertThat(of(4, false, "production")).isEqualTo(MissionImpact.LOW);
    assertThat(of(4, true, "test")).isEqualTo(MissionImpact.LOW);
  }
}
