package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path home;

  @Test
  void loadsEveryBundledFeedAndShowsTheNewestKevEntries() {
    var r = CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", "demo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("cisa-kev", "2025.08.25", "1404 records", "+1404 added");
    assertThat(r.out()).contains("epss", "attack:enterprise-attack", "attack-mappings", "ssvc", "osv:go", "osv:pypi",
        "osv:almalinux", "debian-dsa", "debian-dla");
    assertThat(r.out()).contains("Importing the demo fleet", "web-01", "alma-db-01", "llm-gateway", "payments-api")
        .contains("The ten most urgent findings", "T0 emergency", "In CISA KEV since")
        .contains("fw-edge-01", "KEV-listed product present, affected versions unknown: verify");
    assertThat(r.out()).doesNotContain("FAILED");
    assertThat(home.resolve("patchwarden.db")).exists();
  }

  @Test
  void aSecondRunFindsEveryFeedUnchangedAndWritesNothing() {
    Map<String, String> env = Map.of("PATCHWARDEN_HOME", home.toString());
    CommandLineRunner.run(env, "", "demo");
    var again = CommandLineRunner.run(env, "", "demo");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("1404 records  unchanged, nothing written").doesNotContain(" added,");
  }
}
