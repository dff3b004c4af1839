package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exercise run} with {@code fleet: store} on a store of one's own (real SQLite): two Go
 * services (src/test/resources/exercise-store) and a cut-down KEV catalog, imported once for the class.
 */
class ExerciseOnStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T08:00:00Z"), ZoneOffset.UTC);
  /** CVE-2020-36567 (gin, GO-2020-0001) listed in KEV on day 0; the data team rescans weekly. */
  private static final String GIN_KEV = """
      version: 1
      name: gin-kev
      fleet: store
      start: 2026-08-07
      days: 20
      seed: 5
      cves: [CVE-2020-36567]
      events:
        - kev_added: {cve: CVE-2020-36567, day: 0}
        - rescan_every: {teams: [data], every_days: 7}
      """;

  @TempDir static Path home;
  @TempDir static Path work;

  @BeforeAll
  static void importTheSmallFleetOnce() throws URISyntaxException {
    Path fixture = Path.of(ExerciseOnStoreTest.class.getResource("/exercise-store").toURI());
    ok(home, "feeds", "load", "--from", fixture.resolve("feeds").toString());
    ok(home, "inventory", "import", fixture.resolve("fleet").toString());
  }

  private static CommandLineRunner.Result run(Path in, String... args) {
    return CommandLineRunner.run(CLOCK, Map.of("PATCHWARDEN_HOME", in.toString()), "", args);
  }

  private static CommandLineRunner.Result ok(Path in, String... args) {
    var r = run(in, args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  private static Path scenario(String name, String yaml) throws IOException {
    return Files.writeString(work.resolve(name), yaml);
  }

  private static JsonNode outcome(JsonNode report, String asset) {
    for (JsonNode o : report.get("outcomes")) {
      if (o.get("asset").asText().equals(asset)) {
        return o;
      }
    }
    throw new AssertionError("no outcome for " + asset + " in " + report);
  }

  /** Every file of the home but the writer lock (which commands create beside the database), by content hash. */
  private static List<String> contentOf(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        if (!p.getFileName().toString().endsWith(".lock")) {
          byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
          out.add(dir.relativize(p) + " " + HexFormat.of().formatHex(sha));
        }
      }
    }
    return out;
  }

  @Test
  void aScenarioOnTheStoresOwnFleetMatchesTheHandComputedDaysAndLeavesTheStoreUnchanged() throws Exception {
    Path file = scenario("gin-kev.yaml", GIN_KEV);
    List<String> before = contentOf(home);

    var r = ok(home, "exercise", "run", file.toString(), "--json");

    assertThat(contentOf(home)).as("the store is only read").isEqualTo(before).anyMatch(f -> f.startsWith("patchwarden.db "));
    assertThat(r.err()).contains("exercise: on the fleet, feeds and policy of " + home.resolve("patchwarden.db"),
        "(read only)");
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("cves").toString()).isEqualTo("[\"CVE-2020-36567\"]");
    // edge-api: internet-facing and KEV-listed on day 0, so T0 due in 2 days; found by the day-0 rescan,
    // planned at noon, approved and applied on day 1, proved by the day-2 rescan; exposed on days 0 and 1
    JsonNode edge = outcome(report, "edge-api");
    assertThat(edge.get("tier").asText()).isEqualTo("T0");
    assertThat(edge.get("due_day").asInt()).isEqualTo(2);
    assertThat(edge.get("detected_day").asInt()).isZero();
    assertThat(edge.get("fix_landed_day").asInt()).isEqualTo(1);
    assertThat(edge.get("verified_day").asInt()).isEqualTo(2);
    assertThat(edge.get("exposure_days").asInt()).isEqualTo(2);
    assertThat(edge.get("internet_facing").asBoolean()).isTrue();
    // batch-worker (team data) is rescanned on days 0, 7, 14: its day-1 patch waits for day 7 to be proved,
    // its 24-hour verification window passes unseen
    JsonNode batch = outcome(report, "batch-worker");
    assertThat(batch.get("fix_landed_day").asInt()).isEqualTo(1);
    assertThat(batch.get("verified_day").asInt()).isEqualTo(7);
    assertThat(batch.get("exposure_days").asInt()).isEqualTo(2);
    JsonNode summary = report.get("summary");
    assertThat(summary.get("asset_days_exposed").asInt()).isEqualTo(4);
    assertThat(summary.get("internet_facing_asset_days_exposed").asInt()).isEqualTo(2);
    assertThat(summary.get("median_time_to_verified_fix_days").asDouble()).isEqualTo(4.5);
    assertThat(summary.get("missed_verification_windows").asInt()).isEqualTo(1);
  }

  @Test
  void onPostgresqlTheSameScenarioGivesTheSameReportAndLeavesTheDatabaseUnchanged() throws Exception {
    String url = org.patchwarden.store.TestDatabases.postgresUrl();
    Path pgHome = Files.createDirectories(work.resolve("pg"));
    Map<String, String> env = Map.of("PATCHWARDEN_HOME", pgHome.toString(), "PATCHWARDEN_DB", url);
    Path fixture = Path.of(ExerciseOnStoreTest.class.getResource("/exercise-store").toURI());
    for (String[] args : new String[][] {{"feeds", "load", "--from", fixture.resolve("feeds").toString()},
        {"inventory", "import", fixture.resolve("fleet").toString()}}) {
      var r = CommandLineRunner.run(CLOCK, env, "", args);
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    Path file = scenario("gin-kev-pg.yaml", GIN_KEV);
    List<String> before = tableDigests(url);

    var pg = CommandLineRunner.run(CLOCK, env, "", "exercise", "run", file.toString(), "--json");

    assertThat(pg.exitCode()).as(pg.err()).isZero();
    assertThat(tableDigests(url)).as("the store is only read").isEqualTo(before);
    assertThat(pg.out().replace("gin-kev-pg.yaml", "gin-kev.yaml"))
        .isEqualTo(ok(home, "exercise", "run", scenario("gin-kev.yaml", GIN_KEV).toString(), "--json").out());
  }

  /** Each table of the public schema with a digest of its rows. */
  private static List<String> tableDigests(String url) throws Exception {
    List<String> out = new ArrayList<>();
    try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (var rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
          + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (var rs = st.executeQuery("SELECT count(*), md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), ''))"
            + " FROM \"" + t + "\" x")) {
          rs.next();
          out.add(t + " " + rs.getLong(1) + " " + rs.getString(2));
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }

  @Test
  void theSameSeedGivesTheSameReportOnTheStore() throws Exception {
    Path file = scenario("gin-kev-again.yaml", GIN_KEV);

    assertThat(ok(home, "exercise", "run", file.toString(), "--seed", "9", "--json").out())
        .isEqualTo(ok(home, "exercise", "run", file.toString(), "--seed", "9", "--json").out());
    assertThat(ok(home, "exercise", "run", file.toString()).out())
        .isEqualTo(ok(home, "exercise", "run", file.toString()).out());
  }

  @Test
  void anAssetTheStoreDoesNotHaveIsRefusedNamingTheFileLineAndName() throws Exception {
    Path file = scenario("unknown.yaml", GIN_KEV.replace("teams: [data]", "assets: [web-01]"));

    var r = run(home, "exercise", "run", file.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("exercise: unknown.yaml line 10 (rescan_every): asset 'web-01' is not in the fleet;"
        + " its assets are batch-worker, edge-api");
    var cve = run(home, "exercise", "run", scenario("cve.yaml", GIN_KEV.replace("CVE-2020-36567", "CVE-2099-0001"))
        .toString());
    assertThat(cve.exitCode()).isEqualTo(2);
    assertThat(cve.err()).contains("cve.yaml: cves: CVE-2099-0001 is unknown");
  }

  @Test
  void aShippedDemoScenarioRunWithFleetStoreIsCheckedAgainstTheStoresFeeds() {
    // of kev-delayed-firewall's CVEs only CVE-2026-0300 is in this store's (cut-down) KEV catalog
    var r = run(home, "exercise", "run", "kev-delayed-firewall", "--fleet", "store");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("exercise: kev-delayed-firewall.yaml: cves: CVE-2026-42208 is unknown: no loaded"
        + " feed (advisories, CVE records, KEV) knows it");
    assertThat(run(home, "exercise", "run", "kev-delayed-firewall", "--fleet", "prod").err())
        .contains("--fleet: expected demo or store, got 'prod'");
  }

  @Test
  void theShippedScenariosForAnyStoreFollowTheFleetsMostUrgentCves() throws Exception {
    JsonNode cmp = JSON.readTree(ok(home, "exercise", "compare", "store-daily-rescans", "store-weekly-rescans",
        "--json").out());

    // KEV-listed first (CVE-2025-24016, wazuh on edge-api), then by assets affected (gin on both)
    assertThat(cmp.get("a").get("cves").toString()).isEqualTo("[\"CVE-2020-36567\",\"CVE-2025-24016\"]");
    assertThat(cmp.get("b").get("cves")).isEqualTo(cmp.get("a").get("cves"));
    assertThat(cmp.get("delta").get("median_time_to_verified_fix_days").asDouble()).isPositive();
    assertThat(ok(home, "exercise", "list").out())
        .contains("store-weekly-rescans        30 days, fleet store, the fleet's top 5 CVEs");
  }

  @Test
  void aStoreWithoutAssetsOrWithoutADatabaseIsRefusedClearly() throws Exception {
    Path file = scenario("any.yaml", GIN_KEV);
    Path none = Files.createDirectories(work.resolve("no-db"));
    var noDb = run(none, "exercise", "run", file.toString());
    assertThat(noDb.exitCode()).isEqualTo(2);
    assertThat(noDb.err()).contains("runs on fleet store, but there is no database at");
    assertThat(none.resolve("patchwarden.db")).doesNotExist();

    Path empty = Files.createDirectories(work.resolve("empty"));
    Path fixture = Path.of(ExerciseOnStoreTest.class.getResource("/exercise-store/feeds").toURI());
    ok(empty, "feeds", "load", "--from", fixture.toString());
    var r = run(empty, "exercise", "run", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("exercise: any.yaml: the store has no assets; import an inventory first"
        + " ('patchwarden inventory import') or use fleet: demo");
  }
}
