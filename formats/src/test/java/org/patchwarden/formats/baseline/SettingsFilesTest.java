package org.patchwarden.formats.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.baseline.SettingsFiles.Kind;

class SettingsFilesTest {
  static Map<String, String> read(Kind kind, String text) {
    return SettingsFiles.read(kind, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test-file");
  }

  @Test
  void sshdKeywordsAreLowerCasedTheFirstValueWinsAndMatchBlocksAreNotRead() {
    Map<String, String> s = read(Kind.SSHD_CONFIG, """
        # hardening
        PermitRootLogin no
        permitrootlogin yes
        PasswordAuthentication=no
        Ciphers   aes256-gcm@openssh.com,chacha20-poly1305@openssh.com
        Match User backup
          PermitRootLogin yes
        """);

    assertThat(s).containsExactly(Map.entry("sshd:ciphers", "aes256-gcm@openssh.com,chacha20-poly1305@openssh.com"),
        Map.entry("sshd:passwordauthentication", "no"), Map.entry("sshd:permitrootlogin", "no"));
  }

  @Test
  void sysctlKeysTakeDotsTheLastValueWinsAndTheIgnoreErrorsDashIsDropped() {
    Map<String, String> s = read(Kind.SYSCTL, """
        ; comment
        net.ipv4.ip_forward = 0
        net/ipv4/ip_forward = 1
        -kernel.kptr_restrict=2
        """);

    assertThat(s).containsExactly(Map.entry("sysctl:kernel.kptr_restrict", "2"), Map.entry("sysctl:net.ipv4.ip_forward", "1"));
  }

  @Test
  void aLineThatIsNotASettingIsRefusedNamingFileAndLine() {
    assertThatThrownBy(() -> read(Kind.SYSCTL, "a = 1\nnonsense\n"))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("test-file").hasMessageContaining("line 2")
        .hasMessageContaining("expected 'key = value'");
    assertThatThrownBy(() -> read(Kind.SSHD_CONFIG, "PermitRootLogin\n")).hasMessageContaining("line 1")
        .hasMessageContaining("no argument");
  }

  @Test
  void anOverlongLineIsRefused() {
    assertThatThrownBy(() -> read(Kind.SETTINGS, "k=" + "x".repeat(SettingsFiles.MAX_LINE)))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("line 1");
  }

  @Test
  void aFolderYieldsTheSettingsOfTheFilesItHoldsAndOthersAreLeftAlone(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("settings"), "tier=web\n");
    Files.writeString(dir.resolve("sshd_config"), "PermitRootLogin no\n");
    Files.writeString(dir.resolve("status"), "Package: x\n");

    assertThat(SettingsFiles.readFolder(dir)).containsExactly(Map.entry("sshd:permitrootlogin", "no"),
        Map.entry("tier", "web"));
    assertThat(SettingsFiles.readFolder(dir.resolve("absent"))).isEmpty();
  }
}
