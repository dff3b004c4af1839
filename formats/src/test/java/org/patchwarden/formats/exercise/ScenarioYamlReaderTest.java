package org.patchwarden.formats.exercise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.patchwarden.exercise.Scenario;
import org.patchwarden.exercise.ScenarioEvent;
import org.patchwarden.feed.FeedFormatException;

class ScenarioYamlReaderTest {
  private static Scenario read(String yaml) {
    return ScenarioYamlReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "s.yaml");
  }

  @Test
  void theShippedKevScenarioReadsWithItsEventsAndTheirLines() throws Exception {
    Scenario s;
    try (InputStream in = getClass().getResourceAsStream("/exercise/kev-delayed-firewall.yaml")) {
      s = ScenarioYamlReader.read(in, "kev-delayed-firewall.yaml");
    }

    assertThat(s.name()).isEqualTo("kev-delayed-firewall");
    assertThat(s.days()).isEqualTo(30);
    assertThat(s.seed()).isEqualTo(3L);
    assertThat(s.cves()).containsExactly("CVE-2026-0300", "CVE-2026-42208", "CVE-2026-6973");
    assertThat(s.process().approvals()).isEqualTo(1);
    assertThat(s.process().verifyHours()).isEqualTo(24);
    assertThat(s.events()).hasSize(5);
    assertThat(s.events().get(0)).isEqualTo(new ScenarioEvent.KevAdded("kev-delayed-firewall.yaml line 17",
        "CVE-2026-0300", 0, null));
    assertThat(s.events().get(3)).isInstanceOfSatisfying(ScenarioEvent.PatchDelayed.class, p -> {
      assertThat(p.assets().tags()).containsExactly("edge");
      assertThat(p.days()).isEqualTo(10);
    });
    assertThat(s.events().get(4)).isInstanceOfSatisfying(ScenarioEvent.VerificationFails.class, v -> {
      assertThat(v.probability()).isEqualTo(0.2);
      assertThat(v.revertDays()).isEqualTo(2);
    });
  }

  @Test
  void anUnknownEventIsRefusedWithItsPathAndLine() {
    assertThatThrownBy(() -> read("version: 1\nname: x\ndays: 3\ncves: [CVE-2026-0300]\nevents:\n"
        + "  - kev_removed: {cve: CVE-2026-0300, day: 1}\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("s.yaml at events[0] (line 6): unknown event 'kev_removed'");
  }

  @Test
  void aProbabilityAboveOneIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> read("version: 1\nname: x\ndays: 3\ncves: [CVE-2026-0300]\nevents:\n"
        + "  - verification_fails:\n      tags: [mdm]\n      probability: 1.5\n"))
        .hasMessage("s.yaml at events[0].verification_fails.probability (line 8): expected a probability 0 to 1"
            + " (or 0% to 100%), got '1.5'");
  }

  @Test
  void aMalformedCveIdIsRefused() {
    assertThatThrownBy(() -> read("version: 1\nname: x\ndays: 3\ncves: [log4shell]\n"))
        .hasMessage("s.yaml at cves[0] (line 4): expected a CVE id such as CVE-2026-0300, got 'log4shell'");
  }

  @Test
  void theFleetIsTheDemoUnlessTheScenarioNamesTheStore() {
    assertThat(read("version: 1\nname: x\ndays: 3\ncves: [CVE-2026-0300]\n").fleet()).isEqualTo(Scenario.Fleet.DEMO);
    assertThat(read("version: 1\nname: x\nfleet: store\ndays: 3\ncves: [CVE-2026-0300]\n").fleet())
        .isEqualTo(Scenario.Fleet.STORE);
    assertThatThrownBy(() -> read("version: 1\nname: x\nfleet: prod\ndays: 3\ncves: [CVE-2026-0300]\n"))
        .hasMessageContaining("s.yaml at fleet (line 3): expected demo (the bundled snapshot's fleet and feeds) or"
            + " store (those of the store the command runs against), got 'prod'");
  }

  @Test
  void aScenarioForAnyStoreChoosesTopCvesAndSelectsAllAssets() {
    Scenario s = read("version: 1\nname: x\nfleet: store\ndays: 3\ncves: {top: 4}\nevents:\n"
        + "  - rescan_every: {all: true, every_days: 7}\n");

    assertThat(s.cves()).isEmpty();
    assertThat(s.top()).isEqualTo(4);
    assertThat(s.events().get(0)).isInstanceOfSatisfying(ScenarioEvent.RescanEvery.class,
        r -> assertThat(r.assets().all()).isTrue());
  }

  @Test
  void aKevEventIsRefusedWhenTheCvesAreChosenAtRunTime() {
    assertThatThrownBy(() -> read("version: 1\nname: x\ndays: 3\ncves: {top: 2}\nevents:\n"
        + "  - kev_added: {cve: CVE-2026-0300, day: 0}\n"))
        .hasMessageStartingWith("s.yaml at events[0].kev_added (line 6): names a CVE, but cves: {top: 2} chooses them");
    assertThatThrownBy(() -> read("version: 1\nname: x\ndays: 3\ncves: {top: 0}\n"))
        .hasMessage("s.yaml at cves.top (line 4): expected 1 to 20, got 0");
  }

  @Test
  void anEventWithoutAssetsIsRefused() {
    assertThatThrownBy(() -> read("version: 1\nname: x\ndays: 3\ncves: [CVE-2026-0300]\nevents:\n"
        + "  - patch_delayed: {days: 4}\n"))
        .hasMessage("s.yaml at events[0].patch_delayed (line 6): name the assets it concerns: assets, tags or teams (lists),"
            + " or all: true");
  }

  @Test
  void aFileOverTheLimitIsRefusedUnread() {
    byte[] big = new byte[ScenarioYamlReader.MAX_BYTES + 10];
    java.util.Arrays.fill(big, (byte) '#');
    assertThatThrownBy(() -> ScenarioYamlReader.read(new ByteArrayInputStream(big), "big.yaml"))
        .hasMessage("big.yaml at file: larger than 65536 bytes, the limit for a scenario");
  }
}
