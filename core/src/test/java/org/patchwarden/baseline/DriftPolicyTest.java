package org.patchwarden.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.baseline.BaselineDiffTest.asset;
import static org.patchwarden.baseline.BaselineDiffTest.baseline;
import static org.patchwarden.baseline.BaselineDiffTest.deb;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftPolicyTest {
  static final Baseline STAGING = baseline("staging", asset("s-01", Map.of("sshd:permitrootlogin", "yes"),
      deb("openssl", "1.1.1k-1+deb11u1")));
  static final Baseline PROD = baseline("prod", asset("p-01", Map.of("sshd:permitrootlogin", "no"),
      deb("openssl", "1.1.1w-0+deb11u1"), deb("curl", "7.74.0-1.3")));
  static final BaselineDiff DIFF = BaselineDiff.between(STAGING, PROD,
      BaselineDiffTest.fixedIn("CVE-2022-0778", "openssl", "1.1.1n-0+deb11u1"));

  @Test
  void theStrictPolicyNamesEveryRuleTheDriftGoesPast() {
    DriftPolicy.Verdict verdict = DriftPolicy.strict().judge(DIFF);

    assertThat(verdict.withinPolicy()).isFalse();
    assertThat(verdict.breaches()).extracting(DriftPolicy.Breach::rule).containsExactly("max-missing-packages",
        "max-older-versions", "max-vulnerabilities-only-in-test", "settings-must-match");
    assertThat(verdict.describe()).startsWith("past policy: max-missing-packages: 1 (limit 0)");
  }

  @Test
  void limitsAtTheDriftAndSettingsNotRequiredToMatchAreWithinPolicy() {
    DriftPolicy relaxed = new DriftPolicy(1, 1, 0, 1, 0, Set.of("sysctl:net.ipv4.ip_forward"));

    assertThat(relaxed.judge(DIFF).withinPolicy()).isTrue();
    assertThat(relaxed.judge(DIFF).describe()).isEqualTo("within policy");
  }

  @Test
  void aNegativeLimitIsRefusedByName() {
    assertThatThrownBy(() -> new DriftPolicy(-1, 0, 0, 0, 0, Set.of()))
        .hasMessage("drift policy: max-missing-packages must be 0 or more, got -1");
  }
}
