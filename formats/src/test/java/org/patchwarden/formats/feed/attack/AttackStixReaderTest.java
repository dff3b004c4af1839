package org.patchwarden.formats.feed.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AttackObject;
import org.patchwarden.advisory.AttackTactic;
import org.patchwarden.advisory.AttackTechnique;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;

class AttackStixReaderTest {

  private static final String TACTIC_FILE =
      "mitre-cti/enterprise-attack/x-mitre-tactic/x-mitre-tactic--2558fd61-8c75-4730-94c4-11926db2a263.json";
  private static final String T1190_FILE =
      "mitre-cti/enterprise-attack/attack-pattern/attack-pattern--3f886f2a-874f-4333-b794-aa6075009b1c.json";

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(AttackStixReaderTest.class.getResource("/feed/attack/" + name).toURI());
  }

  private static String text(String name) throws Exception {
    return Files.readString(resource(name));
  }

  private static List<AttackObject> read(String json) {
    List<AttackObject> out = new ArrayList<>();
    new AttackStixReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json").drainTo(out::add);
    return out;
  }

  private static <T> List<T> only(List<AttackObject> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void readsMitreCtisOneObjectPerFileLayoutInSortedOrder() throws Exception {
    List<AttackObject> out = new ArrayList<>();
    FeedHeader header = new AttackStixReader(resource("mitre-cti/enterprise-attack")).drainTo(out::add);
    // mitre/cti has no x-mitre-collection: no release label, the loader hashes the content.
    assertThat(header).isEqualTo(new FeedHeader("", null));
    assertThat(out).hasSize(20);
    List<AttackTactic> tactics = only(out, AttackTactic.class);
    assertThat(tactics).hasSize(14).allSatisfy(t -> assertThat(t.domain()).isEqualTo("enterprise-attack"));
    assertThat(tactics).contains(
        new AttackTactic("TA0001", "initial-access", "Initial Access", "enterprise-attack"),
        new AttackTactic("TA0006", "credential-access", "Credential Access", "enterprise-attack"),
        new AttackTactic("TA0040", "impact", "Impact", "enterprise-attack"));
    // attack-pattern/ sorts before x-mitre-tactic/, and files by name within it.
    assertThat(out.getFirst()).isEqualTo(new AttackTechnique("T1055.011", "Extra Window Memory Injection",
        List.of("defense-evasion", "privilege-escalation"), false, false, "enterprise-attack"));
    assertThat(out).contains(
        new AttackTechnique("T1190", "Exploit Public-Facing Application", List.of("initial-access"), false, false,
            "enterprise-attack"),
        new AttackTechnique("T1059", "Command and Scripting Interpreter", List.of("execution"), false, false,
            "enterprise-attack"),
        new AttackTechnique("T1059.001", "PowerShell", List.of("execution"), false, false, "enterprise-attack"),
        new AttackTechnique("T1066", "Indicator Removal from Tools", List.of("defense-evasion"), true, false,
            "enterprise-attack"),
        new AttackTechnique("T1153", "Source", List.of("execution"), false, true, "enterprise-attack"));
    assertThat(only(out, AttackTechnique.class)).filteredOn(AttackTechnique::subTechnique)
        .extracting(AttackTechnique::id).containsExactlyInAnyOrder("T1055.011", "T1059.001");
  }

  @Test
  void readsAStix21BundleWithItsAttackVersionAndSkipsOtherObjectTypes() throws Exception {
    List<AttackObject> out = new ArrayList<>();
    FeedHeader header;
    try (InputStream in = Files.newInputStream(resource("attack-stix-data/ics-attack/ics-attack-18.1-slice.json"))) {
      header = new AttackStixReader(in, "ics-attack-18.1-slice.json").drainTo(out::add);
    }
    assertThat(header).isEqualTo(new FeedHeader("18.1", Instant.parse("2025-11-13T14:00:00.188Z")));
    // The slice also holds relationships, malware, assets, mitigations, identity, marking: skipped.
    assertThat(out).hasSize(16);
    List<AttackTactic> tactics = only(out, AttackTactic.class);
    assertThat(tactics).hasSize(12).contains(
        new AttackTactic("TA0108", "initial-access", "Initial Access", "ics-attack"),
        new AttackTactic("TA0107", "inhibit-response-function", "Inhibit Response Function", "ics-attack"));
    assertThat(only(out, AttackTechnique.class)).containsExactly(
        // Deprecated ICS objects cite source "mitre-ics-attack" and kill chain "mitre-ics-attack".
        new AttackTechnique("T0850", "Role Identification", List.of("collection"), false, true, "ics-attack"),
        new AttackTechnique("T0819", "Exploit Public-Facing Application", List.of("initial-access"), false, false,
            "ics-attack"),
        new AttackTechnique("T0866", "Exploitation of Remote Services", List.of("initial-access", "lateral-movement"),
            false, false, "ics-attack"),
        new AttackTechnique("T0883", "Internet Accessible Device", List.of("initial-access"), false, false,
            "ics-attack"));
  }

  @Test
  void readsTheSameBundleGivenAsAPath() throws Exception {
    List<AttackObject> byPath = new ArrayList<>();
    FeedHeader header = new AttackStixReader(resource("attack-stix-data/ics-attack/ics-attack-18.1-slice.json"))
        .drainTo(byPath::add);
    assertThat(header.version()).isEqualTo("18.1");
    assertThat(byPath).hasSize(16);
  }

  @Test
  void doesNotOpenTheDirectoriesOfUnusedObjectTypes(@TempDir Path dir) throws Exception {
    Path tactics = Files.createDirectories(dir.resolve("enterprise-attack/x-mitre-tactic"));
    Files.copy(resource(TACTIC_FILE), tactics.resolve("tactic.json"));
    Path relationships = Files.createDirectories(dir.resolve("enterprise-attack/relationship"));
    Files.writeString(relationships.resolve("relationship--1.json"), "not even JSON");
    Files.writeString(tactics.resolve("README.md"), "not a .json file");
    List<AttackObject> out = new ArrayList<>();
    new AttackStixReader(dir).drainTo(out::add);
    assertThat(out).containsExactly(
        new AttackTactic("TA0006", "credential-access", "Credential Access", "enterprise-attack"));
  }

  @Test
  void namesTheFileOfABrokenBundleInADirectory(@TempDir Path dir) throws Exception {
    Path patterns = Files.createDirectories(dir.resolve("enterprise-attack/attack-pattern"));
    Files.copy(resource(T1190_FILE), patterns.resolve("a.json"));
    String real = text(T1190_FILE);
    Files.writeString(patterns.resolve("b.json"), real.substring(0, real.length() / 2));
    List<AttackObject> out = new ArrayList<>();
    assertThatThrownBy(() -> new AttackStixReader(dir).drainTo(out::add))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith(patterns.resolve("b.json") + " at line ")
        .hasMessageContaining("malformed JSON");
    assertThat(out).hasSize(1); // a.json was read first: sorted order
  }

  @Test
  void refusesATruncatedBundle() throws Exception {
    String real = text("attack-stix-data/ics-attack/ics-attack-18.1-slice.json");
    assertThatThrownBy(() -> read(real.substring(0, real.length() - 300)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.json at line ")
        .hasMessageContaining("malformed JSON: Unexpected end-of-input");
  }

  @Test
  void refusesDocumentsThatAreNotStixBundles() throws Exception {
    String mappings = text("mappings-explorer/mobile/kev-07.28.2025_attack-16.1-mobile.json");
    assertThatThrownBy(() -> read(mappings))
        .hasMessage("test.json at objects: missing; is this a STIX bundle?");
    assertThatThrownBy(() -> read("[]"))
        .hasMessage("test.json at line 1, column 1: expected a JSON object (a STIX bundle)");
    assertThatThrownBy(() -> read("{\"type\": \"attack-pattern\", \"objects\": []}"))
        .hasMessage("test.json at type: expected \"bundle\", found attack-pattern");
    assertThatThrownBy(() -> read("{\"type\": \"bundle\", \"objects\": {}}"))
        .hasMessage("test.json at objects: expected an array");
  }

  @Test
  void namesTheObjectThatLacksItsAttackIdOrShortName() throws Exception {
    String technique = text(T1190_FILE);
    String noId = technique.replace("\"source_name\": \"mitre-attack\"", "\"source_name\": \"capec\"");
    assertThatThrownBy(() -> read(noId))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.json at objects[0] (attack-pattern--3f886f2a-874f-4333-b794-aa6075009b1c).external_references: "
            + "no reference with source_name mitre-attack and an external_id");
    String badId = technique.replace("\"external_id\": \"T1190\"", "\"external_id\": \"TA0001\"");
    assertThatThrownBy(() -> read(badId))
        .hasMessageEndingWith(".external_references: 'TA0001' is not a technique id");
    String tactic = text(TACTIC_FILE).replace("\"x_mitre_shortname\": \"credential-access\"", "\"x\": 1");
    assertThatThrownBy(() -> read(tactic))
        .hasMessage("test.json at objects[0] (x-mitre-tactic--2558fd61-8c75-4730-94c4-11926db2a263): "
            + "missing x_mitre_shortname");
  }

  @Test
  void refusesWrongTypesForFlagsAndDomains() throws Exception {
    String technique = text(T1190_FILE);
    assertThatThrownBy(() -> read(technique.replace("\"x_mitre_deprecated\": false", "\"x_mitre_deprecated\": \"no\"")))
        .hasMessageEndingWith("(attack-pattern--3f886f2a-874f-4333-b794-aa6075009b1c).x_mitre_deprecated: "
            + "expected true or false");
    String noDomain = technique.replace("\"x_mitre_domains\": [\n                \"enterprise-attack\"\n            ],", "");
    assertThat(noDomain).isNotEqualTo(technique);
    assertThatThrownBy(() -> read(noDomain))
        .hasMessageEndingWith("no x_mitre_domains, and the bundle names no domain (matrix)");
  }

  @Test
  void refusesABadCollectionDate() throws Exception {
    String bundle = text("attack-stix-data/ics-attack/ics-attack-18.1-slice.json")
        .replace("\"modified\": \"2025-11-13T14:00:00.188Z\"", "\"modified\": \"13 Nov 2025\"");
    assertThatThrownBy(() -> read(bundle))
        .hasMessage("test.json at objects[0] (x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09).modified: "
            + "'13 Nov 2025' is not an ISO-8601 instant");
  }

  @Test
  void refusesTwoReleasesInOneDirectory(@TempDir Path dir) throws Exception {
    String bundle = text("attack-stix-data/ics-attack/ics-attack-18.1-slice.json");
    Files.writeString(dir.resolve("a.json"), bundle);
    Files.writeString(dir.resolve("b.json"), bundle.replace("\"x_mitre_version\": \"18.1\"", "\"x_mitre_version\": \"17.0\""));
    assertThatThrownBy(() -> new AttackStixReader(dir).drainTo(o -> { }))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith(dir.resolve("b.json") + " at objects[0]")
        .hasMessageContaining("ATT&CK version 17.0 differs from 18.1 declared by " + dir.resolve("a.json"));
  }

  @Test
  void refusesAbsurdlyDeepNesting() {
    String deep = "{\"type\":\"bundle\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"objects\":[]}";
    assertThatThrownBy(() -> read(deep)).isInstanceOf(FeedFormatException.class).hasMessageContaining("nesting depth");
  }

  @Test
  void reportsAnUnreadableDirectoryAsAnIoError() {
    Path missing = Path.of("/nonexistent/enterprise-attack");
    assertThatThrownBy(() -> new AttackStixReader(missing).drainTo(o -> { }))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("/nonexistent/enterprise-attack");
  }
}
