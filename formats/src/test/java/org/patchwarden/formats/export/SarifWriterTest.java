package org.patchwarden.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SarifWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theLogValidatesAgainstTheSarif210Schema() {
    assertThat(OfficialSchemas.sarifErrors(SampleExports.write(ExportFormat.SARIF, SampleExports.fleet()))).isEmpty();
    assertThat(OfficialSchemas.sarifErrors(SampleExports.write(ExportFormat.SARIF, SampleExports.empty()))).isEmpty();
  }

  @Test
  void oneRunHasARulePerVulnerabilityAndAResultPerFindingAtItsAssetAndPackage() throws Exception {
    JsonNode run = JSON.readTree(SampleExports.write(ExportFormat.SARIF, SampleExports.fleet())).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertThat(rules).as("one per vulnerability, described or not").hasSize(7);
    assertThat(rules.get(5).get("id").asText()).isEqualTo("DSA-5343-1");
    assertThat(rules.get(5).get("helpUri").asText()).isEqualTo("https://www.debian.org/security/2023/dsa-5343");
    assertThat(rules.get(4).has("helpUri")).as("a reference that is no URI is not a help URI").isFalse();
    assertThat(rules.get(4).get("properties").get("security-severity").asText()).isEqualTo("9.8");
    JsonNode results = run.get("results");
    assertThat(results).hasSize(7);
    JsonNode first = results.get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("DSA-5343-1");
    assertThat(first.get("ruleIndex").asInt()).isEqualTo(5);
    assertThat(first.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
        .isEqualTo("assets/web-01/deb/openssl");
    assertThat(first.get("partialFingerprints").get("patchwardenFindingKey/v1").asText())
        .isEqualTo("web-01|deb|openssl|DSA-5343-1");
  }

  @Test
  void levelsFollowTheTierAndClosedOrWaivedFindingsAreNotPlainFailures() throws Exception {
    JsonNode results = JSON.readTree(SampleExports.write(ExportFormat.SARIF, SampleExports.fleet()))
        .get("runs").get(0).get("results");
    assertThat(results.get(0).get("level").asText()).isEqualTo("error");
    assertThat(results.get(1).get("level").asText()).isEqualTo("warning");
    assertThat(results.get(1).get("suppressions").get(0).get("justification").asText()).isEqualTo("risk accepted");
    assertThat(results.get(2).get("kind").asText()).as("a CPE match is for review").isEqualTo("review");
    assertThat(results.get(3).get("suppressions").get(0).get("status").asText()).isEqualTo("accepted");
    assertThat(results.get(5).get("kind").asText()).isEqualTo("pass");
    assertThat(results.get(5).get("level").asText()).isEqualTo("none");
    assertThat(SarifWriter.level(3)).isEqualTo("note");
  }
}
