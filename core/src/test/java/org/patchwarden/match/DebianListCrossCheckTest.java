package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * The matcher against a second, deliberately plain computation of the same answer: hosts built from
 * the real fixed versions the whole DSA list names (each source package at each of its successive
 * fixed versions, and just below, just above, with and without epochs, as binNMUs), and for every
 * host package a linear scan of every DSA entry, comparing versions with dpkg's ordering as the
 * list's semantics say: a {@code [release] - package version} line affects every version of the
 * source package in that release below the version; {@code <special>} lines affect every version
 * with that status, except {@code <not-affected>}.
 */
class DebianListCrossCheckTest {
  private static final VersionScheme DEB = Schemes.forEcosystem("deb");
  private static final List<String> RELEASES = List.of("bullseye", "buster", "stretch", "jessie", "wheezy", "lenny", "sarge",
      "woody");

  private static List<DsaList.Advisory> dsa;
  private static AdvisoryIndex index;

  /** What a finding must say, in the terms of the list. */
  record Expected(String asset, String binary, String advisory, AffectedStatus status, String fixed) {}

  @BeforeAll
  static void load() {
    dsa = DsaList.parse(DsaList.resource("DSA-list"));
    AdvisoryIndex.Builder b = AdvisoryIndex.builder();
    for (DsaList.Advisory a : dsa) {
      b.add("debian-dsa", DsaList.toRecord(a));
    }
    index = b.build();
  }

  @Test
  void theWholeRealListIsRead() {
    assertThat(dsa).hasSizeGreaterThan(5000);
    assertThat(index.problemCount()).isZero();
    assertThat(index.hasData("Debian:11")).isTrue();
    assertThat(index.hasData("Debian:12")).isFalse();
  }

  @Test
  void matcherAndFleetMatcherFindExactlyWhatALinearScanOfTheListFinds() {
    List<Inventory> hosts = hosts(new Random(20230402L));
    Set<Expected> expected = reference(hosts);

    Set<Expected> perHost = new HashSet<>();
    Matcher matcher = new Matcher(index);
    for (Inventory h : hosts) {
      MatchResult r = matcher.match(h);
      assertThat(r.gaps()).as(h.assetName()).isEmpty();
      perHost.addAll(expected(r.findings()));
    }
    MatchResult fleet = new FleetMatcher(index).match(hosts);

    assertThat(expected).hasSizeGreaterThan(3000);
    assertThat(expected.stream().map(Expected::status).collect(Collectors.toSet()))
        .contains(AffectedStatus.AFFECTED, AffectedStatus.UNFIXED, AffectedStatus.END_OF_LIFE);
    assertThat(diff(perHost, expected)).isEmpty();
    assertThat(diff(expected, perHost)).isEmpty();
    assertThat(fleet.findings()).hasSize(expected.size());
    assertThat(expected(fleet.findings())).isEqualTo(expected);
    assertThat(fleet.gaps()).isEmpty();
  }

  @Test
  void rematchingAnyAdvisoriesGivesTheFullMatchsFindingsOfThoseAdvisories() {
    List<Inventory> hosts = hosts(new Random(7L));
    Fleet fleet = Fleet.of(hosts);
    FleetMatcher m = new FleetMatcher(index);
    MatchResult full = m.match(fleet);
    Random random = new Random(11L);
    for (int round = 0; round < 20; round++) {
      Set<String> ids = new TreeSet<>();
      for (int i = 0; i < 1 + random.nextInt(40); i++) {
        ids.add(full.findings().get(random.nextInt(full.findings().size())).advisoryId());
        ids.add(dsa.get(random.nextInt(dsa.size())).id());
      }
      Set<Expected> want = expected(full.findings().stream().filter(f -> ids.contains(f.advisoryId())).toList());
      MatchResult re = m.rematch(ids, fleet);
      assertThat(re.findings()).hasSize(want.size());
      assertThat(expected(re.findings())).as("ids %s", ids).isEqualTo(want);
    }
  }

  @Test
  void bookwormHostsGetACoverageGapInsteadOfSilence() {
    OsRelease bookworm = new OsRelease("debian", "12", "bookworm", "");
    List<InstalledPackage> pkgs = List.of(InstalledPackage.of("deb", "openssl", "3.0.11-1~deb12u2"),
        new InstalledPackage("deb", "libssl3", "3.0.11-1~deb12u2", "openssl", "", "amd64", ""),
        InstalledPackage.of("deb", "firefox-esr", "115.6.0esr-1~deb12u1"));
    MatchResult r = new FleetMatcher(index).match(List.of(new Inventory("bookworm-1", 1, Instant.EPOCH, bookworm, pkgs)));
    assertThat(r.findings()).isEmpty();
    assertThat(r.gaps()).containsExactly(
        new CoverageGap("bookworm-1", "Debian:12", 3, "no advisory data for Debian:12 (bookworm)"));
  }

  /**
   * The osv.dev record of DSA-5474-1 as the shared feeds carry it (osv/fixtures/dependency-track):
   * their only Debian:12 entry.
   */
  private static final AdvisoryRecord DSA_5474 = Records.record("osv:fixtures", "DSA-5474-1", Set.of(),
      Records.fixedIn("Debian:11", "intel-microcode", "3.20230808.1~deb11u1"),
      Records.fixedIn("Debian:12", "intel-microcode", "3.20230808.1~deb12u1"));

  /** The whole DSA list and the fixture, as a store holds them. */
  private static MemoryAdvisoryStore store() {
    MemoryAdvisoryStore store = new MemoryAdvisoryStore();
    for (DsaList.Advisory a : dsa) {
      store.add("debian-dsa", DsaList.toRecord(a));
    }
    return store.add("osv:fixtures", DSA_5474);
  }

  private static Inventory bookwormHost() {
    return new Inventory("bookworm-1", 1, Instant.EPOCH, new OsRelease("debian", "12", "bookworm", ""), List.of(
        new InstalledPackage("deb", "intel-microcode", "3.20230512.1~deb12u1", "", "", "amd64", ""),
        new InstalledPackage("deb", "libssl3", "3.0.11-1~deb12u2", "openssl", "", "amd64", ""),
        InstalledPackage.of("deb", "bash", "5.2.15-2+b2")));
  }

  @Test
  void anIndexOfOnlyTheRecordsNamingTheHostsPackagesMatchesExactlyAsTheIndexOfEveryRecord() {
    MemoryAdvisoryStore store = store();
    List<Inventory> hosts = new ArrayList<>(hosts(new Random(31L)));
    hosts.add(bookwormHost());
    AdvisoryIndex all = AdvisoryIndex.of(store);
    Matcher everything = new Matcher(all);

    int findings = 0;
    int loaded = 0;
    for (Inventory h : hosts) {
      AdvisoryIndex own = AdvisoryIndex.forInventories(store, List.of(h));
      MatchResult expected = everything.match(h);
      assertThat(new Matcher(own).match(h)).as(h.assetName()).isEqualTo(expected);
      assertThat(own.ecosystems()).isEqualTo(all.ecosystems());
      for (String eco : all.ecosystems()) {
        assertThat(own.entryCount(eco)).as(eco).isEqualTo(all.entryCount(eco));
      }
      findings += expected.findings().size();
      loaded = Math.max(loaded, own.records());
    }
    AdvisoryIndex fleet = AdvisoryIndex.forInventories(store, hosts);
    MatchResult fleetExpected = new FleetMatcher(all).match(hosts);

    assertThat(new FleetMatcher(fleet).match(hosts)).isEqualTo(fleetExpected);
    assertThat(findings).isEqualTo(fleetExpected.findings().size()).isGreaterThan(3000);
    assertThat(fleetExpected.gaps()).isNotEmpty(); // the bookworm host's
    // the point of it: a host's index holds a fraction of the records
    assertThat(loaded).isLessThan(all.records() / 2);
  }

  @Test
  void aReleaseWhoseOnlyDataIsOneFixtureAdvisoryIsASparseCoverageGapNotCoverage() {
    MemoryAdvisoryStore store = store();
    Inventory bookworm = bookwormHost();
    for (AdvisoryIndex index : List.of(AdvisoryIndex.of(store), AdvisoryIndex.forInventories(store, List.of(bookworm)))) {
      assertThat(index.hasData("Debian:12")).isTrue();
      assertThat(index.entryCount("Debian:12")).isEqualTo(1);
      assertThat(index.isSparse("Debian:12")).isTrue();
      assertThat(index.isSparse("Debian:11")).isFalse();

      MatchResult r = new Matcher(index).match(bookworm);
      // the one entry is still evidence: intel-microcode below its fix is a finding
      assertThat(r.findings()).extracting(Finding::advisoryId).containsExactly("DSA-5474-1");
      assertThat(r.gaps()).containsExactly(new CoverageGap("bookworm-1", "Debian:12", 3,
          "sparse: only 1 advisory entry for Debian:12 (bookworm) \u2014 treat as no data"));
      assertThat(new FleetMatcher(index).match(List.of(bookworm))).isEqualTo(r);
    }
    // a bullseye host of the same store is covered
    Inventory bullseye = new Inventory("bullseye-1", 1, Instant.EPOCH, new OsRelease("debian", "11", "bullseye", ""),
        List.of(InstalledPackage.of("deb", "intel-microcode", "3.20230808.1~deb11u1")));
    assertThat(new Matcher(AdvisoryIndex.of(store)).match(bullseye).gaps()).isEmpty();
  }

  private static Set<Expected> expected(List<Finding> findings) {
    Set<Expected> out = new HashSet<>();
    for (Finding f : findings) {
      assertThat(out.add(new Expected(f.assetName(), f.installed().name(), f.advisoryId(), f.status(), f.fixedVersion())))
          .as("duplicate finding %s", f).isTrue();
    }
    return out;
  }

  private static Set<Expected> diff(Set<Expected> a, Set<Expected> b) {
    Set<Expected> d = new TreeSet<>(java.util.Comparator.comparing(Expected::toString));
    d.addAll(a);
    d.removeAll(b);
    return d.size() > 20 ? new HashSet<>(new ArrayList<>(d).subList(0, 20)) : d;
  }

  /** The plain computation: every host package against every line of every advisory. */
  private static Set<Expected> reference(List<Inventory> hosts) {
    Set<Expected> out = new HashSet<>();
    // (release, source, version) -> (advisory, status, fixed) found by the scan; hosts share packages
    Map<List<String>, List<String[]>> scanned = new HashMap<>();
    for (Inventory h : hosts) {
      String release = h.os().codename();
      for (InstalledPackage p : h.packages()) {
        String source = p.sourceName().isEmpty() ? p.name() : p.sourceName();
        // a binNMU (+bN) is a rebuild of the same source version
        String version = p.sourceVersion().isEmpty() ? p.version().replaceFirst("\\+b[0-9]+$", "") : p.sourceVersion();
        List<String[]> hits = scanned.computeIfAbsent(List.of(release, source, version), k -> scan(release, source, version));
        for (String[] hit : hits) {
          out.add(new Expected(h.assetName(), p.name(), hit[0], AffectedStatus.valueOf(hit[1]), hit[2]));
        }
      }
    }
    return out;
  }

  private static List<String[]> scan(String release, String source, String version) {
    List<String[]> hits = new ArrayList<>();
    for (DsaList.Advisory a : dsa) {
      String fixed = null;
      boolean affected = false;
      AffectedStatus special = null;
      for (DsaList.Line l : a.lines()) {
        if (!l.release().equals(release) || !l.pkg().equals(source)) {
          continue;
        }
        if (l.version() != null) {
          if (DEB.compare(version, l.version()) < 0) {
            affected = true;
            if (fixed == null || DEB.compare(l.version(), fixed) < 0) {
              fixed = l.version();
            }
          }
        } else if (!l.special().equals("not-affected")) {
          AffectedStatus s = DsaList.status(l.special());
          if (special == null || s.ordinal() < special.ordinal()) {
            special = s;
          }
        }
      }
      if (affected) {
        hits.add(new String[] {a.id(), AffectedStatus.AFFECTED.name(), fixed});
      } else if (special != null) {
        hits.add(new String[] {a.id(), special.name(), ""});
      }
    }
    return hits;
  }

  /**
   * Hosts of several releases: per release, images of source packages at versions the list names
   * for that release (varied), and hosts that run an image with a little drift.
   */
  static List<Inventory> hosts(Random random) {
    List<Inventory> hosts = new ArrayList<>();
    for (String release : RELEASES) {
      Map<String, List<String>> fixedBySource = new LinkedHashMap<>();
      for (DsaList.Advisory a : dsa) {
        for (DsaList.Line l : a.lines()) {
          if (l.release().equals(release)) {
            List<String> versions = fixedBySource.computeIfAbsent(l.pkg(), k -> new ArrayList<>());
            if (l.version() != null && !versions.contains(l.version())) {
              versions.add(l.version());
            }
          }
        }
      }
      List<String> sources = new ArrayList<>(fixedBySource.keySet());
      OsRelease os = new OsRelease("debian", DsaList.RELEASES.get(release), release, "");
      List<List<InstalledPackage>> images = new ArrayList<>();
      for (int img = 0; img < 4; img++) {
        Collections.shuffle(sources, random);
        List<InstalledPackage> pkgs = new ArrayList<>();
        for (String source : sources.subList(0, Math.min(120, sources.size()))) {
          pkgs.add(installed(source, fixedBySource.get(source), random));
        }
        pkgs.add(InstalledPackage.of("deb", "patchwarden-absent-" + img, "1.0-1"));
        images.add(pkgs);
      }
      for (int h = 0; h < 10; h++) {
        List<InstalledPackage> pkgs = new ArrayList<>(images.get(h % images.size()));
        for (int d = 0; d < 3 && h >= images.size(); d++) { // drift: a few packages at other versions
          int i = random.nextInt(pkgs.size() - 1);
          InstalledPackage was = pkgs.get(i);
          String source = was.sourceName().isEmpty() ? was.name() : was.sourceName();
          pkgs.set(i, installed(source, fixedBySource.get(source), random));
        }
        hosts.add(new Inventory(release + "-" + h, 1, Instant.EPOCH, os, pkgs));
      }
    }
    return hosts;
  }

  /** The source package at one of its fixed versions, or just around it; under its own or a binary name. */
  private static InstalledPackage installed(String source, List<String> fixed, Random random) {
    String base = fixed.isEmpty() ? "1.0-1" : fixed.get(random.nextInt(fixed.size()));
    String version = base;
    String sourceVersion = "";
    switch (random.nextInt(8)) {
      case 0 -> version = base + "~1"; // just below
      case 1 -> version = base + "+1"; // just above
      case 2 -> version = epochUp(base);
      case 3 -> version = epochDown(base);
      case 4 -> version = base.contains(":") ? base : "0:" + base; // the same version spelled with epoch 0
      case 5 -> version = base + "+b1"; // binNMU without the source version known
      case 6 -> {
        version = base + "+b2";
        sourceVersion = base;
      }
      default -> { }
    }
    boolean binaryName = random.nextBoolean();
    return new InstalledPackage("deb", binaryName ? source + "-bin" : source, version, binaryName ? source : "",
        sourceVersion, "amd64", "");
  }

  private static String epochUp(String v) {
    int colon = v.indexOf(':');
    return colon < 0 ? "1:" + v : (Integer.parseInt(v.substring(0, colon)) + 1) + v.substring(colon);
  }

  private static String epochDown(String v) {
    int colon = v.indexOf(':');
    return colon < 0 ? v : v.substring(colon + 1);
  }
}
