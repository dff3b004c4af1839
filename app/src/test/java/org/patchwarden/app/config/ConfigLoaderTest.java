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

  @Test
  void theNvdApiKeyComesFromTheEnvironmentOverTheFileAndABadOneIsRefusedWithoutEchoingIt() throws IOException {
    assertThat(ConfigLoader.load(flags(home), Map.of()).nvdApiKey()).isNull();
    Files.writeString(home.resolve("patchwarden.yaml"), "feeds:\n  nvd:\n    api-key: 0a1b2c3d-0000-4000-8000-123456789abc\n");
    assertThat(ConfigLoader.load(flags(home), Map.of()).nvdApiKey()).isEqualTo("0a1b2c3d-0000-4000-8000-123456789abc");
    assertThat(ConfigLoader.load(flags(home), Map.of("PATCHWARDEN_NVD_API_KEY", "ffffffff-0000-4000-8000-000000000000"))
        .nvdApiKey()).isEqualTo("ffffffff-0000-4000-8000-000000000000");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of("PATCHWARDEN_NVD_API_KEY", "secret key\"")))
        .hasMessageContaining("environment variable PATCHWARDEN_NVD_API_KEY: not an NVD API key")
        .hasMessageNotContaining("secret");
  }

  @Test
  void nvdIsOffAndSsvcOnByDefaultAndBothCanBeSwitched() throws IOException {
    var defaults = ConfigLoader.load(flags(home), Map.of()).upstreams();
    assertThat(defaults).filteredOn(u -> u.name().equals("nvd")).singleElement()
        .satisfies(u -> assertThat(u.enabled()).isFalse())
        .satisfies(u -> assertThat(u.layout()).isEqualTo(Upstream.Layout.PAGED_NVD));
    assertThat(defaults).filteredOn(u -> u.name().equals("ssvc")).singleElement()
        .satisfies(u -> assertThat(u.enabled()).isTrue())
        .satisfies(u -> assertThat(u.layout()).isEqualTo(Upstream.Layout.ZIP_TREE));
    Files.writeString(home.resolve("patchwarden.yaml"), "feeds:\n  nvd:\n    enabled: true\n  ssvc:\n    enabled: false\n");
    var switched = ConfigLoader.load(flags(home), Map.of()).upstreams();
    assertThat(switched).filteredOn(Upstream::enabled).extracting(Upstream::name).contains("nvd").doesNotContain("ssvc");
    assertThat(switched).filteredOn(u -> u.name().equals("nvd")).singleElement()
        .satisfies(u -> assertThat(u.layout()).isEqualTo(Upstream.Layout.PAGED_NVD));
  }

  @Test
  void theShareAFeedReplacementMayRemoveDefaultsToHalfAndReadsAsFractionOrPercent() throws IOException {
    assertThat(ConfigLoader.load(flags(home), Map.of()).maxRemovalShare()).isEqualTo(0.5);
    Files.writeString(home.resolve("patchwarden.yaml"), "feeds:\n  max-removal-share: 20%\n");
    assertThat(ConfigLoader.load(flags(home), Map.of()).maxRemovalShare()).isEqualTo(0.2);
    Files.writeString(home.resolve("patchwarden.yaml"), "feeds:\n  max-removal-share: 0.75\n");
    assertThat(ConfigLoader.load(flags(home), Map.of()).maxRemovalShare()).isEqualTo(0.75);
  }

  @Test
  void aRemovalShareOutsideZeroToOneIsRefusedNamingTheKey() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "feeds:\n  max-removal-share: 150%\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key feeds.max-removal-share: '150%' is not a share of records");
  }

  @Test
  void remediationKeysComeFromTheFileAndAreCheckedWhereTheyCameFrom() throws IOException {
    assertThat(ConfigLoader.load(flags(home), Map.of()).remediation()).isEqualTo(RemediationSettings.defaults());
    Files.writeString(home.resolve("patchwarden.yaml"),
        "remediation:\n  approvals: 2\n  verify-hours: 48\n  auto-approve-tiers: T0, T1\n");
    RemediationSettings r = ConfigLoader.load(flags(home), Map.of()).remediation();
    assertThat(r).isEqualTo(new RemediationSettings(2, 48, java.util.Set.of("T0", "T1")));
    Files.writeString(home.resolve("patchwarden.yaml"), "remediation:\n  approvals: 3\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("key remediation.approvals: '3' is not valid; expected 0, 1 or 2");
  }

  @Test
  void theStagingBaselineRequirementIsABooleanThatNeedsApprovals() throws IOException {
    Files.writeString(home.resolve("patchwarden.yaml"), "remediation:\n  require-staging-baseline: true\n");
    assertThat(ConfigLoader.load(flags(home), Map.of()).remediation().requireStagingBaseline()).isTrue();
    Files.writeString(home.resolve("patchwarden.yaml"), "remediation:\n  require-staging-baseline: maybe\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of()))
        .hasMessageContaining("key remediation.require-staging-baseline: 'maybe' is not valid; expected true or false");
    Files.writeString(home.resolve("patchwarden.yaml"),
        "remediation:\n  approvals: 0\n  require-staging-baseline: true\n");
    assertThatThrownBy(() -> ConfigLoader.load(flags(home), Map.of()))
        .hasMessageContaining("true needs remediation.approvals of 1 or 2, not 0");
  }
}
