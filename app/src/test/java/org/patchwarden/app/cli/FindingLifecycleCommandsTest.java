package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to an asset's inventory and findings across scans, feed changes and users' marks,
 * end to end on the bundled Debian security tracker lists and the bundled demo fleet (web-01 and
 * web-02 are Debian 11 hosts whose package versions come from Debian's own DSA list).
 */
class FindingLifecycleCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock DAY1 = Clock.fixed(Instant.parse("2026-11-01T09:00:00Z"), ZoneOffset.UTC);
  private static final Clock DAY2 = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);
  private static final Clock DAY3 = Clock.fixed(Instant.parse("2026-11-03T09:00:00Z"), ZoneOffset.UTC);
  private static final String REDIS_KEY = "web-02|deb|redis|DSA-5081-1";
  @TempDir Path home;
  private Path fleet;
  private Path dsaList;

  private CommandLineRunner.Result run(Clock clock, String... args) {
    return CommandLineRunner.run(clock, Map.of("PATCHWARDEN_HOME", home.toString(), "USER", "alice"), "", args);
  }

  private JsonNode json(Clock clock, String... args) throws IOException {
    var r = run(clock, args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @BeforeEach
  void loadTheDebianListsAndImportTheFleet() {
    Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
    dsaList = feeds.resolve("debian/data/DSA/list");
    var load = run(DAY1, "feeds", "load", "--from", feeds.resolve("debian").toString());
    assertThat(load.exitCode()).as(load.err()).isZero();
    fleet = DemoCommand.extract("fleet", home.resolve("fleet"));
    var imported = run(DAY1, "inventory", "import", fleet.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
  }

  private int openFindings(String asset) throws IOException {
    return json(DAY3, "findings", "--asset", asset, "--json").get("findings").size();
  }

  @Test
  void scanningARequirementsFileOfAHostAddsItsPackagesAndClosesNoneOfTheHostsFindings() throws IOException {
    int before = openFindings("web-01");
    assertThat(before).isPositive();
    Path requirements = Files.writeString(home.resolve("requirements.txt"), "waitress==2.1.0\nrequests==2.31.0\n");

    JsonNode scan = json(DAY2, "scan", requirements.toString(), "--asset", "web-01", "--json");

    assertThat(scan.get("closed").asInt()).isZero();
    assertThat(scan.get("os").get("codename").asText()).isEqualTo("bullseye");
    assertThat(scan.get("warnings")).isEmpty();
    assertThat(openFindings("web-01")).isEqualTo(before);
    var history = run(DAY3, "inventory", "history", "web-01", "--all");
    assertThat(history.out()).contains("revision 2, scanned 2026-11-02T09:00:00Z: 27 packages, 2 changes")
        .contains("ADDED    pypi waitress");
  }

  @Test
  void reImportingAnUnchangedFleetAddsNoRevision() throws IOException {
    JsonNode again = json(DAY2, "inventory", "import", fleet.toString(), "--json").get("assets");

    assertThat(again).allSatisfy(a -> {
      assertThat(a.get("inventory_revision").asInt()).as(a.get("asset").asText()).isEqualTo(1);
      assertThat(a.get("unchanged").asBoolean()).isTrue();
    });
    assertThat(run(DAY3, "inventory", "history", "web-02").out()).containsOnlyOnce("revision ");
  }

  @Test
  void aScanThatDropsMostPackagesOrTheOsWarns() throws IOException {
    Path status = fleet.resolve("web-01/status");
    String first = Files.readString(status).split("\n\n")[0] + "\n";
    Path small = Files.writeString(home.resolve("status"), first);

    var partial = run(DAY2, "scan", small.toString(), "--asset", "web-01");
    assertThat(partial.exitCode()).as(partial.err()).isZero();
    assertThat(partial.err()).contains("warning: the scan keeps 1 of the 25 packages of revision 1 of asset web-01");

    Path requirements = Files.writeString(home.resolve("requirements.txt"), "waitress==2.1.0\n");
    var replaced = run(DAY3, "scan", requirements.toString(), "--asset", "web-01", "--replace");
    assertThat(replaced.err()).contains("warning: the scan found no operating system, revision 2 of asset web-01 had "
        + "debian 11 (bullseye)");
  }

  @Test
  void aFindingRetractedByAFeedAccidentAndBackKeepsItsFirstSeenAndDueDate() throws IOException {
    String list = Files.readString(dsaList);
    // One load of the DSA list loses DSA-5081-1 (redis), the next has it again.
    Files.writeString(dsaList, list.replace("[bullseye] - redis 5:6.0.16-1+deb11u2", "[bullseye] - redis 5:6.0.16-1+deb11u1"));
    assertThat(run(DAY2, "feeds", "load", "--from", dsaList.toString()).exitCode()).isZero();
    assertThat(run(DAY2, "findings", "--cve", "DSA-5081-1", "--status", "retracted").out()).contains("DSA-5081-1");
    Files.writeString(dsaList, list);
    assertThat(run(DAY3, "feeds", "load", "--from", dsaList.toString()).exitCode()).isZero();

    JsonNode redis = json(DAY3, "findings", "--cve", "DSA-5081-1", "--json").get("findings");
    assertThat(redis).hasSize(1);
    assertThat(redis.get(0).get("tracking").asText()).isEqualTo("open");
    assertThat(redis.get(0).get("first_seen").asText()).isEqualTo("2026-11-01T09:00:00Z");
    assertThat(redis.get(0).get("last_seen").asText()).isEqualTo("2026-11-03T09:00:00Z");
  }

  @Test
  void aFindingMarkedNotAffectedLeavesTheOpenOnesAndStaysMarkedAcrossRescansUntilReopened() throws IOException {
    int open = openFindings("web-02");
    var mark = run(DAY2, "findings", "mark", REDIS_KEY, "--not-affected", "--reason",
        "redis listens on localhost only and Lua scripting is disabled");
    assertThat(mark.exitCode()).as(mark.err()).isZero();
    assertThat(mark.out()).contains(REDIS_KEY + " (debian-dsa): not_affected, marked by alice at 2026-11-02T09:00:00Z");

    assertThat(openFindings("web-02")).isEqualTo(open - 1);
    // A rescan with a change, and an assessment, leave it out.
    Files.writeString(fleet.resolve("web-02/status"), Files.readString(fleet.resolve("web-02/status"))
        .replace("Version: 5:6.0.16-1+deb11u1", "Version: 5:6.0.16-1+deb11u1+local1"));
    JsonNode rescan = json(DAY3, "inventory", "import", fleet.toString(), "--json").get("assets");
    assertThat(rescan.get(1).get("inventory_revision").asInt()).isEqualTo(2);
    assertThat(run(DAY3, "assess", "--top", "100").out()).doesNotContain("DSA-5081-1").doesNotContain("CVE-2022-0543");
    JsonNode marked = json(DAY3, "findings", "--status", "not_affected", "--json").get("findings");
    assertThat(marked).hasSize(1);
    assertThat(marked.get(0).get("asset").asText()).isEqualTo("web-02");
    assertThat(marked.get(0).get("advisory_id").asText()).isEqualTo("DSA-5081-1");
    assertThat(marked.get(0).get("tracking").asText()).isEqualTo("not_affected");
    assertThat(marked.get(0).get("not_affected_reason").asText()).startsWith("redis listens on localhost only");
    assertThat(marked.get(0).get("not_affected_by").asText()).isEqualTo("alice");
    assertThat(marked.get(0).get("not_affected_at").asText()).isEqualTo("2026-11-02T09:00:00Z");
    assertThat(marked.get(0).get("last_seen").asText()).isEqualTo("2026-11-03T09:00:00Z");

    var reopen = run(DAY3, "findings", "mark", REDIS_KEY, "--reopen");
    assertThat(reopen.out()).contains(REDIS_KEY + " (debian-dsa): open");
    assertThat(openFindings("web-02")).isEqualTo(open);
  }

  @Test
  void markingNeedsAReasonAndAKnownFindingKey() {
    var noReason = run(DAY2, "findings", "mark", REDIS_KEY, "--not-affected");
    assertThat(noReason.exitCode()).isEqualTo(2);
    assertThat(noReason.err()).contains("patchwarden: findings mark: --not-affected needs --reason");

    var unknown = run(DAY2, "findings", "mark", "web-02|deb|redis|DSA-0000-1", "--not-affected", "--reason", "x");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no finding has the key 'web-02|deb|redis|DSA-0000-1'");

    var malformed = run(DAY2, "findings", "mark", "DSA-5081-1", "--reopen");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("finding key 'DSA-5081-1' is not ASSET|ECOSYSTEM|PACKAGE|ADVISORY");
  }
}
