package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisoryCommandTest {
  @TempDir Path home;

  private Map<String, String> env() {
    return Map.of("PATCHWARDEN_HOME", home.toString());
  }

  @BeforeEach
  void loadTheBundledFeeds() {
    Path feeds = DemoCommand.extract("feeds", home.resolve("feeds"));
    assertThat(CommandLineRunner.run(env(), "", "feeds", "load", "--from", feeds.toString()).exitCode()).isZero();
  }

  @Test
  void showsKevEpssAndTheAttackTacticsAVulnerabilityEnables() {
    var r = CommandLineRunner.run(env(), "", "advisory", "CVE-2021-44228");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("CISA KEV: added 2021-12-10, due 2021-12-24, ransomware use: Known")
        .contains("EPSS: 0.99999")
        .contains("ATT&CK: T1190 Exploit Public-Facing Application [exploitation_technique] -> Initial Access TA0001");
  }

  @Test
  void mergesRecordsOfSeveralSourcesThroughAliases() {
    var dsa = CommandLineRunner.run(env(), "", "advisory", "DSA-5309-1");
    assertThat(dsa.out()).contains("DSA-5309-1 covers 7 CVEs", "showing CVE-2022-42852");

    var r = CommandLineRunner.run(env(), "", "advisory", "CVE-2022-42856");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("CVE-2022-42856  (ids: CVE-2022-42856, DSA-5308-1, DSA-5309-1)")
        .contains("CISA KEV: added 2022-12-14")
        .contains("Debian:11 wpewebkit AFFECTED {introduced 0, fixed 2.38.3-1~deb11u1}  (bullseye)")
        .contains("Debian:11 webkit2gtk AFFECTED {introduced 0, fixed 2.38.3-1~deb11u1}  (bullseye)");
  }

  @Test
  void anUnknownIdSaysSo() {
    var r = CommandLineRunner.run(env(), "", "advisory", "CVE-1999-99999");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no loaded feed knows 'CVE-1999-99999'");
  }
}
