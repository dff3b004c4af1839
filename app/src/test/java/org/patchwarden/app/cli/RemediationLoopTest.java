package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remediation loop on the demo fleet and its real feeds, through the command line: plan, approve,
 * apply, import an upgraded inventory, verify; with a clock the test moves.
 */
class RemediationLoopTest {
  /** The demo's home, made once: each test works on a copy. */
  @TempDir static Path demoParent;
  private static Path demo;

  @TempDir Path work;
  private Path home;
  private final MovingClock clock = new MovingClock(Instant.parse("2026-11-02T08:00:00Z"));

  /** A clock the test moves forward. */
  static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

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
    clock.advance(Duration.ofMinutes(10));
    return CommandLineRunner.run(clock, Map.of("PATCHWARDEN_HOME", home.toString(), "USER", "alice"), "", args);
  }

  private CommandLineRunner.Result ok(String... args) {
    var r = run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  /** A fleet directory with web-02 only, its redis (and, when {@code linuxToo}, linux) upgraded. */
  private Path upgradedWeb02(boolean linuxToo) {
    try {
      Path fleet = work.resolve(linuxToo ? "upgraded" : "partly-upgraded");
      Files.createDirectories(fleet.resolve("web-02"));
      Files.copy(demo.resolve("fleet/web-02/os-release"), fleet.resolve("web-02/os-release"));
      String status = Files.readString(demo.resolve("fleet/web-02/status"))
          .replace("Version: 5:6.0.16-1+deb11u1\n", "Version: 5:6.0.16-1+deb11u2\n");
      if (linuxToo) {
        status = status.replace("Package: linux\n", "Package: linux\n#")
            .replaceAll("(?s)(Package: linux\n#.*?Version: )5\\.10\\.46-5", "$15.10.136-1").replace("\n#", "\n");
      }
      Files.writeString(fleet.resolve("web-02/status"), status);
      List<String> csv = Files.readAllLines(demo.resolve("fleet/assets.csv"));
      Files.writeString(fleet.resolve("assets.csv"), csv.get(0) + "\n"
          + csv.stream().filter(l -> l.startsWith("web-02,")).findFirst().orElseThrow() + "\n");
      return fleet;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plans, approves and applies the T1 change on web-02 (change 1). */
  private void planApproveApply() {
    String plan = ok("change", "plan", "--tier", "T1", "--assets", "web-02").out();
    assertThat(plan).contains("change 1: T1 fixes on web-02", "planned, waiting for 1 approval(s)",
        "apt-get install --only-upgrade 'redis=5:6.0.16-1+deb11u2' 'linux=5.10.136-1'",
        "web-02: linux 5.10.46-5 -> 5.10.136-1",
        "pending   web-02|deb|redis|DSA-5081-1");
    ok("change", "approve", "1", "--by", "bob");
    assertThat(ok("change", "apply", "1", "--by", "ops").out()).contains("change 1: applied by ops", "verify by");
  }

  @Test
  void anUpgradedInventoryImportedAfterApplyingVerifiesEveryFindingOfTheChange() {
    planApproveApply();
    String imported = ok("inventory", "import", upgradedWeb02(true).toString()).out();
    assertThat(imported).contains("change 1: verified", "(5 verified fixed, 0 failed in this check)");
    assertThat(ok("change", "list").out()).containsPattern("1 +verified +T1 +web-02 +5 +T1 fixes on web-02");
    assertThat(ok("findings", "--status", "verified", "--json").out()).contains("web-02|deb|redis|DSA-5081-1",
        "web-02|deb|linux|DSA-5207-1");
    assertThat(ok("findings", "--status", "applied").out()).contains("0 findings");
  }

  @Test
  void aPartiallyUpgradedInventoryFailsExactlyTheUnfixedFindingsWithEvidence() {
    planApproveApply();
    String imported = ok("inventory", "import", upgradedWeb02(false).toString()).out();
    assertThat(imported).contains("change 1: VERIFICATION FAILED", "revert or investigate",
        "(1 verified fixed, 4 failed in this check)",
        "FAILED web-02|deb|linux|DSA-5207-1: linux 5.10.46-5 is below the fixed version 5.10.136-1 (inventory revision 2);"
            + " DSA-5207-1 (debian-dsa) still matches linux 5.10.46-5")
        .doesNotContain("FAILED web-02|deb|redis");
    String failed = ok("findings", "--status", "failed", "--json").out();
    assertThat(failed).contains("DSA-5092-1", "DSA-5207-1", "DSA-5050-1", "DSA-5095-1").doesNotContain("DSA-5081-1");
    assertThat(ok("findings", "--status", "verified", "--json").out()).contains("DSA-5081-1");
    assertThat(ok("change", "show", "1").out()).contains("verified  web-02|deb|redis|DSA-5081-1",
        "redis 5:6.0.16-1+deb11u2 is at or above 5:6.0.16-1+deb11u2, no advisory matches (inventory revision 2)");
    // fixed on the second attempt: applied again, the full upgrade verifies the rest
    ok("change", "apply", "1", "--by", "ops");
    assertThat(ok("inventory", "import", upgradedWeb02(true).toString()).out())
        .contains("change 1: verified", "(4 verified fixed, 0 failed in this check)");
    assertThat(ok("change", "metrics").out()).contains("Verification pass rate: 56% (5 findings verified fixed, "
        + "4 failed verification checks)").containsPattern("tier +T1 +5 ");
  }

  @Test
  void aDeadlinePassedWithoutARescanShowsTheChangeUnverified() {
    planApproveApply();
    clock.advance(Duration.ofHours(25));
    assertThat(ok("change", "list", "--state", "unverified").out()).contains("T1 fixes on web-02");
    assertThat(ok("change", "verify").out()).contains("change 1: UNVERIFIED: deadline", "5 finding(s) not rescanned");
    assertThat(ok("change", "audit", "1").out()).contains("verification", "unverified");
    assertThat(ok("change", "metrics").out()).contains("unverified (deadline passed without a rescan): 1");
  }

  @Test
  void illegalTransitionsAreRefusedWithExitCode2AndAClearMessage() {
    ok("change", "plan", "--tier", "T1", "--assets", "web-02");
    var own = run("change", "approve", "1");
    assertThat(own.exitCode()).isEqualTo(2);
    assertThat(own.err()).contains("change approve: change 1: alice planned it and cannot approve their own change");
    var early = run("change", "apply", "1", "--by", "ops");
    assertThat(early.exitCode()).isEqualTo(2);
    assertThat(early.err()).contains("change 1 is planned: it needs 1 more approval(s) before it is applied");
    ok("change", "approve", "1", "--by", "bob");
    ok("change", "apply", "1", "--by", "ops");
    var cancel = run("change", "cancel", "1", "--reason", "too late");
    assertThat(cancel.exitCode()).isEqualTo(2);
    assertThat(cancel.err()).contains("change 1 is applied: only a planned or approved change can be cancelled");
    assertThat(run("change", "show", "9").exitCode()).isEqualTo(2);
    var nothing = run("change", "plan", "--tier", "T1", "--assets", "web-02");
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.err()).contains("nothing to plan");
  }

  @Test
  void theAuditLogRecordsEveryTransitionOfTheLoop() {
    planApproveApply();
    ok("inventory", "import", upgradedWeb02(false).toString());
    String audit = ok("change", "audit", "1", "--json").out();
    assertThat(audit).contains("\"action\" : \"planned\"", "\"action\" : \"approved\"", "\"action\" : \"applied\"",
        "\"action\" : \"verified-fixed\"", "\"action\" : \"verification-failed\"", "\"actor\" : \"bob\"",
        "\"actor\" : \"verification\"");
    assertThat(audit.split("\"seq\"", -1)).hasSize(1 + 3 + 5 + 1);
  }

  @Test
  void aTierConfiguredForAutoApprovalOnStagingNeedsNoApprover() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "remediation:\n  auto-approve-tiers: T1\n  approvals: 2\n");
    String staging = ok("change", "plan", "--tier", "T1", "--assets", "staging-web-01").out();
    assertThat(staging).contains("approved", "auto-approve", "auto: T1 on non-production assets");
    String production = ok("change", "plan", "--tier", "T1", "--assets", "web-02").out();
    assertThat(production).contains("planned, waiting for 2 approval(s)");
    assertThat(ok("change", "metrics").out()).contains("over 1 approved change(s); 1 waiting");
  }

  @Test
  void anAcceptedRiskHoldsUntilItsExpiryAndAFalsePositiveStays() {
    String key = "web-02|deb|redis|DSA-5081-1";
    assertThat(ok("accept-risk", key, "--reason", "redis bound to localhost", "--by", "carol", "--until",
        "2026-11-10").out()).contains("risk accepted by carol until 2026-11-10T00:00:00Z");
    assertThat(ok("findings", "--status", "risk-accepted", "--json").out()).contains(key);
    assertThat(ok("findings", "--json").out()).doesNotContain(key);
    clock.advance(Duration.ofDays(10));
    assertThat(ok("findings", "--json").out()).contains(key);
    assertThat(ok("findings", "--status", "risk-accepted", "--json").out()).doesNotContain(key);

    String linux = "web-02|deb|linux|DSA-5092-1";
    ok("false-positive", linux, "--reason", "kernel not booted: livepatched image");
    assertThat(ok("findings", "--status", "false-positive", "--json").out()).contains(linux);
    assertThat(ok("change", "audit").out()).contains("risk-accepted", "false-positive", "carol");
    var refused = run("accept-risk", "web-02|deb|nope|X", "--reason", "r", "--until", "2027-01-01");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("no finding has the key");
  }

  @Test
  void anOpenVasReportStillListingACveOnTheHostFailsVerificationOfThatFinding() throws IOException {
    planApproveApply();
    Path report = work.resolve("openvas-web-02-redis.xml");
    try (var in = RemediationLoopTest.class.getResourceAsStream("/scanners/openvas-web-02-redis.xml")) {
      Files.copy(in, report);
    }
    String out = ok("change", "verify", "1", "--scanner-report", report.toString()).out();
    assertThat(out).contains("change 1: VERIFICATION FAILED", "(0 verified fixed, 1 failed in this check)",
        "FAILED web-02|deb|redis|DSA-5081-1: openvas report " + report + " still lists CVE-2022-0543 on web-02");
    assertThat(out.lines().filter(line -> line.startsWith("change 1: "))).as("the state is told once").hasSize(1);
    assertThat(ok("change", "show", "1").out()).contains("pending   web-02|deb|linux|DSA-5207-1");

    Path broken = work.resolve("broken.xml");
    Files.writeString(broken, "<report><results><result>");
    var refused = run("change", "verify", "1", "--scanner-report", broken.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("change verify: ", broken.toString());
  }

  @Test
  void aChangeIsExportedAsAnAnsiblePlaybookWithTheFixedVersions() throws IOException {
    planApproveApply();
    Path playbook = work.resolve("change-1.yml");
    assertThat(ok("change", "export", "1", "--ansible", playbook.toString()).out())
        .contains("Ansible playbook written to", "(2 upgrade(s) on 1 asset(s))");
    assertThat(Files.readString(playbook)).contains("hosts: \"web-02\"", "ansible.builtin.apt",
        "\"redis=5:6.0.16-1+deb11u2\"", "\"linux=5.10.136-1\"", "only_upgrade: true");
  }
}
