package org.patchwarden.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.feed.debian.DebianSecurityListReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.MatchResult;

class DebsecanComparisonTest {
  private static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");

  @Test
  void debsecansSimpleFormatGivesOneTriplePerLine() {
    assertThat(DebsecanComparison.parseSimpleFormat("host-00001", "CVE-2022-43680 libexpat1\nCVE-2022-43680 expat\n"))
        .containsExactly(new DebsecanComparison.Triple("host-00001", "CVE-2022-43680", "libexpat1"),
            new DebsecanComparison.Triple("host-00001", "CVE-2022-43680", "expat"));
    assertThat(DebsecanComparison.parseSimpleFormat("host-00001", "")).isEmpty();
  }

  @Test
  void outputThatIsNotTheSimpleFormatIsRejectedWithHostAndLine() {
    assertThatThrownBy(() -> DebsecanComparison.parseSimpleFormat("host-00007",
        "CVE-2022-43680 libexpat1\nerror: while downloading file:///x/bullseye:\n"))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("host-00007").hasMessageContaining("line 2")
        .hasMessageContaining("error: while downloading");
  }

  @Test
  void patchwardensFindingsBecomeOneTriplePerCveAndInstalledBinary() throws IOException {
    List<AdvisoryRecord> records = new ArrayList<>();
    String list = "/debsecan/dsa-bullseye-expat-chromium-libpgjava.list";
    try (InputStream in = getClass().getResourceAsStream(list)) {
      new DebianSecurityListReader(in, list, "debian-dsa").drainTo(records::add);
    }
    AdvisoryIndex.Builder b = AdvisoryIndex.builder();
    records.forEach(r -> b.add(r.source(), r));
    Inventory host = new Inventory("host-00000", 1, Instant.EPOCH, BULLSEYE, List.of(
        // one below DSA-5266-1's fix, one at DSA-5196-1's fix
        new InstalledPackage("deb", "libexpat1", "2.2.10-2+deb11u4", "expat", "", "amd64", ""),
        new InstalledPackage("deb", "libpostgresql-jdbc-java", "42.2.15-1+deb11u1", "libpgjava", "", "all", "")));
    MatchResult result = new FleetMatcher(b.build()).match(List.of(host));

    assertThat(DebsecanComparison.patchwardenTriples(result.findings(), "Debian:11"))
        .containsExactly(new DebsecanComparison.Triple("host-00000", "CVE-2022-43680", "libexpat1"));
    assertThat(DebsecanComparison.patchwardenTriples(result.findings(), "Debian:10")).isEmpty();
  }
}
