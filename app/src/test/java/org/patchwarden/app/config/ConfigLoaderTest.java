package org.patchwarden.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path home;

  private static ConfigLoader.Flags flags(Path home) {
    return new ConfigLoader.Flags(home, null, null);
  }

  @Test
  void defaultsToAQuietSqliteFileInTheHomeDirectory() {
    AppConfig c = ConfigLoader.load(flags(home), Map.of());
    assertThat(c.dbUrl()).isEqualTo("jdbc:sqlite:" + home.toAbsolutePath().normalize().resolve("patchwarden.db"));
    assertThat(c.embedded()).isTrue();
    assertThat(c.logLevel()).isEqualTo("warn");
  }

  @Test
  void homeComesFromTheEnvironmentWhenNoFlagGivesIt() {
    AppConfig c = ConfigLoader.load(new ConfigLoader.Flags(null, null, null), Map.of("PATCHWARDEN_HOME", home.toString()));
    assertThat(c.home()).isEqualTo(home);
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), """
        db:
          url: jdbc:postgresql://file-host/pw
          user: fileuser
        log:
          level: info
        """);
    AppConfig fromFile = ConfigLoader.load(flags(home), Map.of());
    assertThat(fromFile.dbUrl()).isEqualTo("jdbc:postgresql://file-host/pw");
    assertThat(fromFile.dbUser()).isEqualTo("fileuser");
    assertThat(fromFile.logLevel()).isEqualTo("info");

    Map<String, String> env = Map.of("PATCHWARDEN_DB", "jdbc:postgresql://env-host/pw", "PATCHWARDEN_LOG_LEVEL", "debug");
    AppConfig fromEnv = ConfigLoader.load(flags(home), env);
    assertThat(fromEnv.dbUrl()).isEqualTo("jdbc:postgresql://env-host/pw");
    assertThat(fromEnv.logLevel()).isEqualTo("debug");

    AppConfig fromFlags = ConfigLoader.load(new ConfigLoader.Flags(home, "jdbc:postgresql://flag-host/pw", "error"), env);
    assertThat(fromFlags.dbUrl()).isEqualTo("jdbc:postgresql://flag-host/pw");
    assertThat(fromFlags.logLevel()).isEqualTo("error");
  }

  @Test
  void anUnknownKeyInTheFileIsNamedWithTheKnownOnes() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "db:\n  uri: jdbc:sqlite:x.db\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("patchwarden.yaml")
        .hasMessageContaining("unknown key 'db.uri'")
        .hasMessageContaining("db.url");
  }

  @Test
  void aBadValueIsNamedWithItsOriginAndWhatWasExpected() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "log:\n  level: loud\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of()))
        .hasMessageContaining("patchwarden.yaml: key log.level: 'loud' is not a log level; expected one of error, warn, info, debug, trace");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of("PATCHWARDEN_DB", "mysql://x")))
        .hasMessageContaining("environment variable PATCHWARDEN_DB: 'mysql://x' is not a supported database URL");
  }

  @Test
  void malformedYamlIsRefusedNamingTheFile() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "db: [unclosed\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of()))
        .hasMessageContaining("patchwarden.yaml: not valid YAML");
  }

  @Test
  void aListWhereAValueBelongsIsRefused() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "db:\n  url: [a, b]\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of()))
        .hasMessageContaining("key 'db.url' must be a single value, got array");
  }
}
