package org.patchwarden.formats.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.baseline.DriftPolicy;
import org.patchwarden.feed.FeedFormatException;

class DriftPolicyYamlReaderTest {
  static DriftPolicy read(String yaml) {
    return DriftPolicyYamlReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "drift.yaml");
  }

  @Test
  void givenKeysSetTheirLimitsAndOthersStayStrict() {
    DriftPolicy p = read("""
        max-missing-packages: 5
        max-newer-versions: unlimited
        settings-must-match: [sshd:permitrootlogin, "sysctl:net.ipv4.ip_forward"]
        """);

    assertThat(p).isEqualTo(new DriftPolicy(5, 0, DriftPolicy.UNLIMITED, 0, 0,
        Set.of("sshd:permitrootlogin", "sysctl:net.ipv4.ip_forward")));
  }

  @Test
  void anEmptyDocumentIsTheStrictPolicy() {
    assertThat(read("")).isEqualTo(DriftPolicy.strict());
  }

  @Test
  void anUnknownKeyOrABadLimitIsRefusedWithItsLine() {
    assertThatThrownBy(() -> read("max-missing-packages: 1\nmax-drift: 2\n")).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("drift.yaml").hasMessageContaining("line 2").hasMessageContaining("unknown key 'max-drift'");
    assertThatThrownBy(() -> read("max-older-versions: -1\n")).hasMessageContaining("line 1 (max-older-versions)")
        .hasMessageContaining("got '-1'");
  }
}
