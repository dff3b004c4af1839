package org.patchwarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build runs on the JDK the README promises (21 and newer) and configures surefire with real parameters. */
class BuildConfigTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void mavensJvmOptionsThatJdk21DoesNotKnowAreIgnoredThere() throws IOException {
    String config = Files.readString(ROOT.resolve(".mvn/jvm.config"));
    if (config.contains("--sun-misc-unsafe-memory-access")) {
      // The option exists from JDK 23 on; without this flag JDK 21 refuses to start Maven at all.
      assertThat(config.strip()).startsWith("-XX:+IgnoreUnrecognizedVMOptions");
    }
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("JDK >= 21").doesNotContain("JDK >= 23");
  }

  @Test
  void surefireIsConfiguredWithParametersItKnows() throws IOException {
    assertThat(Files.readString(ROOT.resolve("pom.xml"))).as("surefire's parameter is systemPropertyVariables")
        .doesNotContain("systemPropertyValues");
  }
}
