package org.patchwarden.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FindingsJsonWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theExportValidatesAgainstItsPublishedSchema() {
    String json = SampleExports.write(ExportFormat.JSON, SampleExports.fleet());
    assertThat(OfficialSchemas.exportErrors(json)).isEmpty();
    assertThat(OfficialSchemas.exportErrors(SampleExports.write(ExportFormat.JSON, SampleExports.empty()))).isEmpty();
  }

  @Test
  void eachFindingCarriesItsAssessmentRemediationAndVexStatement() throws Exception {
    JsonNode doc = JSON.readTree(SampleExports.write(ExportFormat.JSON, SampleExports.fleet()));
    assertThat(doc.get("schema").asText()).isEqualTo("patchwarden.export/1");
    assertThat(doc.get("findings")).hasSize(7);
    JsonNode first = doc.get("findings").get(0);
    assertThat(first.get("finding_key").asText()).isEqualTo("web-01|deb|openssl|DSA-5343-1");
    assertThat(first.get("cve_ids").toString()).isEqualTo("[\"CVE-2023-0215\",\"CVE-2023-0286\"]");
    assertThat(first.get("in_kev").asBoolean()).isTrue();
    assertThat(first.get("days_overdue").asInt()).isEqualTo(135);
    assertThat(first.get("vex").get("status").asText()).isEqualTo("affected");
    assertThat(first.get("vex").get("detail").asText()).isEqualTo("upgrade openssl to 1.1.1n-0+deb11u4");
    JsonNode notAffected = doc.get("findings").get(3);
    assertThat(notAffected.get("vex").get("justification").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
    assertThat(doc.get("findings").get(4).get("remediation").asText()).isEqualTo("false-positive");
    assertThat(doc.get("vulnerabilities").get(1).get("title").asText()).isEqualTo("openssl security update");
  }

  @Test
  void aSchemaViolationIsReported() {
    String json = SampleExports.write(ExportFormat.JSON, SampleExports.fleet()).replace("\"in_kev\" : true", "\"in_kev\" : \"yes\"");
    assertThat(OfficialSchemas.exportErrors(json)).isNotEmpty();
  }
}
