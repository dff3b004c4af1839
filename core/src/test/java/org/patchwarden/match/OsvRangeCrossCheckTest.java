package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.OsvEvent;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.VersionScheme;

/**
 * The matcher on the shared OSV range vectors ({@code vectors/osv-ranges.tsv}, labelled with each
 * ecosystem's reference comparator): every labelled (events, version) row as an advisory and an
 * installed package of its ecosystem, on a host of the right OS; then, with a fixed seed, other
 * versions of the same ecosystem against the same events, expected from the OSV schema's own
 * evaluation loop written out here.
 */
class OsvRangeCrossCheckTest {
  private static final Pattern EVENT = Pattern.compile("\\{\"(introduced|fixed|last_affected|limit)\":\"([^\"]*)\"\\}");

  /** How a vector ecosystem is installed: advisory ecosystem, host OS, package ecosystem, name prefix. */
  private record Place(String advisoryEcosystem, OsRelease os, String installedEcosystem, String namePrefix) {}

  private static final Map<String, Place> PLACES = Map.of(
      "SEMVER", new Place("npm", null, "npm", "semver-"),
      "npm", new Place("npm", null, "npm", ""),
      "Go", new Place("Go", null, "go", "example.com/"),
      "Maven", new Place("Maven", null, "maven", "org.example:"),
      "PyPI", new Place("PyPI", null, "pypi", ""),
      "RubyGems", new Place("RubyGems", null, "rubygems", ""),
      "Red Hat", new Place("Red Hat:enterprise_linux:9::baseos", new OsRelease("rhel", "9.4", "", "fedora"), "rpm", ""),
      "Alpine", new Place("Alpine:v3.20", new OsRelease("alpine", "3.20.3", "", ""), "apk", ""),
      "Debian", new Place("Debian:12", new OsRelease("debian", "12", "bookworm", ""), "deb", ""));

  private record Row(int line, String ecosystem, String type, List<OsvEvent> events, String version, String expected) {}

  private static List<Row> rows() {
    String[] lines = DsaList.resource("/vectors/osv-ranges.tsv").split("\n");
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] f = lines[i].split("\t", -1);
      List<OsvEvent> events = new ArrayList<>();
      java.util.regex.Matcher m = EVENT.matcher(f[2]);
      while (m.find()) {
        events.add(new OsvEvent(OsvEvent.Kind.ofField(m.group(1)), m.group(2)));
      }
      rows.add(new Row(i + 1, f[0], f[1], events, f[3], f[4]));
    }
    return rows;
  }

  /** A case: one advisory (one package named after it) and the version installed. */
  private record Case(String id, Row row, String version, boolean affected, boolean invalid) {}

  @Test
  void everyLabelledRowAndSeededRandomVersionsMatchAsTheOsvEvaluationSays() {
    List<Row> rows = rows();
    List<Case> cases = new ArrayList<>();
    for (Row r : rows) {
      cases.add(new Case("ROW-" + r.line(), r, r.version(), r.expected().equals("true"), r.expected().equals("err")));
    }
    // seeded random: versions of the same ecosystem from other rows against each row's events
    Map<String, List<String>> pool = new LinkedHashMap<>();
    for (Row r : rows) {
      Set<String> versions = new LinkedHashSet<>();
      if (!r.expected().equals("err")) {
        versions.add(r.version());
      }
      r.events().forEach(e -> {
        if (!e.version().equals("0")) {
          versions.add(e.version());
        }
      });
      pool.computeIfAbsent(r.ecosystem(), k -> new ArrayList<>()).addAll(versions);
    }
    Random random = new Random(0x05F);
    for (Row r : rows) {
      VersionScheme scheme = scheme(r.ecosystem());
      List<String> candidates = pool.get(r.ecosystem());
      for (int k = 0; k < 6; k++) {
        String v = candidates.get(random.nextInt(candidates.size()));
        cases.add(new Case("RND-" + r.line() + "-" + k, r, v, osvAffected(scheme, r.events(), v), false));
      }
    }

    AdvisoryIndex.Builder b = AdvisoryIndex.builder();
    Map<String, List<InstalledPackage>> packagesByEcosystem = new LinkedHashMap<>();
    Map<String, Case> byPackage = new HashMap<>();
    for (Case c : cases) {
      Place place = PLACES.get(c.row().ecosystem());
      String name = place.namePrefix() + "p-" + c.id().toLowerCase(java.util.Locale.ROOT);
      b.add("osv:vectors", new AdvisoryRecord("osv:vectors", c.id(), Set.of(), "", "", null, null, false,
          List.of(new AffectedPackage(place.advisoryEcosystem(), name, null, AffectedStatus.AFFECTED,
              List.of(new AffectedRange.Events(c.row().type(), c.row().events())), List.of(), "")),
          List.of(), List.of(), List.of()));
      // NB: the source version is given so that a Debian "+bN" version is compared as it is
      InstalledPackage p = new InstalledPackage(place.installedEcosystem(), name, c.version(), "",
          place.installedEcosystem().equals("deb") ? c.version() : "", "", "");
      packagesByEcosystem.computeIfAbsent(c.row().ecosystem(), k -> new ArrayList<>()).add(p);
      byPackage.put(c.row().ecosystem() + "\u0000" + name, c);
    }
    AdvisoryIndex index = b.build();
    assertThat(index.problemCount()).isZero();

    List<Inventory> hosts = new ArrayList<>();
    packagesByEcosystem.forEach((eco, pkgs) ->
        hosts.add(new Inventory("host-" + eco.replace(' ', '-'), 1, Instant.EPOCH, PLACES.get(eco).os(), pkgs)));
    MatchResult fleet = new FleetMatcher(index).match(hosts);
    Set<String> found = new java.util.HashSet<>();
    for (Finding f : fleet.findings()) {
      found.add(f.advisoryId());
    }
    List<String> wrong = new ArrayList<>();
    int invalid = 0;
    for (Case c : cases) {
      if (c.invalid()) {
        invalid++;
        if (found.contains(c.id())) {
          wrong.add(c + ": matched an invalid version");
        }
      } else if (found.contains(c.id()) != c.affected()) {
        wrong.add(c + ": expected affected=" + c.affected());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(fleet.gaps().stream().mapToInt(CoverageGap::packages).sum()).isEqualTo(invalid);
    assertThat(fleet.gaps()).allSatisfy(g -> assertThat(g.reason()).contains("rejects"));
    assertThat(cases.stream().filter(Case::affected).count()).isGreaterThan(5000);
    assertThat(cases.stream().filter(c -> !c.affected() && !c.invalid()).count()).isGreaterThan(5000);

    // the per-inventory matcher says the same
    List<Finding> perHost = new ArrayList<>();
    hosts.forEach(h -> perHost.addAll(new Matcher(index).match(h).findings()));
    assertThat(perHost).isEqualTo(fleet.findings());
  }

  private static VersionScheme scheme(String ecosystem) {
    return switch (ecosystem) {
      case "SEMVER", "Go" -> Schemes.forEcosystem("npm");
      default -> Schemes.forEcosystem(ecosystem);
    };
  }

  /**
   * The OSV schema's evaluation, as its specification writes it: sort the events (introduced "0"
   * lowest), then walk them, an introduced at or below the version making it vulnerable, a fixed at
   * or below (a last_affected below) making it not.
   */
  private static boolean osvAffected(VersionScheme scheme, List<OsvEvent> events, String version) {
    List<OsvEvent> sorted = new ArrayList<>(events);
    sorted.sort((a, c) -> {
      boolean az = a.kind() == OsvEvent.Kind.INTRODUCED && a.version().equals("0");
      boolean cz = c.kind() == OsvEvent.Kind.INTRODUCED && c.version().equals("0");
      if (az || cz) {
        return az == cz ? 0 : az ? -1 : 1;
      }
      return scheme.compare(a.version(), c.version());
    });
    boolean vulnerable = false;
    try {
      for (OsvEvent e : sorted) {
        switch (e.kind()) {
          case INTRODUCED -> {
            if (e.version().equals("0") || scheme.compare(version, e.version()) >= 0) {
              vulnerable = true;
            }
          }
          case FIXED -> {
            if (scheme.compare(version, e.version()) >= 0) {
              vulnerable = false;
            }
          }
          case LAST_AFFECTED -> {
            if (scheme.compare(version, e.version()) > 0) {
              vulnerable = false;
            }
          }
          case LIMIT -> { }
        }
      }
    } catch (InvalidVersionException e) {
      throw new AssertionError("pool versions are valid: " + version, e);
    }
    return vulnerable;
  }
}
