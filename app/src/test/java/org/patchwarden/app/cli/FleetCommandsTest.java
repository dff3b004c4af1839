package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scan, inventory import, findings, assess and explain end to end on the bundled real feeds and
 * the bundled demo fleet (Debian 11 hosts with versions taken from Debian's own DSA list, an
 * AlmaLinux 9 host, a Python and a Go service, two appliances).
 */
class FleetCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path home;
  private Path fleet;

  private Map<String, String> env() {
    return Map.of("PATCHWARDEN_HOME", home.toString());
  }

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(env(), "", args);
  }

  @BeforeEach
  void loadFeedsAndExtractTheFleet() {
    Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
    assertThat(run("feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
    fleet = DemoCommand.extract("fleet", home.resolve("fleet"));
  }

  @Test
  void importsAFleetAndFindsWhatTheDebianListsSay() throws IOException {
    var r = run("inventory", "import", fleet.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode assets = JSON.readTree(r.out()).get("assets");
    assertThat(assets).hasSize(9);
    JsonNode web01 = assets.get(0);
    assertThat(web01.get("asset").asText()).isEqualTo("web-01");
    assertThat(web01.get("os").get("codename").asText()).isEqualTo("bullseye");
    // chromium 97.0.4692.71-0.1~deb11u1 is DSA-5054-1's predecessor: DSA-5054-1 fixes it in 97.0.4692.99-1~deb11u2
    assertThat(web01.get("findings")).anySatisfy(f -> {
      assertThat(f.get("package").asText()).isEqualTo("chromium");
      assertThat(f.get("advisory_id").asText()).isEqualTo("DSA-5054-1");
      assertThat(f.get("fixed_version").asText()).isEqualTo("97.0.4692.99-1~deb11u2");
      assertThat(f.get("status").asText()).isEqualTo("affected");
      assertThat(f.get("source").asText()).isEqualTo("debian-dsa");
      assertThat(f.get("aliases").toString()).contains("CVE-2022-0289");
    });
    // appliances known by CPE only: matched by the CVE 5 record's PAN-OS hotfix lines and NVD's CPE bounds
    JsonNode fw = assets.get(5);
    assertThat(fw.get("asset").asText()).isEqualTo("fw-edge-01");
    assertThat(fw.get("findings")).anySatisfy(f -> {
      assertThat(f.get("advisory_id").asText()).isEqualTo("CVE-2026-0300");
      assertThat(f.get("fixed_version").asText()).isEqualTo("10.2.10-h36");
    });
    assertThat(fw.get("findings")).noneSatisfy(f -> assertThat(f.get("advisory_id").asText()).isEqualTo("CVE-2019-1579"));
  }

  @Test
  void aRescanWithAnUpgradedPackageMarksItsFindingsFixedByTheNewInventory() throws IOException {
    run("inventory", "import", fleet.toString());
    Path status = fleet.resolve("web-02/status");
    String upgraded = Files.readString(status).replace("Version: 5:6.0.16-1+deb11u1", "Version: 5:6.0.16-1+deb11u2");
    Files.writeString(status, upgraded);

    var before = run("findings", "--asset", "web-02", "--package", "redis");
    assertThat(before.out()).contains("DSA-5081-1");
    JsonNode rescan = JSON.readTree(run("inventory", "import", fleet.toString(), "--json").out()).get("assets");
    int revision = rescan.get(1).get("inventory_revision").asInt();
    assertThat(rescan.get(1).get("asset").asText()).isEqualTo("web-02");

    var history = run("inventory", "history", "web-02");
    assertThat(history.out()).contains("revision " + revision + ", scanned")
        .contains("CHANGED  deb  redis                            5:6.0.16-1+deb11u1 -> 5:6.0.16-1+deb11u2");

    var open = run("findings", "--asset", "web-02", "--package", "redis");
    assertThat(open.out()).doesNotContain("DSA-5081-1");
    var fixed = run("findings", "--asset", "web-02", "--status", "fixed", "--json");
    JsonNode f = JSON.readTree(fixed.out()).get("findings");
    assertThat(f).anySatisfy(x -> {
      assertThat(x.get("advisory_id").asText()).isEqualTo("DSA-5081-1");
      assertThat(x.get("tracking").asText()).isEqualTo("fixed");
      assertThat(x.get("fixed_by_revision").asInt()).isEqualTo(revision);
    });
  }

  @Test
  void anUnchangedReImportWritesNothingAndReportsTheFindingsAndGapsOfTheFirst() throws IOException {
    JsonNode first = JSON.readTree(run("inventory", "import", fleet.toString(), "--json").out()).get("assets");
    String trackedBefore = run("findings", "--status", "all", "--json").out();

    var again = run("inventory", "import", fleet.toString(), "--json");
    assertThat(again.exitCode()).as(again.err()).isZero();
    JsonNode second = JSON.readTree(again.out()).get("assets");

    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      JsonNode a = first.get(i);
      JsonNode b = second.get(i);
      assertThat(b.get("asset")).isEqualTo(a.get("asset"));
      assertThat(b.get("unchanged").asBoolean()).as(b.get("asset").asText()).isTrue();
      assertThat(b.get("inventory_revision")).isEqualTo(a.get("inventory_revision"));
      assertThat(b.get("packages")).isEqualTo(a.get("packages"));
      assertThat(b.get("gaps")).isEqualTo(a.get("gaps"));
      assertThat(sorted(b.get("findings"))).as(b.get("asset").asText()).isEqualTo(sorted(a.get("findings")));
    }
    assertThat(run("findings", "--status", "all", "--json").out()).as("not even last_seen is written")
        .isEqualTo(trackedBefore);
  }

  @Test
  void aReImportSkipsParsingAnEqualCopyOfAStatusFileAndReParsesOneWithAChangedByte() throws IOException {
    JsonNode first = JSON.readTree(run("inventory", "import", fleet.toString(), "--json").out()).get("assets");
    Path status = fleet.resolve("web-02/status");
    byte[] bytes = Files.readAllBytes(status);
    Files.delete(status);
    Files.write(status, bytes);

    JsonNode same = JSON.readTree(run("inventory", "import", fleet.toString(), "--json").out()).get("assets");
    for (int i = 0; i < first.size(); i++) {
      assertThat(same.get(i).get("unchanged").asBoolean()).isTrue();
      assertThat(same.get(i).get("packages")).as(same.get(i).get("asset").asText())
          .isEqualTo(first.get(i).get("packages"));
      assertThat(same.get(i).get("os")).isEqualTo(first.get(i).get("os"));
      assertThat(sorted(same.get(i).get("findings"))).isEqualTo(sorted(first.get(i).get("findings")));
    }

    Files.writeString(status, Files.readString(status)
        .replace("Version: 5:6.0.16-1+deb11u1", "Version: 5:6.0.16-1+deb11u2"));
    JsonNode changed = JSON.readTree(run("inventory", "import", fleet.toString(), "--json").out()).get("assets");
    JsonNode web02 = changed.get(1);
    assertThat(web02.get("asset").asText()).isEqualTo("web-02");
    assertThat(web02.get("unchanged").asBoolean()).isFalse();
    assertThat(web02.get("inventory_revision").asInt()).isEqualTo(first.get(1).get("inventory_revision").asInt() + 1);
    assertThat(web02.get("findings").toString()).doesNotContain("DSA-5081-1");
    assertThat(first.get(1).get("findings").toString()).contains("DSA-5081-1");
  }

  private static java.util.List<String> sorted(JsonNode findings) {
    java.util.List<String> out = new java.util.ArrayList<>();
    findings.forEach(f -> out.add(f.toString()));
    out.sort(null);
    return out;
  }

  @Test
  void findingsFilterByCveAliasAndKev() {
    run("inventory", "import", fleet.toString());
    var byCve = run("findings", "--cve", "CVE-2022-0543");
    assertThat(byCve.out()).contains("DSA-5081-1", "redis").contains("1 findings");
    var kev = run("findings", "--kev", "--asset", "web-02");
    assertThat(kev.out()).contains("DSA-5081-1"); // CVE-2022-0543 (Redis Lua sandbox escape) is in KEV
  }

  @Test
  void assessPutsKevOnInternetFacingProductionFirstAndExplainsWhy() {
    run("inventory", "import", fleet.toString());
    var r = run("assess", "--top", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("T0 emergency").contains("In CISA KEV since").contains("internet-facing production asset");
    var t0 = run("findings", "--tier", "T0", "--overdue");
    assertThat(t0.out()).contains("T0 emergency").doesNotContain("T3 planned");
    var explain = run("explain", "CVE-2022-0543");
    assertThat(explain.exitCode()).as(explain.err()).isZero();
    assertThat(explain.out()).contains("web-02|deb|redis|DSA-5081-1", "rationale: In CISA KEV since 2022-03-28", "signals:");
  }

  @Test
  void scanReadsAPreparedHostTreeAndReportsNoDataForAReleaseWithoutAdvisories() throws IOException {
    Path root = home.resolve("host");
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
    Files.copy(fleet.resolve("web-01/status"), root.resolve("var/lib/dpkg/status"));

    var r = run("scan", "--root", root.toString(), "--asset", "bookworm-01", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("schema").asText()).isEqualTo("patchwarden.scan/1");
    assertThat(doc.get("findings")).isEmpty();
    assertThat(doc.get("gaps").get(0).get("advisory_ecosystem").asText()).isEqualTo("Debian:12");
  }

  @Test
  void scanOfFilesNamesAFileOfNoKnownFormat() throws IOException {
    Path notes = Files.writeString(home.resolve("notes.txt"), "hello");
    var r = run("scan", notes.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("notes.txt", "not a known inventory format");
  }

  @Test
  void aFeedChangeReMatchesOnlyTheChangedAdvisories() throws IOException {
    run("inventory", "import", fleet.toString());
    Path dsa = home.resolve("feeds/debian/data/DSA/list");
    String list = Files.readString(dsa);
    // A corrected advisory: DSA-5081-1 now says redis was fixed in an older version than installed.
    Files.writeString(dsa, list.replace("[bullseye] - redis 5:6.0.16-1+deb11u2", "[bullseye] - redis 5:6.0.16-1+deb11u1"));
    var r = run("feeds", "load", "--from", dsa.toString());
    assertThat(r.out()).contains("debian-dsa").contains("1 updated").contains("re-matched against scanned assets");
    assertThat(run("findings", "--cve", "DSA-5081-1").out()).contains("0 findings");
    assertThat(run("findings", "--cve", "DSA-5081-1", "--status", "retracted").out()).contains("DSA-5081-1");
  }
}
