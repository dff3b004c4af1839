package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path home;

  @Test
  void loadsTheBundledCatalogAndShowsTheNewestEntries() {
    var r = CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", "demo");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("CISA KEV catalog 2025.08.25", "1404 entries", "CVE-2025-48384", "due 2025-09-15");
    assertThat(home.resolve("patchwarden.db")).exists();
  }

  @Test
  void runsTwiceOnTheSameDataDirectory() {
    Map<String, String> env = Map.of("PATCHWARDEN_HOME", home.toString());
    CommandLineRunner.run(env, "", "demo");
    var again = CommandLineRunner.run(env, "", "demo");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("1404 entries");
  }
}
