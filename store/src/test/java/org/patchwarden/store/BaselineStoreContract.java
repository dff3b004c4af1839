package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineAsset;
import org.patchwarden.baseline.BaselineRef;
import org.patchwarden.baseline.BaselineSummary;
import org.patchwarden.baseline.StagingEvidence;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/** What every {@link org.patchwarden.baseline.BaselineStore} must do, on every database. */
abstract class BaselineStoreContract extends DatabaseContract {
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00.123456Z");
  static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");

  static Baseline staging(String nginxVersion) {
    return new Baseline("staging-web", 0, T0, "alice", List.of(
        new BaselineAsset("staging-web-01", "web", 4, BULLSEYE, List.of(
            new InstalledPackage("deb", "libssl1.1", "1.1.1k-1+deb11u1", "openssl", "", "amd64", ""),
            InstalledPackage.of("deb", "nginx", nginxVersion)),
            new TreeMap<>(Map.of("os-release:ID", "debian", "sshd:permitrootlogin", "no"))),
        new BaselineAsset("sbom-app", "", 1, null, List.of(
            new InstalledPackage("npm", "lodash", "4.17.20", "", "", "", "pkg:npm/lodash@4.17.20")), new TreeMap<>())));
  }

  @Test
  void aSavedBaselineIsReadBackWholeAsVersionOne() {
    Baseline saved = db.baselineStore().save(staging("1.18.0-6.1"));

    assertThat(saved.version()).isEqualTo(1);
    assertThat(db.baselineStore().find("staging-web", 1)).contains(saved);
    assertThat(db.baselineStore().latest("staging-web")).contains(saved);
  }

  @Test
  void capturingANameAgainStoresItsNextVersionAndKeepsTheOlder() {
    Baseline first = db.baselineStore().save(staging("1.18.0-6.1"));
    Baseline second = db.baselineStore().save(staging("1.18.0-6.1+deb11u3"));

    assertThat(second.version()).isEqualTo(2);
    assertThat(db.baselineStore().find(BaselineRef.parse("staging-web"))).contains(second);
    assertThat(db.baselineStore().find(BaselineRef.parse("staging-web@1"))).contains(first);
    assertThat(db.baselineStore().find("staging-web", 3)).isEmpty();
    assertThat(db.baselineStore().latest("production-web")).isEmpty();
  }

  @Test
  void theListingHasEveryVersionWithItsCounts() {
    db.baselineStore().save(staging("1"));
    db.baselineStore().save(staging("2"));
    db.baselineStore().save(new Baseline("alpha", 0, T0, "bob", List.of(
        new BaselineAsset("a-01", "", 1, null, List.of(), new TreeMap<>()))));

    assertThat(db.baselineStore().list()).containsExactly(
        new BaselineSummary("alpha", 1, T0, "bob", 1, 0),
        new BaselineSummary("staging-web", 1, T0, "alice", 2, 3),
        new BaselineSummary("staging-web", 2, T0, "alice", 2, 3));
  }

  @Test
  void stagingEvidenceIsKeptPerChangeInTheOrderRecorded() {
    long change = db.changeStore().insert(ChangeStoreContract.planned(1), List.of()).id();
    StagingEvidence failed = new StagingEvidence(change, "staging-web", 0, 1, "production-web@1",
        "past policy: max-missing-packages: 5 (limit 0)", List.of("openssl below target 1.1.1n: s-01 has 1.1.1k",
            "curl is on no asset of staging-web@1 (target 7.74.0-1.3+deb11u2)"), T0, "carol");
    StagingEvidence passed = new StagingEvidence(change, "staging-web", 1, 2, "production-web@1", "within policy",
        List.of(), T0.plusSeconds(60), "carol");

    db.baselineStore().recordEvidence(failed);
    db.baselineStore().recordEvidence(passed);

    assertThat(db.baselineStore().evidence(change)).containsExactly(failed, passed);
    assertThat(db.baselineStore().evidence(change + 1)).isEmpty();
  }
}
