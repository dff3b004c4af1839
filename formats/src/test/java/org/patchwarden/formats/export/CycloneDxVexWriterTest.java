package org.patchwarden.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.usecase.ExportFilter;
import org.patchwarden.usecase.FindingExport;

class CycloneDxVexWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theVexValidatesAgainstTheCycloneDx16Schema() {
    assertThat(OfficialSchemas.cycloneDxErrors(SampleExports.write(ExportFormat.CYCLONEDX_VEX, SampleExports.fleet())))
        .isEmpty();
    assertThat(OfficialSchemas.cycloneDxErrors(SampleExports.write(ExportFormat.CYCLONEDX_VEX, SampleExports.empty())))
        .isEmpty();
  }

  @Test
  void eachFindingIsAVulnerabilityWhoseAnalysisStatesItsVexStatus() throws Exception {
    JsonNode bom = JSON.readTree(SampleExports.write(ExportFormat.CYCLONEDX_VEX, SampleExports.fleet()));
    assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
    JsonNode vulns = bom.get("vulnerabilities");
    List<String> states = new ArrayList<>();
    vulns.forEach(v -> states.add(v.get("analysis").get("state").asText()));
    assertThat(states).containsExactly("exploitable", "exploitable", "in_triage", "not_affected", "false_positive",
        "resolved", "not_affected");
    assertThat(vulns.get(0).get("analysis").get("response").get(0).asText()).isEqualTo("update");
    assertThat(vulns.get(1).get("analysis").get("response").get(0).asText()).isEqualTo("will_not_fix");
    assertThat(vulns.get(3).get("analysis").get("justification").asText()).isEqualTo("code_not_reachable");
    assertThat(vulns.get(4).get("analysis").get("justification").asText()).isEqualTo("code_not_present");
    assertThat(vulns.get(0).get("affects").get(0).get("ref").asText())
        .isEqualTo("web-01|deb:openssl@1.1.1n-0+deb11u3");
    assertThat(vulns.get(0).get("references").get(0).get("id").asText()).isEqualTo("CVE-2023-0215");
    assertThat(vulns.get(0).get("ratings").get(0).get("method").asText()).isEqualTo("CVSSv31");
  }

  @Test
  void theFleetIsTheSubjectAndEachAssetAComponentHoldingItsPackages() throws Exception {
    JsonNode bom = JSON.readTree(SampleExports.write(ExportFormat.CYCLONEDX_VEX, SampleExports.fleet()));
    assertThat(bom.get("metadata").get("component").get("name").asText()).isEqualTo("fleet");
    assertThat(bom.get("components")).hasSize(2);
    assertThat(bom.get("components").get(0).get("name").asText()).isEqualTo("web-01");
    assertThat(bom.get("components").get(0).get("components")).hasSize(4);
  }

  @Test
  void anAssetFilterMakesThatAssetTheSubject() throws Exception {
    FindingExport fleet = SampleExports.fleet();
    FindingExport one = new FindingExport(fleet.generatedAt(), fleet.today(),
        new ExportFilter("web-01", null, null, null, null, null, false, false),
        fleet.findings().stream().filter(f -> f.finding().assetName().equals("web-01")).toList(), fleet.vulnerabilities());
    String json = SampleExports.write(ExportFormat.CYCLONEDX_VEX, one);
    assertThat(OfficialSchemas.cycloneDxErrors(json)).isEmpty();
    JsonNode bom = JSON.readTree(json);
    assertThat(bom.get("metadata").get("component").get("bom-ref").asText()).isEqualTo("asset:web-01");
    assertThat(bom.get("components")).hasSize(4);
  }
}
