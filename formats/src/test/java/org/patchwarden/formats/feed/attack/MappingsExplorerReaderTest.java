package org.patchwarden.formats.feed.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.advisory.AttackMapping;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;

class MappingsExplorerReaderTest {

  private static final String MOBILE = "mobile/kev-07.28.2025_attack-16.1-mobile.json";
  private static final String ENTERPRISE = "enterprise/kev-07.28.2025_attack-16.1-enterprise-first40.json";
  // The enterprise file's first mapping object, exactly as written there.
  private static final String FIRST = "\"capability_id\": \"CVE-2024-34102\"";

  private static Path resource(String name) throws Exception {
    return Path.of(MappingsExplorerReaderTest.class.getResource("/feed/attack/mappings-explorer/" + name).toURI());
  }

  private static String text(String name) throws Exception {
    return Files.readString(resource(name));
  }

  private static List<AttackMapping> read(String json) {
    List<AttackMapping> out = new ArrayList<>();
    new MappingsExplorerReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json")
        .drainTo(out::add);
    return out;
  }

  @Test
  void readsTheRealMobileKevMappingsWithTheirVersion() throws Exception {
    List<AttackMapping> out = new ArrayList<>();
    FeedHeader header;
    try (InputStream in = Files.newInputStream(resource(MOBILE))) {
      header = new MappingsExplorerReader(in, MOBILE).drainTo(out::add);
    }
    assertThat(header).isEqualTo(new FeedHeader("kev-2025-07-28@attack-16.1", Instant.parse("2025-08-28T00:00:00Z")));
    assertThat(out).hasSize(45);
    assertThat(out.getFirst()).isEqualTo(new AttackMapping("CVE-2021-38000", "T1660", "exploitation_technique", "16.1"));
    assertThat(out.getLast()).isEqualTo(new AttackMapping("CVE-2022-38181", "T1660", "exploitation_technique", "16.1"));
    assertThat(out).filteredOn(m -> m.mappingType().equals("primary_impact")).hasSize(15);
    assertThat(out).filteredOn(m -> m.mappingType().equals("secondary_impact")).hasSize(13);
  }

  @Test
  void readsADirectoryOfMappingFilesInSortedOrder() throws Exception {
    List<AttackMapping> out = new ArrayList<>();
    FeedHeader header = new MappingsExplorerReader(resource("")).drainTo(out::add);
    assertThat(header.version()).isEqualTo("kev-2025-07-28@attack-16.1");
    assertThat(out).hasSize(40 + 45);
    // enterprise/ sorts before mobile/.
    assertThat(out.subList(0, 3)).containsExactly(
        new AttackMapping("CVE-2024-34102", "T1190", "exploitation_technique", "16.1"),
        new AttackMapping("CVE-2024-34102", "T1059", "primary_impact", "16.1"),
        new AttackMapping("CVE-2024-34102", "T1005", "secondary_impact", "16.1"));
    assertThat(out.get(40).cveId()).isEqualTo("CVE-2021-38000");
  }

  @Test
  void skipsMappingsThatAreNotCompleteOrNameNoTechnique() throws Exception {
    String real = text(ENTERPRISE);
    String inProgress = real.replaceFirst("\"status\": \"complete\"", "\"status\": \"in_progress\"");
    assertThat(read(inProgress)).hasSize(39).doesNotContain(
        new AttackMapping("CVE-2024-34102", "T1190", "exploitation_technique", "16.1"));
    String nonMappable = real.replaceFirst("\"attack_object_id\": \"T1190\"", "\"attack_object_id\": null");
    assertThat(read(nonMappable)).hasSize(39);
    String noStatus = real.replaceFirst("\"status\": \"complete\",", "");
    assertThat(noStatus).isNotEqualTo(real);
    assertThat(read(noStatus)).hasSize(40); // status is optional in the schema
  }

  @Test
  void takesAMappingsOwnAttackVersionOverTheMetadatas() throws Exception {
    String real = text(ENTERPRISE);
    List<AttackMapping> out = read(real.replaceFirst(FIRST, FIRST + ", \"attack_version\": \"15.1\""));
    assertThat(out.getFirst().attackVersion()).isEqualTo("15.1");
    assertThat(out.get(1).attackVersion()).isEqualTo("16.1");
  }

  @Test
  void refusesAnUnknownStatusOrUndeclaredMappingType() throws Exception {
    String real = text(ENTERPRISE);
    assertThatThrownBy(() -> read(real.replaceFirst("\"status\": \"complete\"", "\"status\": \"done\"")))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.json at mapping_objects[0] (CVE-2024-34102).status: unknown status 'done'");
    assertThatThrownBy(() -> read(real.replaceFirst("\"mapping_type\": \"exploitation_technique\"",
        "\"mapping_type\": \"mitigates\"")))
        .hasMessage("test.json at mapping_objects[0] (CVE-2024-34102).mapping_type: 'mitigates' is not among the "
            + "metadata's mapping_types [exploitation_technique, primary_impact, secondary_impact, uncategorized]");
  }

  @Test
  void refusesNonCveCapabilitiesAndBadTechniqueIds() throws Exception {
    String real = text(ENTERPRISE);
    assertThatThrownBy(() -> read(real.replaceFirst(FIRST, "\"capability_id\": \"AC-2\"")))
        .hasMessage("test.json at mapping_objects[0] (AC-2): capability_id 'AC-2' is not a CVE identifier "
            + "(only CVE mapping projects such as KEV are read)");
    assertThatThrownBy(() -> read(real.replaceFirst("\"attack_object_id\": \"T1190\"", "\"attack_object_id\": \"TA0001\"")))
        .hasMessage("test.json at mapping_objects[0] (CVE-2024-34102).attack_object_id: "
            + "'TA0001' is not an ATT&CK technique id");
  }

  @Test
  void namesAMissingMappingType() throws Exception {
    String real = text(ENTERPRISE);
    String noType = real.replaceFirst("\"mapping_type\": \"exploitation_technique\",", "");
    assertThatThrownBy(() -> read(noType))
        .hasMessage("test.json at mapping_objects[0] (CVE-2024-34102): missing mapping_type");
  }

  @Test
  void refusesFilesWithoutMetadataOrWithMetadataAfterTheMappings() {
    assertThatThrownBy(() -> read("{\"mapping_objects\": []}"))
        .hasMessage("test.json at mapping_objects: comes before metadata; expected metadata first");
    assertThatThrownBy(() -> read("{\"other\": 1}"))
        .hasMessage("test.json at metadata: missing; is this a Mappings Explorer file?");
    assertThatThrownBy(() -> read("{\"metadata\": {\"attack_version\": \"16.1\", \"mapping_framework\": \"kev\"}}"))
        .hasMessage("test.json at metadata: missing mapping_framework_version");
  }

  @Test
  void refusesAKevCatalogGivenAsMappings() throws Exception {
    String kev;
    try (InputStream in = getClass().getResourceAsStream("/feed/kev/kev-2025-08-25.json")) {
      kev = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThatThrownBy(() -> read(kev))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.json at metadata: missing; is this a Mappings Explorer file?");
  }

  @Test
  void refusesATruncatedFile() throws Exception {
    String real = text(MOBILE);
    assertThatThrownBy(() -> read(real.substring(0, real.length() / 2)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.json at line ")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void refusesABadUpdateDate() throws Exception {
    String real = text(MOBILE).replace("\"last_update\": \"08/28/2025\"", "\"last_update\": \"2025-08-28\"");
    assertThatThrownBy(() -> read(real))
        .hasMessage("test.json at metadata.last_update: '2025-08-28' is not a MM/DD/YYYY date");
  }

  @Test
  void refusesADirectoryMixingMappingReleases(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.json"), text(MOBILE));
    Files.writeString(dir.resolve("b.json"), text(MOBILE).replace("\"attack_version\": \"16.1\"", "\"attack_version\": \"17.1\""));
    assertThatThrownBy(() -> new MappingsExplorerReader(dir).drainTo(m -> { }))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(dir.resolve("b.json") + " at metadata: mapping set kev-2025-07-28@attack-17.1 differs from "
            + "kev-2025-07-28@attack-16.1 of " + dir.resolve("a.json") + "; one snapshot must hold one mapping release");
  }

  @Test
  void refusesAnEmptyDirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> new MappingsExplorerReader(dir).drainTo(m -> { }))
        .hasMessage(dir + " at metadata: no mappings file found");
  }
}
