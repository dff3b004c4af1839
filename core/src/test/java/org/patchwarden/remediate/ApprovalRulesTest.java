package org.patchwarden.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;

class ApprovalRulesTest {
  static final Instant NOW = Instant.parse("2026-11-01T08:00:00Z");
  static final Asset STAGING = new Asset("staging-web-01", AssetKind.HOST, "staging", "web", 3, false, Set.of());
  static final Asset PRODUCTION = new Asset("web-01", AssetKind.HOST, "production", "web", 2, true, Set.of());

  @Test
  void anAutoApprovedTierOnNonProductionAssetsIsApprovedByTheRule() {
    Approval a = new ApprovalRules(1, Set.of("t0")).automatic("T0", List.of(STAGING), NOW);
    assertThat(a).isNotNull();
    assertThat(a.rule()).isEqualTo("auto: T0 on non-production assets");
  }

  @Test
  void oneProductionAssetOrAnUnstatedEnvironmentNeedsPeople() {
    ApprovalRules rules = new ApprovalRules(1, Set.of("T0"));
    assertThat(rules.automatic("T0", List.of(STAGING, PRODUCTION), NOW)).isNull();
    assertThat(rules.automatic("T0", List.of(Asset.unstated("x", AssetKind.HOST)), NOW)).isNull();
    assertThat(rules.automatic("T1", List.of(STAGING), NOW)).isNull();
  }

  @Test
  void approvalsAreZeroOneOrTwo() {
    assertThatThrownBy(() -> new ApprovalRules(3, Set.of())).hasMessageContaining("0, 1 or 2");
  }

  @Test
  void stagingEvidenceApprovesOnlyAnAutoApprovedTierAndNeverWithoutApprovalsConfigured() {
    Instant at = Instant.parse("2026-11-01T08:00:00Z");
    assertThat(new ApprovalRules(1, Set.of("t0")).withStagingEvidence("T0", at).rule())
        .isEqualTo("auto: T0 with satisfied staging evidence");
    assertThat(new ApprovalRules(1, Set.of("T0")).withStagingEvidence("T1", at)).isNull();
    assertThat(new ApprovalRules(0, Set.of("T0")).withStagingEvidence("T0", at)).isNull();
  }
}
