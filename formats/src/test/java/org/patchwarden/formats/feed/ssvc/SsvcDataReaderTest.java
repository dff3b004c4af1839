package org.patchwarden.formats.feed.ssvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;
import org.patchwarden.ssvc.SsvcObject;

class SsvcDataReaderTest {

  private static final String DEPLOYER = "json/decision_tables/ssvc/deployer_patch_application_priority_1_0_0.json";
  private static final String COORDINATOR = "json/decision_tables/cisa/cisa_coordinator_2_0_3.json";
  private static final String EXPLOITATION = "json/decision_points/ssvc/exploitation_1_1_0.json";

  private static Path data() throws Exception {
    return Path.of(SsvcDataReaderTest.class.getResource("/feed/ssvc/data").toURI());
  }

  private static List<SsvcObject> read(Path root) {
    List<SsvcObject> out = new ArrayList<>();
    FeedHeader header = new SsvcDataReader(root).drainTo(out::add);
    assertThat(header).isEqualTo(new FeedHeader("", null));
    return out;
  }

  /** A copy of the real slice in {@code dir}, with one file replaced by {@code content}. */
  private static Path copyWith(Path dir, String file, String content) throws Exception {
    Path source = data();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = dir.resolve(source.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
    if (file != null) {
      Files.writeString(dir.resolve(file), content);
    }
    return dir;
  }

  private static String text(String file) throws Exception {
    return Files.readString(data().resolve(file));
  }

  @Test
  void readsTheDecisionPointsThenTheTablesOfTheRealData() throws Exception {
    List<SsvcObject> out = read(data());
    // 8 decision point files, then 2 tables; schema/, csv/ and LICENSE are not read.
    assertThat(out).extracting(SsvcObject::ref).containsExactly(
        "cisa:CISA:1.1.0", "ssvc:A:2.0.0", "ssvc:DSOI:1.0.0", "ssvc:E:1.1.0", "ssvc:HI:2.0.2", "ssvc:MWI:1.0.0",
        "ssvc:EXP:1.0.1", "ssvc:TI:1.0.0", "cisa:DT_CO:2.0.3", "ssvc:DT_DP:1.0.0");
    assertThat(out.get(3)).isEqualTo(new SsvcDecisionPoint("ssvc", "E", "1.1.0", "Exploitation", List.of(
        new SsvcDecisionPoint.Value("N", "None"),
        new SsvcDecisionPoint.Value("P", "Public PoC"),
        new SsvcDecisionPoint.Value("A", "Active"))));
    assertThat(((SsvcDecisionPoint) out.getFirst()).values()).extracting(SsvcDecisionPoint.Value::name)
        .containsExactly("Track", "Track*", "Attend", "Act");
  }

  @Test
  void readsTheDeployerAndCisaCoordinatorTables() throws Exception {
    List<SsvcObject> out = read(data());
    SsvcDecisionTable deployer = (SsvcDecisionTable) out.get(9);
    assertThat(deployer.name()).isEqualTo("Deployer Patch Application Priority");
    assertThat(deployer.decisionPoints())
        .containsExactly("ssvc:E:1.1.0", "ssvc:EXP:1.0.1", "ssvc:A:2.0.0", "ssvc:HI:2.0.2", "ssvc:DSOI:1.0.0");
    assertThat(deployer.outcome()).isEqualTo("ssvc:DSOI:1.0.0");
    assertThat(deployer.rows()).hasSize(72);
    assertThat(deployer.rows().getFirst()).isEqualTo(Map.of("ssvc:E:1.1.0", "N", "ssvc:EXP:1.0.1", "S",
        "ssvc:A:2.0.0", "N", "ssvc:HI:2.0.2", "L", "ssvc:DSOI:1.0.0", "D"));
    assertThat(deployer.rows().getLast()).isEqualTo(Map.of("ssvc:E:1.1.0", "A", "ssvc:EXP:1.0.1", "O",
        "ssvc:A:2.0.0", "Y", "ssvc:HI:2.0.2", "VH", "ssvc:DSOI:1.0.0", "I"));

    SsvcDecisionTable cisa = (SsvcDecisionTable) out.get(8);
    assertThat(cisa.name()).isEqualTo("CISA Coordinator");
    assertThat(cisa.outcome()).isEqualTo("cisa:CISA:1.1.0");
    assertThat(cisa.rows()).hasSize(36);
    assertThat(cisa.rows().getLast()).containsEntry("ssvc:E:1.1.0", "A").containsEntry("ssvc:TI:1.0.0", "T")
        .containsEntry("ssvc:MWI:1.0.0", "H").containsEntry("cisa:CISA:1.1.0", "AC");
  }

  @Test
  void emitsADecisionPointThatOnlyATableDefines(@TempDir Path dir) throws Exception {
    copyWith(dir, null, null);
    Files.delete(dir.resolve("json/decision_points/ssvc/human_impact_2_0_2.json"));
    List<SsvcObject> out = read(dir);
    assertThat(out).extracting(SsvcObject::ref).containsExactly(
        "cisa:CISA:1.1.0", "ssvc:A:2.0.0", "ssvc:DSOI:1.0.0", "ssvc:E:1.1.0", "ssvc:MWI:1.0.0",
        "ssvc:EXP:1.0.1", "ssvc:TI:1.0.0", "cisa:DT_CO:2.0.3", "ssvc:HI:2.0.2", "ssvc:DT_DP:1.0.0");
  }

  @Test
  void readsASingleTableFile() throws Exception {
    List<SsvcObject> out = read(data().resolve(DEPLOYER));
    assertThat(out).hasSize(6).last().isInstanceOf(SsvcDecisionTable.class);
  }

  @Test
  void namesTheFileAndRowThatUsesAnUndeclaredValue(@TempDir Path dir) throws Exception {
    String bad = text(DEPLOYER).replaceFirst("\"ssvc:HI:2\\.0\\.2\": \"M\"", "\"ssvc:HI:2.0.2\": \"X\"");
    copyWith(dir, DEPLOYER, bad);
    assertThatThrownBy(() -> read(dir))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage(dir.resolve(DEPLOYER) + " at mapping[1].ssvc:HI:2.0.2: value \"X\" is not one of ssvc:HI:2.0.2's "
            + "values [L, M, H, VH]");
  }

  @Test
  void namesTheRowThatReferencesAnUndeclaredDecisionPoint(@TempDir Path dir) throws Exception {
    String bad = text(COORDINATOR).replaceFirst("\"ssvc:TI:1\\.0\\.0\": \"P\"", "\"ssvc:TI:9.9.9\": \"P\"");
    copyWith(dir, COORDINATOR, bad);
    assertThatThrownBy(() -> read(dir))
        .hasMessage(dir.resolve(COORDINATOR) + " at mapping[0]: 'ssvc:TI:9.9.9' is not among the table's decision_points");
  }

  @Test
  void namesTheRowThatLacksADecisionPoint(@TempDir Path dir) throws Exception {
    String bad = text(COORDINATOR).replaceFirst(",\\s*\"ssvc:TI:1\\.0\\.0\": \"P\"", "");
    copyWith(dir, COORDINATOR, bad);
    assertThatThrownBy(() -> read(dir))
        .hasMessage(dir.resolve(COORDINATOR) + " at mapping[0]: lacks a value for ssvc:TI:1.0.0");
  }

  @Test
  void refusesAnOutcomeThatIsNotDeclared(@TempDir Path dir) throws Exception {
    String bad = text(DEPLOYER).replace("\"outcome\": \"ssvc:DSOI:1.0.0\"", "\"outcome\": \"ssvc:DSOI:2.0.0\"");
    copyWith(dir, DEPLOYER, bad);
    assertThatThrownBy(() -> read(dir))
        .hasMessageStartingWith(dir.resolve(DEPLOYER) + " at outcome: 'ssvc:DSOI:2.0.0' is not among the table's "
            + "decision_points");
  }

  @Test
  void refusesTwoRowsWithTheSameInputs(@TempDir Path dir) throws Exception {
    // Row 1 (HI = M) made equal to row 0 (HI = L) in its inputs.
    String bad = text(DEPLOYER).replaceFirst("\"ssvc:HI:2\\.0\\.2\": \"M\"", "\"ssvc:HI:2.0.2\": \"L\"");
    copyWith(dir, DEPLOYER, bad);
    assertThatThrownBy(() -> read(dir))
        .hasMessage(dir.resolve(DEPLOYER) + " at mapping[1]: same inputs as mapping[0]");
  }

  @Test
  void refusesATableWhoseEmbeddedDecisionPointDiffersFromItsFile(@TempDir Path dir) throws Exception {
    String bad = text(EXPLOITATION).replace("\"name\": \"Public PoC\"", "\"name\": \"Proof of Concept\"");
    copyWith(dir, EXPLOITATION, bad);
    assertThatThrownBy(() -> read(dir))
        .hasMessage(dir.resolve(COORDINATOR) + " at ssvc:E:1.1.0: decision point defined differently in "
            + dir.resolve(EXPLOITATION) + " (names or values differ)");
  }

  @Test
  void namesAMissingFieldOfADecisionPoint(@TempDir Path dir) throws Exception {
    String bad = text(EXPLOITATION).replace("\"namespace\": \"ssvc\",", "");
    copyWith(dir, EXPLOITATION, bad);
    assertThatThrownBy(() -> read(dir)).hasMessage(dir.resolve(EXPLOITATION) + " at namespace: missing");
  }

  @Test
  void refusesATruncatedFile(@TempDir Path dir) throws Exception {
    String real = text(DEPLOYER);
    copyWith(dir, DEPLOYER, real.substring(0, real.length() / 2));
    assertThatThrownBy(() -> read(dir))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith(dir.resolve(DEPLOYER) + " at line ")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void refusesADecisionPointFileThatIsNotOne(@TempDir Path dir) throws Exception {
    copyWith(dir, EXPLOITATION, "[\"not\", \"an\", \"object\"]");
    assertThatThrownBy(() -> read(dir))
        .hasMessage(dir.resolve(EXPLOITATION) + " at line 1, column 1: expected a JSON object");
  }
}
