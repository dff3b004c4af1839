package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwarden.match.Records.fixedIn;
import static org.patchwarden.match.Records.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

class FleetMatcherTest {
  private static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");
  private static final OsRelease BOOKWORM = new OsRelease("debian", "12", "bookworm", "");
  private static final OsRelease ALMA = new OsRelease("almalinux", "9.4", "", "");

  private static final AdvisoryIndex INDEX = AdvisoryIndex.builder()
      .add("debian-dsa", record("debian-dsa", "DSA-5139-1", Set.of("CVE-2022-1292"),
          fixedIn("Debian:10", "openssl", "1.1.1n-0+deb10u2"), fixedIn("Debian:11", "openssl", "1.1.1n-0+deb11u2")))
      .add("debian-dsa", record("debian-dsa", "DSA-5169-1", Set.of("CVE-2022-2068"),
          fixedIn("Debian:11", "openssl", "1.1.1n-0+deb11u3")))
      .add("osv:almalinux", record("osv:almalinux", "ALSA-2024:0310", Set.of(),
          fixedIn("AlmaLinux:9", "openssl-libs", "1:3.0.7-25.el9_3")))
      .add("osv:pypa", record("osv:pypa", "PYSEC-2020-96", Set.of(), fixedIn("PyPI", "pyyaml", "5.3.1")))
      .build();

  private static Inventory inv(String name, OsRelease os, InstalledPackage... packages) {
    return new Inventory(name, 1, Instant.EPOCH, os, List.of(packages));
  }

  /** A fleet of a few images (shared package objects) with drift, on several OSes. */
  private static List<Inventory> fleet(int hosts, long seed) {
    Random random = new Random(seed);
    String[] openssl = {"1.1.1k-1+deb11u1", "1.1.1n-0+deb11u2", "1.1.1n-0+deb11u3", "1.1.1w-0+deb11u1", "1:1.1.1a-1"};
    String[] alma = {"1:3.0.7-24.el9", "1:3.0.7-25.el9_3", "3.0.7-27.el9"};
    String[] yaml = {"5.1", "5.3", "5.3.1", "6.0"};
    List<Inventory> out = new ArrayList<>();
    for (int h = 0; h < hosts; h++) {
      List<InstalledPackage> p = new ArrayList<>();
      OsRelease os;
      switch (h % 4) {
        case 0, 1 -> {
          os = BULLSEYE;
          p.add(new InstalledPackage("deb", "libssl1.1", openssl[random.nextInt(openssl.length)], "openssl", "", "", ""));
          p.add(new InstalledPackage("deb", "openssl", openssl[random.nextInt(openssl.length)], "", "", "", ""));
        }
        case 2 -> {
          os = ALMA;
          p.add(InstalledPackage.of("rpm", "openssl-libs", alma[random.nextInt(alma.length)]));
        }
        default -> {
          os = BOOKWORM;
          p.add(InstalledPackage.of("deb", "openssl", "3.0.11-1~deb12u2"));
        }
      }
      p.add(InstalledPackage.of("pypi", random.nextBoolean() ? "PyYAML" : "pyyaml", yaml[random.nextInt(yaml.length)]));
      p.add(InstalledPackage.of("npm", "lodash", "4.17.20"));
      if (random.nextInt(10) == 0) {
        p.add(InstalledPackage.of("deb", "broken", "not a version"));
      }
      out.add(inv("host-" + h, os, p.toArray(new InstalledPackage[0])));
    }
    return out;
  }

  @Test
  void aFleetMatchSaysExactlyWhatMatchingEachInventoryAloneSays() {
    List<Inventory> hosts = fleet(400, 1L);
    MatchResult fleet = new FleetMatcher(INDEX).match(hosts);
    List<Finding> findings = new ArrayList<>();
    List<CoverageGap> gaps = new ArrayList<>();
    for (Inventory h : hosts) {
      MatchResult r = new Matcher(INDEX).match(h);
      findings.addAll(r.findings());
      gaps.addAll(r.gaps());
    }
    assertThat(fleet.findings()).hasSameSizeAs(findings);
    for (int i = 0; i < findings.size(); i++) {
      assertThat(fleet.findings().get(i)).as("finding %d", i).isEqualTo(findings.get(i));
    }
    assertThat(fleet.gaps()).isEqualTo(gaps);
    assertThat(findings).extracting(Finding::advisoryId)
        .contains("DSA-5139-1", "DSA-5169-1", "ALSA-2024:0310", "PYSEC-2020-96");
    assertThat(gaps).extracting(CoverageGap::advisoryEcosystem).contains("Debian:12", "npm", "Debian:11");
  }

  @Test
  void distinctTuplesAreFarFewerThanInstalledPackagesWhenHostsShareImages() {
    Fleet fleet = Fleet.of(fleet(1000, 2L));
    assertThat(fleet.assets()).isEqualTo(1000);
    assertThat(fleet.packages()).isGreaterThan(3000);
    assertThat(fleet.distinctTuples()).isLessThan(40);
  }

  @Test
  void rematchingAChangedAdvisoryFindsTheAffectedAssetsAndOnlyThatAdvisory() {
    List<Inventory> hosts = fleet(200, 3L);
    Fleet fleet = Fleet.of(hosts);
    AdvisoryRecord added = record("debian-dsa", "DSA-5200-1", Set.of("CVE-2022-9999"),
        fixedIn("Debian:11", "openssl", "1.1.1n-0+deb11u4"));
    AdvisoryIndex updated = INDEX.withRecords("debian-dsa", List.of(added), List.of());

    MatchResult re = new FleetMatcher(updated).rematch(List.of("DSA-5200-1"), fleet);
    MatchResult full = new FleetMatcher(updated).match(fleet);
    List<Finding> expected = full.findings().stream().filter(f -> f.advisoryId().equals("DSA-5200-1")).toList();
    assertThat(re.findings()).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);
    assertThat(re.gaps()).isEmpty();
    assertThat(re.findings()).allSatisfy(f -> {
      assertThat(f.advisoryEcosystem()).isEqualTo("Debian:11");
      assertThat(f.fixedVersion()).isEqualTo("1.1.1n-0+deb11u4");
    });
    // hosts whose openssl is at the fix or above, or on other OSes, are not touched
    assertThat(re.findings()).extracting(f -> f.installed().version())
        .doesNotContain("1.1.1w-0+deb11u1", "3.0.11-1~deb12u2");
  }

  @Test
  void rematchingARemovedAdvisoryFindsNothingSoItsFindingsAreRetracted() {
    List<Inventory> hosts = fleet(50, 4L);
    AdvisoryIndex removed = INDEX.withRecords("debian-dsa", List.of(), List.of("DSA-5169-1"));
    assertThat(new FleetMatcher(INDEX).rematch(List.of("DSA-5169-1"), hosts).findings()).isNotEmpty();
    assertThat(new FleetMatcher(removed).rematch(List.of("DSA-5169-1"), hosts).findings()).isEmpty();
  }

  @Test
  void rematchKeepsTheFirstListedOfTwoPackagesWithOneNameAsAFullMatchDoes() {
    InstalledPackage older = InstalledPackage.of("pypi", "PyYAML", "5.1");
    List<Inventory> hosts = List.of(inv("h1", null, InstalledPackage.of("pypi", "PyYAML", "5.3"), older),
        inv("h2", null, older, InstalledPackage.of("pypi", "PyYAML", "5.3")));
    FleetMatcher m = new FleetMatcher(INDEX);
    List<Finding> full = m.match(hosts).findings();
    List<Finding> re = m.rematch(List.of("PYSEC-2020-96"), hosts).findings();
    assertThat(re).isEqualTo(full);
    assertThat(full).extracting(f -> f.installed().version()).containsExactly("5.3", "5.1");
  }

  @Test
  void anEmptyFleetMatchesToNothing() {
    MatchResult r = new FleetMatcher(INDEX).match(List.of());
    assertThat(r.findings()).isEmpty();
    assertThat(r.gaps()).isEmpty();
  }
}
