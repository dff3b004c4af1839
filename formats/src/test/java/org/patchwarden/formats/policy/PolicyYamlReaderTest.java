package org.patchwarden.formats.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.assess.AssetAssumptions;
import org.patchwarden.assess.AssetContext;
import org.patchwarden.assess.Assessor;
import org.patchwarden.assess.Condition;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.assess.Exploitation;
import org.patchwarden.assess.KevStatus;
import org.patchwarden.assess.Policy;
import org.patchwarden.assess.Provenance;
import org.patchwarden.assess.Signals;
import org.patchwarden.assess.Sourced;
import org.patchwarden.assess.TacticReach;
import org.patchwarden.assess.TechnicalImpact;
import org.patchwarden.assess.TierRule;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.match.Confidence;

class PolicyYamlReaderTest {
  private static Policy fixture(String name) {
    try (InputStream in = PolicyYamlReaderTest.class.getResourceAsStream(name)) {
      return PolicyYamlReader.read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Policy yaml(String text) {
    return PolicyYamlReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "inline.yaml");
  }

  private static final String TAIL = """
        - id: T4
          name: track
          window_days: 180
      """;

  // ---- the shipped default

  @Test
  void theDefaultPolicyHasTheFiveDocumentedTiersAndWindows() {
    Policy p = PolicyYamlReader.defaultPolicy();
    assertThat(p.name()).isEqualTo("default");
    assertThat(p.ssvcTable()).isEqualTo("cisa:DT_CO:2.0.3");
    assertThat(p.assume()).isEqualTo(new AssetAssumptions(2, false, "production"));
    assertThat(p.tiers()).extracting(TierRule::id, TierRule::name, TierRule::windowDays).containsExactly(
        org.assertj.core.groups.Tuple.tuple("T0", "emergency", 2),
        org.assertj.core.groups.Tuple.tuple("T1", "critical", 7),
        org.assertj.core.groups.Tuple.tuple("T2", "high", 30),
        org.assertj.core.groups.Tuple.tuple("T3", "planned", 90),
        org.assertj.core.groups.Tuple.tuple("T4", "track", 180));
    assertThat(p.tiers().get(0).when()).isEqualTo(new Condition.All(List.of(new Condition.InKev(true),
        new Condition.Any(List.of(new Condition.InternetFacing(true), new Condition.TacticsAny(Set.of("TA0001")))))));
    assertThat(p.tiers().get(1).when()).isEqualTo(new Condition.Any(List.of(new Condition.InKev(true),
        new Condition.SsvcIn(Set.of("Act")),
        new Condition.All(List.of(new Condition.CvssMin(9.0), new Condition.EpssMin(0.5))))));
    assertThat(p.tiers().get(4).isDefault()).isTrue();
  }

  /** Signals as the collector would build them, with only what a tier rule looks at varied. */
  private static Signals signals(KevStatus kev, boolean internetFacing, List<TacticReach> tactics, Double cvss,
      Double epss, String fixedVersion) {
    return new Signals("h|deb|p|CVE-2024-0001", "h", "CVE-2024-0001", List.of("CVE-2024-0001"), Confidence.CONFIRMED,
        cvss == null ? null : new CvssScore("3.1", "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", cvss, cvss, "nvd@nist.gov",
            "CVE-2024-0001", true, ""),
        epss == null ? null : new EpssScore("CVE-2024-0001", epss, 0.5), kev, tactics,
        new Sourced<>(kev != null ? Exploitation.ACTIVE : Exploitation.NONE, Provenance.ASSUMED, "test"),
        new Sourced<>(false, Provenance.ASSUMED, "test"), new Sourced<>(TechnicalImpact.PARTIAL, Provenance.ASSUMED, "test"),
        fixedVersion, null, new AssetContext("h", "production", "ops", 3, internetFacing, true), List.of());
  }

  @Test
  void theDefaultPolicyPutsEachKindOfFindingInItsTier() {
    Assessor assessor = new Assessor(PolicyYamlReader.defaultPolicy(), null);
    LocalDate seen = LocalDate.parse("2025-08-27");
    KevStatus kev = new KevStatus("CVE-2024-0001", LocalDate.parse("2025-08-20"), LocalDate.parse("2025-09-10"), false,
        KevStatus.CATALOG);
    TacticReach initialAccess = new TacticReach("TA0001", "Initial Access", "T1190", "exploitation_technique",
        "CVE-2024-0001");
    TacticReach secondary = new TacticReach("TA0001", "Initial Access", "T1133", "secondary_impact", "CVE-2024-0001");
    assertThat(assessor.assess(signals(kev, true, List.of(), null, null, ""), seen).tier()).isEqualTo("T0");
    assertThat(assessor.assess(signals(kev, false, List.of(initialAccess), null, null, ""), seen).tier()).isEqualTo("T0");
    assertThat(assessor.assess(signals(kev, false, List.of(secondary), null, null, ""), seen).tier())
        .as("a secondary impact does not reach the tactic").isEqualTo("T1");
    assertThat(assessor.assess(signals(null, true, List.of(), 9.8, 0.6, ""), seen).tier()).isEqualTo("T1");
    assertThat(assessor.assess(signals(null, true, List.of(), 9.8, 0.4, ""), seen).tier()).isEqualTo("T2");
    assertThat(assessor.assess(signals(null, true, List.of(), 9.8, null, ""), seen).tier()).isEqualTo("T2");
    assertThat(assessor.assess(signals(null, true, List.of(), 6.9, null, "1.2"), seen).tier()).isEqualTo("T3");
    assertThat(assessor.assess(signals(null, true, List.of(), null, null, ""), seen).tier()).isEqualTo("T4");
    assertThat(assessor.assess(signals(null, true, List.of(), null, null, ""), seen).dueDate())
        .isEqualTo(LocalDate.parse("2026-02-23"));
  }

  @Test
  void theDocumentationShowsTheShippedPolicyAndEveryKeyTheReaderAccepts() throws IOException {
    String doc = Files.readString(Path.of("../docs/policy.md"));
    List<String> keys = new ArrayList<>();
    keys.addAll(PolicyYamlReader.TOP_KEYS);
    keys.addAll(PolicyYamlReader.ASSUME_KEYS);
    keys.addAll(PolicyYamlReader.TIER_KEYS);
    keys.addAll(PolicyYamlReader.CONDITION_KEYS);
    for (String key : keys) {
      assertThat(doc).as("docs/policy.md documents " + key).contains("| `" + key + "` |");
    }
    int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
    String shown = doc.substring(start, doc.indexOf("```", start));
    assertThat(yaml(shown)).isEqualTo(PolicyYamlReader.defaultPolicy());
  }

  @Test
  void everyConditionKeyIsReadIntoItsCondition() {
    Policy p = fixture("every-condition.yaml");
    assertThat(p.assume()).isEqualTo(new AssetAssumptions(3, true, "staging"));
    assertThat(p.tiers().get(0).when()).isEqualTo(new Condition.All(List.of(new Condition.InKev(true),
        new Condition.InternetFacing(true), new Condition.TacticsAny(Set.of("TA0001", "TA0008")))));
    assertThat(p.tiers().get(1).when()).isEqualTo(new Condition.All(List.of(
        new Condition.SsvcIn(Set.of("Act", "AT")),
        new Condition.Any(List.of(new Condition.CvssMin(9.5), new Condition.EpssMin(0.2),
            new Condition.EpssPercentileMin(0.95))))));
    assertThat(p.tiers().get(2).when()).isEqualTo(new Condition.All(List.of(
        new Condition.ExploitationIn(EnumSet.of(Exploitation.ACTIVE, Exploitation.POC)),
        new Condition.CriticalityMax(2), new Condition.EnvironmentIn(Set.of("production")),
        new Condition.FixAvailable(false))));
    assertThat(p.tiers().get(3)).isEqualTo(new TierRule("rest", "the rest", 365, Condition.always()));
  }

  @Test
  void aPolicyIsReadFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("site-policy.yaml");
    Files.writeString(file, "version: 1\nname: site\ntiers:\n" + TAIL);
    assertThat(PolicyYamlReader.read(file).name()).isEqualTo("site");
    assertThatThrownBy(() -> PolicyYamlReader.read(dir.resolve("missing.yaml")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.yaml");
  }

  // ---- bad input: file, key path with line, what was expected

  @Test
  void anUnknownKeyIsNamedWithItsPathAndTheKeysExpected() {
    assertThatThrownBy(() -> fixture("bad-unknown-key.yaml")).isInstanceOf(FeedFormatException.class)
        .hasMessage("bad-unknown-key.yaml at tiers[0].when.any[1].cvs_min (line 9): unknown key 'cvs_min'; expected "
            + "one of: in_kev, internet_facing, tactics_any, ssvc_in, cvss_min, epss_min, epss_percentile_min, "
            + "exploitation_in, criticality_max, environment_in, fix_available, any, all");
  }

  @Test
  void yesIsNotABoolean() {
    assertThatThrownBy(() -> fixture("bad-yes-as-boolean.yaml")).isInstanceOf(FeedFormatException.class)
        .hasMessage("bad-yes-as-boolean.yaml at tiers[0].when.in_kev (line 7): expected true or false, got 'yes'");
  }

  @Test
  void aliasesAreRefusedBeforeAnyExpansion() {
    assertThatThrownBy(() -> fixture("bad-billion-laughs.yaml")).isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("bad-billion-laughs.yaml at line 3").hasMessageContaining("alias *a refused");
  }

  @Test
  void theDefaultTierTakesNoCondition() {
    assertThatThrownBy(() -> fixture("bad-default-tier-with-condition.yaml")).isInstanceOf(FeedFormatException.class)
        .hasMessage("bad-default-tier-with-condition.yaml at tiers[1].when (line 11): the last tier is the default: "
            + "it takes no 'when'");
  }

  @Test
  void aCvssThresholdOutOfRangeIsRefusedWithTheRange() {
    assertThatThrownBy(() -> fixture("bad-cvss-out-of-range.yaml")).isInstanceOf(FeedFormatException.class)
        .hasMessage("bad-cvss-out-of-range.yaml at tiers[0].when.cvss_min (line 7): expected a number from 0 to 10, "
            + "got '11'");
  }

  @Test
  void aTierBeforeTheLastWithoutConditionIsRefused() {
    assertThatThrownBy(() -> yaml("version: 1\ntiers:\n  - id: T0\n    name: e\n    window_days: 2\n" + TAIL))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("inline.yaml at tiers[0] (line 3): missing 'when': only the last tier, the default, has none");
  }

  @Test
  void duplicateTierIdsAreNamedWithTheFirstUse() {
    assertThatThrownBy(() -> yaml("version: 1\ntiers:\n  - id: T4\n    name: e\n    window_days: 2\n"
        + "    when: {in_kev: true}\n" + TAIL)).isInstanceOf(FeedFormatException.class)
        .hasMessage("inline.yaml at tiers[1].id (line 7): 'T4' is already the id of tiers[0]");
  }

  @Test
  void valuesOfListConditionsAreCheckedOneByOne() {
    String head = "version: 1\ntiers:\n  - id: T0\n    name: e\n    window_days: 2\n    when:\n";
    assertThatThrownBy(() -> yaml(head + "      tactics_any: [TA0001, T1190]\n" + TAIL))
        .hasMessage("inline.yaml at tiers[0].when.tactics_any[1] (line 7): expected ATT&CK tactic ids such as TA0001 "
            + "(Initial Access); got 'T1190'");
    assertThatThrownBy(() -> yaml(head + "      ssvc_in: Urgent\n" + TAIL))
        .hasMessage("inline.yaml at tiers[0].when.ssvc_in (line 7): expected SSVC outcomes: Track, Track*, Attend, "
            + "Act, T, T*, AT, AC; got 'Urgent'");
    assertThatThrownBy(() -> yaml(head + "      exploitation_in: [weaponized]\n" + TAIL))
        .hasMessageContaining("tiers[0].when.exploitation_in[0] (line 7): expected exploitation states: none, poc, "
            + "active; got 'weaponized'");
    assertThatThrownBy(() -> yaml(head + "      epss_min: 0.5.1\n" + TAIL))
        .hasMessageContaining("tiers[0].when.epss_min (line 7): expected a number from 0 to 1, got '0.5.1'");
    assertThatThrownBy(() -> yaml(head + "      criticality_max: 1.5\n" + TAIL))
        .hasMessageContaining("criticality_max (line 7): expected a whole number from 1 to 4, got '1.5'");
    assertThatThrownBy(() -> yaml(head + "      any: []\n" + TAIL))
        .hasMessageContaining("tiers[0].when.any (line 7): expected a list of at least one condition map");
    assertThatThrownBy(() -> yaml(head + "      {}\n" + TAIL))
        .hasMessageContaining("tiers[0].when (line 6): expected at least one condition");
    assertThatThrownBy(() -> yaml(head + "      environment_in: {production: true}\n" + TAIL))
        .hasMessageContaining("tiers[0].when.environment_in (line 7): expected a list, got a map");
  }

  @Test
  void missingOrWrongTopLevelKeysAreNamed() {
    assertThatThrownBy(() -> yaml("tiers:\n" + TAIL)).isInstanceOf(FeedFormatException.class)
        .hasMessage("inline.yaml at version (line 1): missing required key 'version'");
    assertThatThrownBy(() -> yaml("version: 2\ntiers:\n" + TAIL))
        .hasMessage("inline.yaml at version (line 1): expected 1 (the only policy format version), got '2'");
    assertThatThrownBy(() -> yaml("version: 1\n")).hasMessage("inline.yaml at tiers (line 1): missing required key 'tiers'");
    assertThatThrownBy(() -> yaml("version: 1\ntiers: []\n"))
        .hasMessage("inline.yaml at tiers (line 2): expected 1 to 32 tiers, got 0");
    assertThatThrownBy(() -> yaml("version: 1\ntier:\n" + TAIL)).hasMessageContaining("unknown key 'tier'; expected "
        + "one of: version, name, ssvc_table, assume, tiers");
    assertThatThrownBy(() -> yaml("version: 1\nassume: {criticality: 0}\ntiers:\n" + TAIL))
        .hasMessage("inline.yaml at assume.criticality (line 2): expected a whole number from 1 to 4, got '0'");
    assertThatThrownBy(() -> yaml("version: 1\ntiers:\n  - id: T4\n    name: track\n"))
        .hasMessage("inline.yaml at tiers[0].window_days (line 3): missing required key 'window_days'");
    assertThatThrownBy(() -> yaml("- just\n- a list\n"))
        .hasMessage("inline.yaml at document (line 1): expected a map of keys, got a list");
  }

  @Test
  void brokenYamlEmptyDocumentsDuplicateKeysAndSecondDocumentsAreRefused() {
    assertThatThrownBy(() -> yaml("")).isInstanceOf(FeedFormatException.class).hasMessageContaining("empty document");
    assertThatThrownBy(() -> yaml("version: 1\ntiers: [\n")).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("malformed YAML");
    assertThatThrownBy(() -> yaml("version: 1\nversion: 1\ntiers:\n" + TAIL)).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("line 2").hasMessageContaining("Duplicate field 'version'");
    assertThatThrownBy(() -> yaml("version: 1\ntiers:\n" + TAIL + "---\nversion: 1\n"))
        .isInstanceOf(FeedFormatException.class).hasMessageContaining("a second YAML document");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedSayingTheLimit() {
    String big = "version: 1\n# " + "x".repeat(PolicyYamlReader.MAX_BYTES) + "\ntiers:\n" + TAIL;
    assertThatThrownBy(() -> yaml(big)).isInstanceOf(FeedFormatException.class)
        .hasMessage("inline.yaml at file: larger than 262144 bytes, the limit for a policy");
  }

  @Test
  void conditionsNestedTooDeeplyAreRefused() {
    StringBuilder y = new StringBuilder("version: 1\ntiers:\n  - id: T0\n    name: e\n    window_days: 2\n    when:\n");
    String indent = "      ";
    for (int i = 0; i < 20; i++) {
      y.append(indent).append("any:\n").append(indent).append("  - ");
      indent += "    ";
      y.append("\n");
    }
    y.append(indent).append("in_kev: true\n").append(TAIL);
    assertThatThrownBy(() -> yaml(y.toString())).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("conditions nested deeper than 16 levels");
    String deep = "version: 1\nx: " + "[".repeat(200) + "]".repeat(200) + "\ntiers:\n" + TAIL;
    assertThatThrownBy(() -> yaml(deep)).isInstanceOf(FeedFormatException.class).hasMessageContaining("deeper");
  }
}
