package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines on the demo fleet and its real feeds, through the command line: the staging web server
 * against the production web servers, settings from a fleet folder, and the staging evidence a
 * production change needs when remediation.require-staging-baseline is on.
 */
class BaselineCommandTest {
  /** The demo's home, made once: each test works on a copy. */
  @TempDir static Path demoParent;
  private static Path demo;

  @TempDir Path work;
  private Path home;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-02T08:00:00Z"), ZoneOffset.UTC);

  @BeforeAll
  static void runTheDemoOnce() {
    var r = CommandLineRunner.run(Clock.fixed(Instant.parse("2026-11-01T08:00:00Z"), ZoneOffset.UTC),
        Map.of("PATCHWARDEN_HOME", demoParent.toString()), "", "demo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    demo = demoParent.resolve("demo");
  }

  @BeforeEach
  void copyTheDemoHome() throws IOException {
    home = work.resolve("home");
    try (Stream<Path> files = Files.walk(demo)) {
      for (Path p : files.toList()) {
        Path target = home.resolve(demo.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private CommandLineRunner.Result run(String... args) {
    return CommandLineRunner.run(clock, Map.of("PATCHWARDEN_HOME", home.toString(), "USER", "alice"), "", args);
  }

  private CommandLineRunner.Result ok(String... args) {
    var r = run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  private void captureTheDemosWebTiers() {
    assertThat(ok("baseline", "capture", "staging-web", "--assets", "staging-web-01").out())
        .contains("baseline staging-web@1 captured: 1 asset(s) (staging-web-01), 20 package(s)");
    assertThat(ok("baseline", "capture", "production-web", "--role", "debian", "--environment", "production").out())
        .contains("baseline production-web@1 captured: 2 asset(s) (web-01, web-02), 55 package(s)");
  }

  @Test
  void theDemosStagingWebServerDriftsFromProductionPastTheStrictPolicy() {
    captureTheDemosWebTiers();

    var diff = run("baseline", "diff", "staging-web", "production-web");

    assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
    assertThat(diff.out()).contains("baseline diff staging-web@1 (A, test) vs production-web@1 (B, production)",
        "Vulnerabilities only on B (production): 34", "DSA-5139-1",
        "web-02: openssl 1.1.1k-1+deb11u1 (fixed in 1.1.1n-0+deb11u2)",
        "Vulnerabilities only on A (test): 0",
        "Packages missing on A (only on production): 20", "deb lighttpd 1.4.59-1+deb11u1 on web-01, web-02",
        "Version differences (A relative to B): 0", "Settings that differ: 0",
        "Verdict: past policy: max-missing-packages: 20 (limit 0); max-vulnerabilities-only-in-production: 34 (limit 0)");
    var json = run("baseline", "diff", "staging-web", "production-web", "--json");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(json.out()).contains("\"schema\" : \"patchwarden.baseline-diff/1\"", "\"withinPolicy\" : false",
        "\"rule\" : \"max-missing-packages\"", "\"id\" : \"DSA-5139-1\"");
  }

  @Test
  void aPolicyThatToleratesTheDriftExitsZeroAndAVersionedReferenceReadsThatVersion() throws IOException {
    captureTheDemosWebTiers();
    Path policy = work.resolve("drift.yaml");
    Files.writeString(policy, "max-missing-packages: 25\nmax-vulnerabilities-only-in-production: unlimited\n");

    var diff = run("baseline", "diff", "staging-web@1", "production-web@1", "--policy", policy.toString());

    assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
    assertThat(diff.out()).contains("Verdict: within policy");
    assertThat(ok("baseline", "list").out()).contains("production-web", "staging-web");
    assertThat(ok("baseline", "show", "production-web").out()).contains("role debian: web-01, web-02",
        "os-release:VERSION_CODENAME = bullseye");
  }

  @Test
  void settingsFilesBesideTheInventoriesAreComparedAndImportSkipsThem() throws IOException {
    Path fleet = home.resolve("fleet");
    Files.writeString(fleet.resolve("web-01/sshd_config"), "PermitRootLogin no\nPasswordAuthentication no\n");
    Files.writeString(fleet.resolve("staging-web-01/sshd_config"), "PermitRootLogin yes\nPasswordAuthentication no\n");
    Files.writeString(fleet.resolve("staging-web-01/sysctl.conf"), "net.ipv4.ip_forward = 1\n");
    ok("inventory", "import", fleet.toString());
    ok("baseline", "capture", "s", "--assets", "staging-web-01", "--settings-from", fleet.toString());
    ok("baseline", "capture", "p", "--assets", "web-01", "--settings-from", fleet.toString());

    var diff = run("baseline", "diff", "s", "p");

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.out()).contains("Settings that differ: 2", "sshd:permitrootlogin: A yes, B no",
        "sysctl:net.ipv4.ip_forward: A 1, B (not set)", "settings-must-match: 2 (limit 0)")
        .doesNotContain("sshd:passwordauthentication:");
  }

  @Test
  void unknownBaselinesAndBadReferencesAreUsageErrors() {
    var unknown = run("baseline", "diff", "nope", "neither");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("baseline diff: no baseline nope ('baseline list' shows them)");
    var bad = run("baseline", "show", "web@x");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("the version after @ must be a positive number");
    var noAsset = run("baseline", "capture", "x", "--assets", "no-such-host");
    assertThat(noAsset.exitCode()).isEqualTo(2);
    assertThat(noAsset.err()).contains("no asset named 'no-such-host'");
    assertThat(run("baseline", "capture", "x").exitCode()).isEqualTo(2);
  }

  /** A fleet directory with staging-web-02, a staging copy of web-02, its T1 packages upgraded or not. */
  private Path stagingCopyOfWeb02(String name, boolean patched) throws IOException {
    Path fleet = work.resolve(name);
    Files.createDirectories(fleet.resolve("staging-web-02"));
    Files.copy(home.resolve("fleet/web-02/os-release"), fleet.resolve("staging-web-02/os-release"));
    String status = Files.readString(home.resolve("fleet/web-02/status"));
    if (patched) {
      status = status.replace("Version: 5:6.0.16-1+deb11u1\n", "Version: 5:6.0.16-1+deb11u2\n")
          .replace("Version: 5.10.46-5\n", "Version: 5.10.136-1\n");
    }
    Files.writeString(fleet.resolve("staging-web-02/status"), status);
    Files.writeString(fleet.resolve("assets.csv"),
        "name,kind,environment,owner_team,criticality,internet_facing,tags,vendor,product,version,part,cpe\n"
            + "staging-web-02,host,staging,web-platform,3,no,debian,,,,,\n");
    return fleet;
  }

  @Test
  void aProductionChangeIsApprovedOnlyAfterItsPatchWasTriedOnAStagingCopyThatMatchedProduction() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "remediation:\n  require-staging-baseline: true\n");
    ok("inventory", "import", stagingCopyOfWeb02("unpatched", false).toString());
    ok("baseline", "capture", "stage", "--assets", "staging-web-02");
    ok("baseline", "capture", "prod", "--assets", "web-02");
    assertThat(ok("baseline", "diff", "stage", "prod").out()).contains("Verdict: within policy");
    ok("change", "plan", "--tier", "T1", "--assets", "web-02");

    var refused = run("change", "approve", "1", "--by", "bob");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("change 1: it touches production asset(s) web-02 and "
        + "remediation.require-staging-baseline needs evidence", "'baseline evidence 1 --test BASELINE --production BASELINE'");

    var unpatched = run("baseline", "evidence", "1", "--test", "stage", "--production", "prod");
    assertThat(unpatched.exitCode()).isEqualTo(1);
    assertThat(unpatched.out()).contains("NOT satisfied: stage@1 matched prod@1 within policy",
        "redis below target 5:6.0.16-1+deb11u2: staging-web-02 has 5:6.0.16-1+deb11u1");
    assertThat(run("change", "approve", "1", "--by", "bob").exitCode()).isEqualTo(2);

    ok("inventory", "import", stagingCopyOfWeb02("patched", true).toString());
    ok("baseline", "capture", "stage", "--assets", "staging-web-02");
    assertThat(ok("baseline", "evidence", "1", "--test", "stage", "--production", "prod").out())
        .contains("change 1: staging evidence satisfied: stage@1 matched prod@1 within policy (within policy); "
            + "patch present on stage@2");
    assertThat(ok("change", "approve", "1", "--by", "bob").out()).contains("change 1: approved");
    assertThat(ok("change", "show", "1").out()).contains("staging evidence:", "NOT satisfied: stage@1",
        "satisfied: stage@1 matched prod@1 within policy");
    assertThat(ok("change", "show", "1", "--json").out()).contains("\"stagingEvidence\"", "\"satisfied\" : true");
  }

  @Test
  void withTheAutoApproveRuleSatisfiedEvidenceApprovesAProductionChangeOfAnAutoApprovedTier() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "remediation:\n  require-staging-baseline: true\n"
        + "  auto-approve-tiers: T1\n  staging-evidence-approves: true\n");
    ok("inventory", "import", stagingCopyOfWeb02("unpatched", false).toString());
    ok("baseline", "capture", "stage", "--assets", "staging-web-02");
    ok("baseline", "capture", "prod", "--assets", "web-02");
    assertThat(ok("change", "plan", "--tier", "T1", "--assets", "web-02").out())
        .contains("planned, waiting for 1 approval(s)");
    assertThat(run("baseline", "evidence", "1", "--test", "stage", "--production", "prod").out())
        .doesNotContain("auto-approve rule");
    ok("inventory", "import", stagingCopyOfWeb02("patched", true).toString());
    ok("baseline", "capture", "stage", "--assets", "staging-web-02");

    String evidence = ok("baseline", "evidence", "1", "--test", "stage", "--production", "prod").out();

    assertThat(evidence).contains("change 1: approved", "(the staging-baseline auto-approve rule)");
    assertThat(ok("change", "show", "1").out()).contains("auto-approve", "auto: T1 with satisfied staging evidence");
    assertThat(ok("change", "audit", "1").out()).contains("stage@1 matched prod@1");
    ok("change", "apply", "1", "--by", "ops");
  }
}
