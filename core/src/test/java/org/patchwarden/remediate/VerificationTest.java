package org.patchwarden.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwarden.remediate.Changes.PLANNED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.match.FindingKey;
import org.patchwarden.remediate.ChangeFinding.Outcome;
import org.patchwarden.remediate.Verification.Observation;

class VerificationTest {
  static final Instant APPLIED = PLANNED.plus(Duration.ofHours(1));
  static final Instant RESCAN = APPLIED.plus(Duration.ofHours(1));
  final Change change = Changes.planned(0).apply("ops", APPLIED, Duration.ofHours(24));

  private static List<Outcome> outcomes(List<ChangeFinding> checked) {
    return checked.stream().map(ChangeFinding::outcome).toList();
  }

  @Test
  void anInventoryWithEveryPackageAtItsFixedVersionAndNoMatchVerifiesEveryFinding() {
    Observation o = new Observation(Changes.inventory(2, RESCAN, Changes.libssl("1.1.1n-0+deb11u2"),
        Changes.curlPackage("7.74.0-1.3+deb11u2")), RESCAN);
    List<ChangeFinding> checked = Verification.check(change, Map.of("web-01", o), Map.of(), List.of(), RESCAN);
    assertThat(outcomes(checked)).containsExactly(Outcome.VERIFIED, Outcome.VERIFIED);
    assertThat(checked.get(0).evidence()).isEqualTo(
        "libssl1.1 1.1.1n-0+deb11u2 is at or above 1.1.1n-0+deb11u2, no advisory matches (inventory revision 2)");
  }

  @Test
  void thePackageLeftBelowItsFixedVersionFailsOnlyItsFindingWithEvidence() {
    Observation o = new Observation(Changes.inventory(2, RESCAN, Changes.libssl("1.1.1n-0+deb11u2"),
        Changes.curlPackage("7.74.0-1.3+deb11u1")), RESCAN);
    List<ChangeFinding> checked = Verification.check(change, Map.of("web-01", o),
        Map.of("web-01", List.of(Changes.curlStillOpen("7.74.0-1.3+deb11u1"))), List.of(), RESCAN);
    assertThat(outcomes(checked)).containsExactly(Outcome.VERIFIED, Outcome.FAILED);
    assertThat(checked.get(1).evidence()).isEqualTo("curl 7.74.0-1.3+deb11u1 is below the fixed version "
        + "7.74.0-1.3+deb11u2 (inventory revision 2); DSA-5197-1 (debian-dsa) still matches curl 7.74.0-1.3+deb11u1 "
        + "(< 7.74.0-1.3+deb11u2)");
  }

  @Test
  void anAdvisoryThatStillMatchesFailsTheFindingEvenAtTheFixedVersion() {
    Observation o = new Observation(Changes.inventory(2, RESCAN, Changes.libssl("1.1.1n-0+deb11u2"),
        Changes.curlPackage("7.74.0-1.3+deb11u2")), RESCAN);
    List<ChangeFinding> checked = Verification.check(change, Map.of("web-01", o),
        Map.of("web-01", List.of(Changes.curlStillOpen("7.74.0-1.3+deb11u2"))), List.of(), RESCAN);
    assertThat(outcomes(checked)).containsExactly(Outcome.VERIFIED, Outcome.FAILED);
  }

  @Test
  void anInventoryFromBeforeTheChangeWasAppliedProvesNothing() {
    Observation o = new Observation(Changes.inventory(1, PLANNED, Changes.libssl("1.1.1n-0+deb11u2")), PLANNED);
    assertThat(outcomes(Verification.check(change, Map.of("web-01", o), Map.of(), List.of(), RESCAN)))
        .containsExactly(Outcome.PENDING, Outcome.PENDING);
  }

  @Test
  void aGoModuleAtItsFixedVersionCountsAsFixedThoughOsvWritesItWithoutTheV() {
    ChangeFinding gin = new ChangeFinding(new FindingKey("api-01", "golang", "github.com/gin-gonic/gin",
        "GO-2020-0001"), List.of("CVE-2020-36567"), "Go", false, "1.5.0", "1.6.0", "1.6.0", Changes.FIRST_SEEN, "T3",
        "payments", Outcome.PENDING, null, "");

    assertThat(Verification.atOrAbove(gin, "v1.6.0")).isTrue();
    assertThat(Verification.atOrAbove(gin, "v1.7.2+incompatible")).isTrue();
    assertThat(Verification.atOrAbove(gin, "v1.5.0")).isFalse();
  }

  @Test
  void aRemovedPackageCountsAsFixed() {
    Observation o = new Observation(Changes.inventory(2, RESCAN, Changes.curlPackage("7.74.0-1.3+deb11u2")), RESCAN);
    List<ChangeFinding> checked = Verification.check(change, Map.of("web-01", o), Map.of(), List.of(), RESCAN);
    assertThat(checked.get(0).outcome()).isEqualTo(Outcome.VERIFIED);
    assertThat(checked.get(0).evidence()).startsWith("libssl1.1 is no longer installed");
  }

  @Test
  void aCveAScannerStillReportsOnTheHostFailsTheFinding() {
    Observation o = new Observation(Changes.inventory(2, RESCAN, Changes.libssl("1.1.1n-0+deb11u2"),
        Changes.curlPackage("7.74.0-1.3+deb11u2")), RESCAN);
    ScannerReport report = new ScannerReport("openvas", "web.xml", Optional.empty(),
        List.of(new ScannedHost("10.0.0.5", "web-01", Set.of("CVE-2022-1292"))));
    List<ChangeFinding> checked = Verification.check(change, Map.of("web-01", o), Map.of(), List.of(report), RESCAN);
    assertThat(outcomes(checked)).containsExactly(Outcome.FAILED, Outcome.VERIFIED);
    assertThat(checked.get(0).evidence()).isEqualTo("openvas report web.xml still lists CVE-2022-1292 on web-01");
  }

  @Test
  void aHostTheScanDidNotReachStaysPending() {
    ScannerReport report = new ScannerReport("openvas", "web.xml", Optional.empty(),
        List.of(new ScannedHost("10.0.0.9", "db-01", Set.of("CVE-2022-1292"))));
    assertThat(outcomes(Verification.check(change, Map.of(), Map.of(), List.of(report), RESCAN)))
        .containsExactly(Outcome.PENDING, Outcome.PENDING);
  }
}
