package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwarden.match.Records.affected;
import static org.patchwarden.match.Records.cpe;
import static org.patchwarden.match.Records.events;
import static org.patchwarden.match.Records.fixedIn;
import static org.patchwarden.match.Records.record;
import static org.patchwarden.match.Records.status;
import static org.patchwarden.match.Records.versions;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

class MatcherTest {
  private static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");
  private static final OsRelease BOOKWORM = new OsRelease("debian", "12", "bookworm", "");
  private static final OsRelease ALMA_9 = new OsRelease("almalinux", "9.3", "", "rhel centos fedora");

  // Real entries of the tracker's data/DSA/list, verbatim.
  private static final String OPENSSL_DSAS = """
      [26 Jun 2022] DSA-5169-1 openssl - security update
      \t{CVE-2022-2068}
      \t[buster] - openssl 1.1.1n-0+deb10u3
      \t[bullseye] - openssl 1.1.1n-0+deb11u3
      [17 May 2022] DSA-5139-1 openssl - security update
      \t{CVE-2022-1292}
      \t[buster] - openssl 1.1.1n-0+deb10u2
      \t[bullseye] - openssl 1.1.1n-0+deb11u2
      [15 Mar 2022] DSA-5103-1 openssl - security update
      \t{CVE-2021-4160 CVE-2022-0778}
      \t[buster] - openssl 1.1.1d-0+deb10u8
      \t[bullseye] - openssl 1.1.1k-1+deb11u2
      [24 Aug 2021] DSA-4963-1 openssl - security update
      \t{CVE-2021-3711 CVE-2021-3712}
      \t[buster] - openssl 1.1.1d-0+deb10u7
      \t[bullseye] - openssl 1.1.1k-1+deb11u1
      """;
  private static final String BACKPORT_DSAS = """
      [31 Dec 2022] DSA-5308-1 webkit2gtk - security update
      \t{CVE-2022-42852 CVE-2022-42856 CVE-2022-42867 CVE-2022-46692 CVE-2022-46698 CVE-2022-46699 CVE-2022-46700}
      \t[bullseye] - webkit2gtk 2.38.3-1~deb11u1
      [27 Dec 2022] DSA-5306-1 gerbv - security update
      \t{CVE-2021-40393 CVE-2021-40394 CVE-2021-40401 CVE-2021-40403}
      \t[bullseye] - gerbv 2.7.0-2+deb11u2
      [16 Dec 2022] DSA-5303-1 thunderbird - security update
      \t{CVE-2022-46882 CVE-2022-46881 CVE-2022-46880 CVE-2022-46878 CVE-2022-46874 CVE-2022-46872 CVE-2022-45414}
      \t[bullseye] - thunderbird 1:102.6.0-1~deb11u1
      """;
  private static final String STATUS_DSAS = """
      [12 Apr 2011] DSA-2218-1 vlc - heap-based buffer overflow
      \t{CVE-2011-1684}
      \t[lenny] - vlc <not-affected> (Vulnerable code not present)
      \t[squeeze] - vlc 1.1.3-1squeeze5
      [25 Oct 2016] DSA-3699-1 virtualbox - end of life
      \t[jessie] - virtualbox <end-of-life>
      [02 Nov 2005] DSA-880-1 phpmyadmin - several
      \t{CVE-2005-2869 CVE-2005-3300 CVE-2005-3301 CVE-2005-3787}
      \t[woody] - phpmyadmin <unfixed>
      \t[sarge] - phpmyadmin 4:2.6.2-3sarge1
      \tNOTE: fixed in testing at time of DSA
      """;

  private static InstalledPackage deb(String name, String version) {
    return InstalledPackage.of("deb", name, version);
  }

  private static InstalledPackage deb(String binary, String version, String source, String sourceVersion) {
    return new InstalledPackage("deb", binary, version, source, sourceVersion, "amd64", "");
  }

  private static MatchResult match(AdvisoryIndex index, OsRelease os, InstalledPackage... packages) {
    return new Matcher(index).match("host-1", os, List.of(packages));
  }

  private static List<String> ids(MatchResult r) {
    return r.findings().stream().map(Finding::advisoryId).sorted().toList();
  }

  private static Finding only(MatchResult r, String advisoryId) {
    List<Finding> f = r.findings().stream().filter(x -> x.advisoryId().equals(advisoryId)).toList();
    assertThat(f).hasSize(1);
    return f.get(0);
  }

  @Test
  void aBinaryPackageIsMatchedByItsSourcePackageAndVersionWithEvidence() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = match(index, BULLSEYE, deb("libssl1.1", "1.1.1k-1+deb11u1", "openssl", ""));

    assertThat(ids(r)).containsExactly("DSA-5103-1", "DSA-5139-1", "DSA-5169-1");
    Finding f = only(r, "DSA-5103-1");
    assertThat(f.installed().name()).isEqualTo("libssl1.1");
    assertThat(f.matchedName()).isEqualTo("openssl");
    assertThat(f.matchedVersion()).isEqualTo("1.1.1k-1+deb11u1");
    assertThat(f.advisoryEcosystem()).isEqualTo("Debian:11");
    assertThat(f.feedSource()).isEqualTo("debian-dsa");
    assertThat(f.aliases()).containsExactlyInAnyOrder("CVE-2021-4160", "CVE-2022-0778");
    assertThat(f.status()).isEqualTo(AffectedStatus.AFFECTED);
    assertThat(f.range()).isEqualTo("introduced 0, fixed 1.1.1k-1+deb11u2");
    assertThat(f.fixedVersion()).isEqualTo("1.1.1k-1+deb11u2");
    assertThat(f.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(r.gaps()).isEmpty();
  }

  @Test
  void theFixedVersionComesFromTheHostsReleaseNotFromAnOlderReleasesSmallerFix() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = match(index, BULLSEYE, deb("openssl", "1.1.1k-1+deb11u1"));

    // buster's 1.1.1n-0+deb10u2 is above the installed version and below bullseye's fix
    assertThat(only(r, "DSA-5139-1").fixedVersion()).isEqualTo("1.1.1n-0+deb11u2");
    assertThat(only(r, "DSA-5169-1").fixedVersion()).isEqualTo("1.1.1n-0+deb11u3");
  }

  @Test
  void aBinNmuVersionIsTheSourceVersionWithoutItsSuffix() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    // "+b1": rebuilt binary, same source; without Source: version the suffix must not count as newer code
    MatchResult withoutSourceVersion = match(index, BULLSEYE, deb("libssl1.1", "1.1.1n-0+deb11u2+b1", "openssl", ""));
    MatchResult withSourceVersion =
        match(index, BULLSEYE, deb("libssl1.1", "1.1.1n-0+deb11u2+b1", "openssl", "1.1.1n-0+deb11u2"));

    assertThat(ids(withoutSourceVersion)).containsExactly("DSA-5169-1");
    assertThat(withoutSourceVersion.findings().get(0).matchedVersion()).isEqualTo("1.1.1n-0+deb11u2");
    assertThat(ids(withSourceVersion)).containsExactly("DSA-5169-1");
  }

  @Test
  void theFixedVersionItselfAndNewerVersionsAreNotAffected() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    assertThat(match(index, BULLSEYE, deb("openssl", "1.1.1n-0+deb11u3")).findings()).isEmpty();
    assertThat(match(index, BULLSEYE, deb("openssl", "1.1.1n-0+deb11u4")).findings()).isEmpty();
    assertThat(match(index, BULLSEYE, deb("openssl", "3.0.11-1~deb12u2")).findings()).isEmpty();
  }

  @Test
  void tildeBackportsSortBelowTheirBaseVersionAndPlusUpdatesAbove() {
    AdvisoryIndex index = DsaList.index(BACKPORT_DSAS);

    assertThat(ids(match(index, BULLSEYE, deb("libwebkit2gtk-4.0-37", "2.38.2-1~deb11u1", "webkit2gtk", ""))))
        .containsExactly("DSA-5308-1");
    assertThat(match(index, BULLSEYE, deb("libwebkit2gtk-4.0-37", "2.38.3-1~deb11u1", "webkit2gtk", "")).findings())
        .isEmpty();
    // the unstable version the backport came from is newer than the backport
    assertThat(match(index, BULLSEYE, deb("libwebkit2gtk-4.0-37", "2.38.3-1", "webkit2gtk", "")).findings()).isEmpty();

    assertThat(ids(match(index, BULLSEYE, deb("gerbv", "2.7.0-2")))).containsExactly("DSA-5306-1");
    assertThat(ids(match(index, BULLSEYE, deb("gerbv", "2.7.0-2+deb11u1")))).containsExactly("DSA-5306-1");
    assertThat(match(index, BULLSEYE, deb("gerbv", "2.7.0-2+deb11u2")).findings()).isEmpty();
  }

  @Test
  void anEpochOutweighsEverythingElseAndAZeroEpochIsNoEpoch() {
    AdvisoryIndex index = DsaList.index(BACKPORT_DSAS);

    // 102.6.0 without the epoch is epoch 0, below the fixed 1:102.6.0
    assertThat(ids(match(index, BULLSEYE, deb("thunderbird", "102.6.0-1~deb11u1")))).containsExactly("DSA-5303-1");
    assertThat(match(index, BULLSEYE, deb("thunderbird", "1:102.6.0-1~deb11u1")).findings()).isEmpty();
    assertThat(ids(match(index, BULLSEYE, deb("thunderbird", "1:102.5.0-1~deb11u1")))).containsExactly("DSA-5303-1");

    AdvisoryIndex plain = Records.index("debian-dsa",
        record("debian-dsa", "DSA-9000-1", Set.of(), fixedIn("Debian:11", "pkg", "1.0-1")));
    assertThat(match(plain, BULLSEYE, deb("pkg", "0:1.0-1")).findings()).isEmpty();
    assertThat(match(plain, BULLSEYE, deb("pkg", "1:0.1-1")).findings()).isEmpty();
    assertThat(ids(match(plain, BULLSEYE, deb("pkg", "0:0.9-1")))).containsExactly("DSA-9000-1");
  }

  @Test
  void specialStatusesGiveFindingsOfThatStatusWithoutAFixAndNotAffectedGivesNone() {
    AdvisoryIndex index = DsaList.index(STATUS_DSAS);
    OsRelease woody = new OsRelease("debian", "3.0", "woody", "");
    OsRelease jessie = new OsRelease("debian", "8", "jessie", "");
    OsRelease lenny = new OsRelease("debian", "5", "lenny", "");

    Finding unfixed = only(match(index, woody, deb("phpmyadmin", "2.2.4-1")), "DSA-880-1");
    assertThat(unfixed.status()).isEqualTo(AffectedStatus.UNFIXED);
    assertThat(unfixed.fixedVersion()).isEmpty();
    assertThat(unfixed.range()).isEqualTo("<unfixed>");

    Finding eol = only(match(index, jessie, deb("virtualbox", "4.3.36-dfsg-1+deb8u1")), "DSA-3699-1");
    assertThat(eol.status()).isEqualTo(AffectedStatus.END_OF_LIFE);
    assertThat(eol.fixedVersion()).isEmpty();

    MatchResult notAffected = match(index, lenny, deb("vlc", "0.8.6.h-4+lenny3"));
    assertThat(notAffected.findings()).isEmpty();
    assertThat(notAffected.gaps()).isEmpty(); // "not affected" is data, not a gap
  }

  @Test
  void anEpochInTheFixedVersionCatchesAnInstalledVersionWithoutOne() {
    AdvisoryIndex index = DsaList.index(STATUS_DSAS);
    OsRelease sarge = new OsRelease("debian", "3.1", "sarge", "");
    assertThat(only(match(index, sarge, deb("phpmyadmin", "2.6.2-3sarge1")), "DSA-880-1").fixedVersion())
        .isEqualTo("4:2.6.2-3sarge1");
    assertThat(match(index, sarge, deb("phpmyadmin", "4:2.6.2-3sarge1")).findings()).isEmpty();
  }

  @Test
  void anUndeterminedEntryAffectsEveryVersion() {
    AffectedPackage undetermined = new AffectedPackage("Debian:11", "libxml2", null, AffectedStatus.AFFECTED,
        List.of(), List.of(), "bullseye; undetermined");
    AdvisoryIndex index = Records.index("debian-tracker", record("debian-tracker", "CVE-2022-49043", Set.of(), undetermined));
    Finding f = only(match(index, BULLSEYE, deb("libxml2", "2.9.10+dfsg-6.7+deb11u4")), "CVE-2022-49043");
    assertThat(f.status()).isEqualTo(AffectedStatus.AFFECTED);
    assertThat(f.range()).isEqualTo("all versions (undetermined)");
    assertThat(f.fixedVersion()).isEmpty();
  }

  @Test
  void packagesAbsentFromTheDataGiveNeitherFindingsNorGaps() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = match(index, BULLSEYE, deb("hello", "2.10-2"), deb("libssl1.1", "1.1.1w-0+deb11u1", "openssl", ""));
    assertThat(r.findings()).isEmpty();
    assertThat(r.gaps()).isEmpty();
  }

  @Test
  void aBookwormHostAgainstDataThatStopsAtBullseyeReportsACoverageGap() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = match(index, BOOKWORM, deb("libssl3", "3.0.11-1~deb12u2", "openssl", ""),
        deb("bash", "5.2.15-2+b2"), InstalledPackage.of("pypi", "requests", "2.28.1"));

    assertThat(r.findings()).isEmpty();
    assertThat(r.gaps()).containsExactly(
        new CoverageGap("host-1", "Debian:12", 2, "no advisory data for Debian:12 (bookworm)"),
        new CoverageGap("host-1", "PyPI", 1, "no advisory data for PyPI"));
  }

  @Test
  void aTestingHostWithoutVersionIdIsMappedByItsCodename() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = match(index, new OsRelease("debian", "", "bullseye", ""), deb("openssl", "1.1.1n-0+deb11u2"));
    assertThat(ids(r)).containsExactly("DSA-5169-1");
  }

  @Test
  void packagesOfNoKnownAdvisoryEcosystemAreAGapNotSilence() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = new Matcher(index).match("mint-1", new OsRelease("linuxmint", "21.2", "victoria", "ubuntu debian"),
        List.of(deb("openssl", "3.0.2-0ubuntu1.10")));
    assertThat(r.gaps()).containsExactly(new CoverageGap("mint-1", "deb on linuxmint 21.2", 1,
        "no advisory ecosystem is known for deb on linuxmint 21.2"));
  }

  @Test
  void versionsTheSchemeRejectsAreSkippedAndCounted() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = match(index, BULLSEYE, deb("openssl", "not a version"), deb("libssl1.1", "", "openssl", ""),
        deb("openssl-dbg", "1.1.1k-1+deb11u1", "openssl", ""));
    assertThat(ids(r)).containsExactly("DSA-5103-1", "DSA-5139-1", "DSA-5169-1");
    assertThat(r.gaps()).containsExactly(
        new CoverageGap("host-1", "Debian:11", 2, "2 packages with versions the deb scheme rejects"));
  }

  @Test
  void theSameAdvisoryFromTwoFeedsGivesOneFindingPerFeed() {
    AdvisoryRecord dsa = DsaList.toRecord(DsaList.parse(OPENSSL_DSAS).get(2));
    AdvisoryRecord osv = record("osv:debian", "DSA-5103-1", Set.of("CVE-2021-4160", "CVE-2022-0778"),
        fixedIn("Debian:11", "openssl", "1.1.1k-1+deb11u2"));
    AdvisoryIndex index = AdvisoryIndex.builder().add("debian-dsa", dsa).add("osv:debian", osv).build();

    MatchResult r = match(index, BULLSEYE, deb("openssl", "1.1.1k-1+deb11u1"));
    assertThat(r.findings()).extracting(Finding::feedSource).containsExactlyInAnyOrder("debian-dsa", "osv:debian");
    assertThat(r.findings()).extracting(Finding::advisoryId).containsOnly("DSA-5103-1");
  }

  @Test
  void aPackageNameListedTwiceOnOneAssetKeepsTheFirstFinding() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    InstalledPackage amd64 = new InstalledPackage("deb", "libssl1.1", "1.1.1k-1+deb11u1", "openssl", "", "amd64", "");
    InstalledPackage i386 = new InstalledPackage("deb", "libssl1.1", "1.1.1k-1+deb11u1", "openssl", "", "i386", "");
    MatchResult r = match(index, BULLSEYE, amd64, i386);
    assertThat(r.findings()).hasSize(3).allSatisfy(f -> assertThat(f.installed()).isEqualTo(amd64));
  }

  @Test
  void withdrawnRecordsAreNotMatched() {
    AdvisoryIndex index = Records.index("osv:go",
        Records.withdrawn("osv:go", "GO-2020-0001", fixedIn("Go", "github.com/gin-gonic/gin", "1.6.0")));
    MatchResult r = match(index, null, InstalledPackage.of("go", "github.com/gin-gonic/gin", "v1.5.0"));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aCompactAlmaLinuxEvrIsComparedWithItsEpochByBinaryName() {
    // Real ALSA ranges for openssl-libs on AlmaLinux 9 (binary package names, EVR with epoch 1)
    AdvisoryIndex index = Records.index("osv:almalinux",
        record("osv:almalinux", "ALSA-2023:2523", Set.of(), fixedIn("AlmaLinux:9", "openssl-libs", "1:3.0.7-6.el9_2")),
        record("osv:almalinux", "ALSA-2024:0310", Set.of(), fixedIn("AlmaLinux:9", "openssl-libs", "1:3.0.7-25.el9_3")));
    InstalledPackage libs = new InstalledPackage("rpm", "openssl-libs", "1:3.0.7-24.el9", "openssl", "", "x86_64", "");

    Finding f = only(match(index, ALMA_9, libs), "ALSA-2024:0310");
    assertThat(f.matchedName()).isEqualTo("openssl-libs");
    assertThat(f.advisoryEcosystem()).isEqualTo("AlmaLinux:9");
    assertThat(f.fixedVersion()).isEqualTo("1:3.0.7-25.el9_3");
    assertThat(match(index, ALMA_9, InstalledPackage.of("rpm", "openssl-libs", "1:3.0.7-27.el9")).findings()).isEmpty();
    // rpm reads a missing epoch as 0: below epoch 1 whatever the version
    assertThat(ids(match(index, ALMA_9, InstalledPackage.of("rpm", "openssl-libs", "3.0.7-27.el9"))))
        .containsExactly("ALSA-2023:2523", "ALSA-2024:0310");
    // the source RPM name is not what AlmaLinux advisories list
    assertThat(match(index, ALMA_9, InstalledPackage.of("rpm", "openssl", "1:3.0.7-24.el9")).findings()).isEmpty();
  }

  @Test
  void goVersionsAreComparedAsSemverWithoutTheirVAcrossMultipleRanges() {
    // Real GO-2023-1515 ranges for github.com/rancher/wrangler
    AdvisoryIndex index = Records.index("osv:go", record("osv:go", "GO-2023-1515", Set.of("CVE-2022-31249"),
        affected("Go", "github.com/rancher/wrangler", events("SEMVER", "introduced", "0", "fixed", "0.7.4-security1",
            "introduced", "0.8.0", "fixed", "0.8.5-security1", "introduced", "0.8.6", "fixed", "0.8.11",
            "introduced", "1.0.0", "fixed", "1.0.1"))));
    String mod = "github.com/rancher/wrangler";

    Finding f = only(match(index, null, InstalledPackage.of("go", mod, "v0.8.7")), "GO-2023-1515");
    assertThat(f.matchedVersion()).isEqualTo("0.8.7");
    assertThat(f.fixedVersion()).isEqualTo("0.8.11");
    assertThat(only(match(index, null, InstalledPackage.of("go", mod, "v0.7.3")), "GO-2023-1515").fixedVersion())
        .isEqualTo("0.7.4-security1");
    assertThat(only(match(index, null, InstalledPackage.of("go", mod, "v0.7.4-rc1")), "GO-2023-1515").fixedVersion())
        .isEqualTo("0.7.4-security1");
    assertThat(match(index, null, InstalledPackage.of("go", mod, "v0.8.5-security1")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("go", mod, "v0.7.4")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("go", mod, "v1.0.1")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("go", mod, "1.0.0")).findings()).hasSize(1);
  }

  @Test
  void pypiNamesAreComparedAfterPep503Normalization() {
    // Real PYSEC-2020-341: package "jw.util", fixed 2.3
    AdvisoryIndex index = Records.index("osv:pypa", record("osv:pypa", "PYSEC-2020-341", Set.of("CVE-2020-13388"),
        versions("PyPI", "jw.util", List.of("-class.-jw.util.version.Version-", "1.0a", "2.2"),
            events("ECOSYSTEM", "introduced", "0", "fixed", "2.3"))));

    for (String spelling : List.of("jw.util", "JW_Util", "jw-util", "jw__util", "Jw.-Util")) {
      assertThat(ids(match(index, null, InstalledPackage.of("pypi", spelling, "2.2")))).as(spelling)
          .containsExactly("PYSEC-2020-341");
    }
    assertThat(match(index, null, InstalledPackage.of("pypi", "jwutil", "2.2")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("pypi", "jw.util", "2.3")).findings()).isEmpty();
  }

  @Test
  void anExplicitVersionsListMatchesOnlyItsVersionsInTheEcosystemsEquality() {
    // PyYAML's versions of PYSEC-2020-96, without its range
    AdvisoryIndex index = Records.index("osv:pypa", record("osv:pypa", "PYSEC-2020-96", Set.of(),
        versions("PyPI", "pyyaml", List.of("5.1", "5.1.1", "5.1.2", "5.2b1", "5.2", "5.3b1", "5.3"))));

    assertThat(match(index, null, InstalledPackage.of("pypi", "PyYAML", "5.2b1")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("pypi", "PyYAML", "5.2.0")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("pypi", "PyYAML", "5.1.0")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("pypi", "PyYAML", "5.2b2")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("pypi", "PyYAML", "5.3.1")).findings()).isEmpty();
    assertThat(only(match(index, null, InstalledPackage.of("pypi", "PyYAML", "5.3")), "PYSEC-2020-96").range())
        .isEqualTo("versions 5.1, 5.1.1, 5.1.2, 5.2b1, 5.2, 5.3b1, 5.3");
  }

  @Test
  void aRangeOrAVersionsListEitherMakesAVersionAffected() {
    AdvisoryIndex index = Records.index("osv:pypa", record("osv:pypa", "PYSEC-2020-341", Set.of(),
        versions("PyPI", "jw.util", List.of("3.0"), events("ECOSYSTEM", "introduced", "0", "fixed", "2.3"))));
    assertThat(match(index, null, InstalledPackage.of("pypi", "jw.util", "1.9.2")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("pypi", "jw.util", "3.0")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("pypi", "jw.util", "2.5")).findings()).isEmpty();
  }

  @Test
  void lastAffectedIncludesItsVersionAndNamesNoFix() {
    AdvisoryIndex index = Records.index("osv:npm", record("osv:npm", "GHSA-0000-0000-0001", Set.of(),
        affected("npm", "left-pad", events("SEMVER", "introduced", "1.0.0", "last_affected", "1.3.0"))));
    Finding f = only(match(index, null, InstalledPackage.of("npm", "left-pad", "1.3.0")), "GHSA-0000-0000-0001");
    assertThat(f.fixedVersion()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("npm", "left-pad", "1.3.1")).findings()).isEmpty();
  }

  @Test
  void gitOnlyRangesMatchNothingAndAreCountedAsProblems() {
    AdvisoryIndex index = Records.index("osv:git", record("osv:git", "OSV-2020-1", Set.of(),
        affected("PyPI", "somepkg", events("GIT", "introduced", "0", "fixed", "a1b2c3d"))));
    assertThat(match(index, null, InstalledPackage.of("pypi", "somepkg", "1.0")).findings()).isEmpty();
    assertThat(index.problemCount()).isEqualTo(1);
    assertThat(index.problems().get(0)).contains("OSV-2020-1", "PyPI/somepkg", "GIT");
  }

  @Test
  void nvdCpeBoundsOfEveryKindAreHonouredWithTheGenericScheme() {
    // Real NVD configurations: CVE-2016-1585 (AppArmor, three ranges), CVE-2017-6507 (end including),
    // CVE-2020-13595 (ESP-IDF, start and end including); a start-excluding bound, which NVD also uses.
    AdvisoryIndex index = Records.index("nvd",
        record("nvd", "CVE-2016-1585", Set.of(), new AffectedPackage("cpe", "canonical:apparmor", null,
            AffectedStatus.AFFECTED, List.of(
                cpe("cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*", null, null, null, "2.13.10"),
                cpe("cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*", "3.0.0", null, null, "3.0.12"),
                cpe("cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:*", "3.1.0", null, null, "3.1.6")), List.of(), "")),
        record("nvd", "CVE-2017-6507", Set.of(), new AffectedPackage("cpe", "apparmor:apparmor", null,
            AffectedStatus.AFFECTED, List.of(cpe("cpe:2.3:a:apparmor:apparmor:*:*:*:*:*:*:*:*", null, null, "2.11", null)),
            List.of(), "")),
        record("nvd", "CVE-2020-13595", Set.of(), new AffectedPackage("cpe", "espressif:esp-idf", null,
            AffectedStatus.AFFECTED, List.of(cpe("cpe:2.3:a:espressif:esp-idf:*:*:*:*:*:*:*:*", "4.0.0", null, "4.2", null)),
            List.of(), "")),
        record("nvd", "CVE-2099-0001", Set.of(), new AffectedPackage("cpe", "example:fw", null,
            AffectedStatus.AFFECTED, List.of(cpe("cpe:2.3:o:example:fw:*:*:*:*:*:*:*:*", null, "7.1", null, null)),
            List.of(), "")));

    Finding apparmor = only(match(index, null, InstalledPackage.of("cpe", "Canonical:AppArmor", "3.0.5")), "CVE-2016-1585");
    assertThat(apparmor.confidence()).isEqualTo(Confidence.CPE_MATCH);
    assertThat(apparmor.matchedName()).isEqualTo("canonical:apparmor");
    assertThat(apparmor.fixedVersion()).isEqualTo("3.0.12");
    assertThat(apparmor.advisoryEcosystem()).isEqualTo("cpe");
    assertThat(apparmor.range()).contains("cpe:2.3:a:canonical:apparmor:*:*:*:*:*:*:*:* >=3.0.0 <3.0.12");
    assertThat(match(index, null, InstalledPackage.of("cpe", "canonical:apparmor", "3.0.12")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("cpe", "canonical:apparmor", "2.13.10")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("cpe", "canonical:apparmor", "2.13.9")).findings()).hasSize(1);

    assertThat(match(index, null, InstalledPackage.of("cpe", "apparmor:apparmor", "2.11")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("cpe", "apparmor:apparmor", "2.11.1")).findings()).isEmpty();
    assertThat(only(match(index, null, InstalledPackage.of("cpe", "apparmor:apparmor", "2.10")), "CVE-2017-6507")
        .fixedVersion()).isEmpty();

    assertThat(match(index, null, InstalledPackage.of("cpe", "espressif:esp-idf", "4.0.0")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("cpe", "espressif:esp-idf", "4.2")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("cpe", "espressif:esp-idf", "3.9")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("cpe", "espressif:esp-idf", "4.2.1")).findings()).isEmpty();

    assertThat(match(index, null, InstalledPackage.of("cpe", "example:fw", "7.1")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("cpe", "example:fw", "7.1.1")).findings()).hasSize(1);
  }

  @Test
  void aCpeCriteriaNamingAVersionMatchesOnlyThatVersionAndItsUpdate() {
    // Real CVE-2021-28429 (FFmpeg 4.3.2) and CVE-2022-29194 (TensorFlow 2.9.0 rc0)
    AdvisoryIndex index = Records.index("nvd",
        record("nvd", "CVE-2021-28429", Set.of(), new AffectedPackage("cpe", "ffmpeg:ffmpeg", null,
            AffectedStatus.AFFECTED, List.of(cpe("cpe:2.3:a:ffmpeg:ffmpeg:4.3.2:*:*:*:*:*:*:*", null, null, null, null)),
            List.of(), "")),
        record("nvd", "CVE-2022-29194", Set.of(), new AffectedPackage("cpe", "google:tensorflow", null,
            AffectedStatus.AFFECTED, List.of(cpe("cpe:2.3:a:google:tensorflow:*:*:*:*:*:*:*:*", null, null, null, "2.6.4"),
                cpe("cpe:2.3:a:google:tensorflow:2.9.0:rc0:*:*:*:*:*:*", null, null, null, null)), List.of(), "")));

    assertThat(match(index, null, InstalledPackage.of("cpe", "ffmpeg:ffmpeg", "4.3.2")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("cpe", "ffmpeg:ffmpeg", "4.3.1")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("cpe", "ffmpeg:ffmpeg", "4.3.3")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("cpe", "google:tensorflow", "2.9.0rc0")).findings()).hasSize(1);
    assertThat(match(index, null, InstalledPackage.of("cpe", "google:tensorflow", "2.9.0")).findings()).isEmpty();
    assertThat(match(index, null, InstalledPackage.of("cpe", "google:tensorflow", "2.6.3")).findings()).hasSize(1);
  }

  @Test
  void cve5VendorProductsMatchByVersionButNeverWithoutOne() {
    AdvisoryIndex index = Records.index("cve5",
        record("cve5", "CVE-2024-3400", Set.of(), new AffectedPackage("vendor", "palo alto networks:pan-os", null,
            AffectedStatus.AFFECTED, List.of(events("ECOSYSTEM", "introduced", "11.1.0", "fixed", "11.1.0-h3")),
            List.of(), "")),
        record("cve5", "CVE-2024-0001", Set.of(), new AffectedPackage("vendor", "acme:router", null,
            AffectedStatus.AFFECTED, List.of(), List.of(), "versions unspecified")));

    Finding f = only(match(index, null, InstalledPackage.of("cpe", "Palo Alto Networks:PAN-OS", "11.1.0-h2")),
        "CVE-2024-3400");
    assertThat(f.confidence()).isEqualTo(Confidence.CPE_MATCH);
    assertThat(f.fixedVersion()).isEqualTo("11.1.0-h3");
    assertThat(f.advisoryEcosystem()).isEqualTo("vendor");
    assertThat(match(index, null, InstalledPackage.of("cpe", "acme:router", "1.0")).findings()).isEmpty();
  }

  @Test
  void aLanguageEcosystemWithoutAnyLoadedFeedIsAGap() {
    AdvisoryIndex index = DsaList.index(OPENSSL_DSAS);
    MatchResult r = new Matcher(index).match("app-1", null, List.of(InstalledPackage.of("npm", "lodash", "4.17.20"),
        InstalledPackage.of("npm", "express", "4.18.2"), InstalledPackage.of("cpe", "f5:big-ip", "16.1.0")));
    assertThat(r.gaps()).containsExactly(
        new CoverageGap("app-1", "npm", 2, "no advisory data for npm"),
        new CoverageGap("app-1", "cpe", 1, "no advisory data for cpe"));
  }

  @Test
  void anUbuntuHostIsLookedUpUnderTheReleaseOsvSpellsWithLts() {
    AdvisoryIndex index = Records.index("osv:ubuntu", record("osv:ubuntu", "UBUNTU-CVE-2022-0778", Set.of(),
        fixedIn("Ubuntu:22.04:LTS", "openssl", "3.0.2-0ubuntu1.1")));
    MatchResult r = match(index, new OsRelease("ubuntu", "22.04", "jammy", "debian"),
        deb("libssl3", "3.0.2-0ubuntu1", "openssl", ""));
    assertThat(ids(r)).containsExactly("UBUNTU-CVE-2022-0778");
  }

  @Test
  void anAlpinePackageIsLookedUpByItsOriginInTheBranch() {
    AdvisoryIndex index = Records.index("osv:alpine", record("osv:alpine", "ALPINE-CVE-2023-5678", Set.of(),
        fixedIn("Alpine:v3.18", "openssl", "3.1.4-r1")));
    OsRelease alpine = new OsRelease("alpine", "3.18.4", "", "");
    InstalledPackage libcrypto = new InstalledPackage("apk", "libcrypto3", "3.1.4-r0", "openssl", "", "x86_64", "");
    assertThat(ids(match(index, alpine, libcrypto))).containsExactly("ALPINE-CVE-2023-5678");
    assertThat(match(index, alpine, new InstalledPackage("apk", "libcrypto3", "3.1.4-r1", "openssl", "", "", ""))
        .findings()).isEmpty();
  }

  @Test
  void statusesOtherThanAffectedMatchEveryVersionOfTheirRelease() {
    AdvisoryIndex index = Records.index("debian-tracker", record("debian-tracker", "CVE-2023-0001", Set.of(),
        status("Debian:11", "foo", AffectedStatus.NO_DSA), status("Debian:10", "foo", AffectedStatus.POSTPONED),
        status("Debian:9", "foo", AffectedStatus.IGNORED), status("Debian:12", "foo", AffectedStatus.NOT_AFFECTED)));
    assertThat(only(match(index, BULLSEYE, deb("foo", "1.0-1")), "CVE-2023-0001").status()).isEqualTo(AffectedStatus.NO_DSA);
    assertThat(only(match(index, new OsRelease("debian", "10", "buster", ""), deb("foo", "1.0-1")), "CVE-2023-0001")
        .status()).isEqualTo(AffectedStatus.POSTPONED);
    assertThat(only(match(index, new OsRelease("debian", "9", "stretch", ""), deb("foo", "1.0-1")), "CVE-2023-0001")
        .range()).isEqualTo("<ignored>");
    MatchResult bookworm = match(index, BOOKWORM, deb("foo", "1.0-1"));
    assertThat(bookworm.findings()).isEmpty();
    assertThat(bookworm.gaps()).isEmpty();
  }
}
