package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineAsset;
import org.patchwarden.baseline.StagingEvidence;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.FindingKey;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeFinding.Outcome;

class RecordStagingEvidenceTest {
  static final Instant AT = Instant.parse("2026-11-01T08:00:00Z");

  static final Change CHANGE = Change.plan("bullseye fixes", "T0", List.of("web-01"), null, 1, "alice", AT, List.of(
      // Debian: the source version (openssl) is compared, and the command names the binary package
      new ChangeFinding(new FindingKey("web-01", "deb", "libssl1.1", "DSA-5139-1"), List.of(), "Debian:11", true,
          "1.1.1k-1+deb11u1", "1.1.1n-0+deb11u2", "1.1.1n-0+deb11u2", AT, "T0", "", Outcome.PENDING, null, ""),
      new ChangeFinding(new FindingKey("web-01", "deb", "curl", "DSA-5197-1"), List.of(), "Debian:11", false,
          "7.74.0-1.3+deb11u1", "7.74.0-1.3+deb11u2", "7.74.0-1.3+deb11u2", AT, "T1", "", Outcome.PENDING, null, "")),
      null).stored(1, 1);

  static Baseline test(InstalledPackage... packages) {
    return new Baseline("stage", 2, AT, "alice", List.of(
        new BaselineAsset("stage-01", "", 1, null, List.of(packages), new TreeMap<>())));
  }

  @Test
  void aTestEnvironmentWithEveryPackageAtOrAboveItsTargetLacksNothing() {
    Baseline patched = test(new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u3", "openssl", "", "amd64", ""),
        InstalledPackage.of("deb", "curl", "7.74.0-1.3+deb11u2"));

    assertThat(RecordStagingEvidence.missingPatches(CHANGE, patched)).isEmpty();
  }

  @Test
  void aPackageBelowItsTargetOrAbsentIsNamedWithTheAssetAndVersion() {
    // "1.1.1n-0+deb11u10" > "1.1.1n-0+deb11u2" in dpkg order, but the curl below is older than its target
    Baseline partly = test(new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u10", "openssl", "", "", ""));
    Baseline older = test(new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u10", "openssl", "", "", ""),
        InstalledPackage.of("deb", "curl", "7.74.0-1.3+deb11u1"));

    assertThat(RecordStagingEvidence.missingPatches(CHANGE, partly))
        .containsExactly("curl is on no asset of stage@2 (target 7.74.0-1.3+deb11u2)");
    assertThat(RecordStagingEvidence.missingPatches(CHANGE, older))
        .containsExactly("curl below target 7.74.0-1.3+deb11u2: stage-01 has 7.74.0-1.3+deb11u1");
  }

  @Test
  void evidenceIsSatisfiedOnlyWhenAVersionMatchedAndThePatchIsPresent() {
    assertThat(new StagingEvidence(1, "stage", 1, 2, "prod@1", "within policy", List.of(), AT, "bob").satisfied())
        .isTrue();
    assertThat(new StagingEvidence(1, "stage", 0, 2, "prod@1", "past policy", List.of(), AT, "bob").satisfied())
        .isFalse();
    assertThat(new StagingEvidence(1, "stage", 2, 2, "prod@1", "within policy", List.of("curl …"), AT, "bob")
        .satisfied()).isFalse();
  }
}
