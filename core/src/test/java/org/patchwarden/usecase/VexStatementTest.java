package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.RemediationStatus;
import org.patchwarden.usecase.VexStatement.Response;
import org.patchwarden.usecase.VexStatement.Status;

class VexStatementTest {
  private static final Instant T = Instant.parse("2026-08-07T12:00:00Z");

  private static TrackedFinding tracked(FindingStatus status, String fixed, Confidence confidence, String reason) {
    Finding f = new Finding("web-01", InstalledPackage.of("deb", "openssl", "1.1.1n"), "CVE-2023-0286", Set.of(),
        "debian-tracker", "Debian:11", "openssl", "1.1.1n", AffectedStatus.AFFECTED, "< " + fixed, fixed, confidence);
    return new TrackedFinding(f, status, T, T, status == FindingStatus.OPEN ? null : T, status == FindingStatus.FIXED ? 4 : 0,
        reason == null ? null : new FindingMark(reason, "ana", T));
  }

  @Test
  void anOpenConfirmedFindingIsAffectedAndSaysWhatToUpgradeTo() {
    VexStatement v = VexStatement.of(tracked(FindingStatus.OPEN, "1.1.1n-4", Confidence.CONFIRMED, null), RemediationStatus.OPEN);
    assertThat(v.status()).isEqualTo(Status.AFFECTED);
    assertThat(v.response()).isEqualTo(Response.UPDATE);
    assertThat(v.detail()).isEqualTo("upgrade openssl to 1.1.1n-4");
  }

  @Test
  void withoutAFixItCannotBeFixedAndARiskAcceptanceWillNotFixIt() {
    assertThat(VexStatement.of(tracked(FindingStatus.OPEN, "", Confidence.CONFIRMED, null), RemediationStatus.OPEN)
        .response()).isEqualTo(Response.CAN_NOT_FIX);
    VexStatement accepted = VexStatement.of(tracked(FindingStatus.OPEN, "2", Confidence.CONFIRMED, null),
        RemediationStatus.RISK_ACCEPTED);
    assertThat(accepted.response()).isEqualTo(Response.WILL_NOT_FIX);
    assertThat(accepted.detail()).endsWith("; risk accepted");
  }

  @Test
  void aMatchByCpeOrProductOnlyIsUnderInvestigation() {
    assertThat(VexStatement.of(tracked(FindingStatus.OPEN, "2", Confidence.CPE_MATCH, null), RemediationStatus.OPEN)
        .status()).isEqualTo(Status.UNDER_INVESTIGATION);
    assertThat(VexStatement.of(tracked(FindingStatus.OPEN, "", Confidence.PRODUCT_ONLY, null), RemediationStatus.PLANNED)
        .detail()).startsWith("matched by KEV product only: verify");
  }

  @Test
  void aNotAffectedMarkNamingAJustificationStatesIt() {
    VexStatement v = VexStatement.of(tracked(FindingStatus.NOT_AFFECTED, "2", Confidence.CONFIRMED,
        "Vulnerable code not in execute path - the module is never loaded"), RemediationStatus.NOT_AFFECTED);
    assertThat(v.status()).isEqualTo(Status.NOT_AFFECTED);
    assertThat(v.justification()).isEqualTo("vulnerable_code_not_in_execute_path");
    assertThat(v.falsePositive()).isFalse();
    assertThat(VexStatement.of(tracked(FindingStatus.NOT_AFFECTED, "2", Confidence.CONFIRMED, "we said so"),
        RemediationStatus.NOT_AFFECTED).justification()).isEmpty();
  }

  @Test
  void aFalsePositiveIsNotAffectedBecauseTheVulnerableCodeIsNotPresent() {
    VexStatement v = VexStatement.of(tracked(FindingStatus.NOT_AFFECTED, "2", Confidence.CONFIRMED,
        RemediationStatus.FALSE_POSITIVE_PREFIX + "backported"), RemediationStatus.FALSE_POSITIVE);
    assertThat(v.falsePositive()).isTrue();
    assertThat(v.justification()).isEqualTo("vulnerable_code_not_present");
    assertThat(v.detail()).isEqualTo("backported");
  }

  @Test
  void fixedAndVerifiedFindingsAreFixedAndARetractedOneIsNotAffected() {
    assertThat(VexStatement.of(tracked(FindingStatus.FIXED, "2", Confidence.CONFIRMED, null), RemediationStatus.VERIFIED)
        .detail()).isEqualTo("fix verified by inventory revision 4");
    assertThat(VexStatement.of(tracked(FindingStatus.FIXED, "2", Confidence.CONFIRMED, null), RemediationStatus.FIXED)
        .status()).isEqualTo(Status.FIXED);
    assertThat(VexStatement.of(tracked(FindingStatus.RETRACTED, "2", Confidence.CONFIRMED, null), RemediationStatus.RETRACTED)
        .status()).isEqualTo(Status.NOT_AFFECTED);
  }

  @Test
  void anUnknownJustificationIsRefused() {
    assertThatThrownBy(() -> new VexStatement(Status.NOT_AFFECTED, "because", false, "x", Response.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("because");
  }
}
