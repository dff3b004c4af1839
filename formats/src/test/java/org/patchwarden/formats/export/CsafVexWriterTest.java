package org.patchwarden.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CsafVexWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDocumentValidatesAgainstTheCsaf20Schema() {
    assertThat(OfficialSchemas.csafErrors(SampleExports.write(ExportFormat.CSAF, SampleExports.fleet()))).isEmpty();
    assertThat(OfficialSchemas.csafErrors(SampleExports.write(ExportFormat.CSAF, SampleExports.empty()))).isEmpty();
  }

  @Test
  void itIsAVexProfileDocumentWithAProductPerInstalledPackage() throws Exception {
    JsonNode doc = JSON.readTree(SampleExports.write(ExportFormat.CSAF, SampleExports.fleet()));
    assertThat(doc.get("document").get("category").asText()).isEqualTo("csaf_vex");
    assertThat(doc.get("product_tree").get("full_product_names")).hasSize(7);
    assertThat(doc.get("product_tree").get("full_product_names").get(0).get("product_identification_helper")
        .get("purl").asText()).startsWith("pkg:deb/debian/openssl@");
    assertThat(doc.get("vulnerabilities")).hasSize(7);
  }

  @Test
  void productStatusesFlagsImpactsAndRemediationsFollowTheVexStatements() throws Exception {
    JsonNode vulns = JSON.readTree(SampleExports.write(ExportFormat.CSAF, SampleExports.fleet())).get("vulnerabilities");
    JsonNode dsa = find(vulns, "DSA-5343-1");
    assertThat(dsa.has("cve")).isFalse();
    assertThat(dsa.get("ids").get(0).get("text").asText()).isEqualTo("DSA-5343-1");
    assertThat(dsa.get("product_status").get("known_affected").get(0).asText()).isEqualTo("PW-1");
    assertThat(dsa.get("remediations").get(0).get("category").asText()).isEqualTo("vendor_fix");
    JsonNode jinja = find(vulns, "GHSA-h5c8-rqwp-cp95");
    assertThat(jinja.get("product_status").get("known_not_affected").get(0).asText()).isEqualTo("PW-4");
    assertThat(jinja.get("flags").get(0).get("label").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
    assertThat(jinja.get("threats").get(0).get("category").asText()).isEqualTo("impact");
    assertThat(find(vulns, "CVE-2022-3715").get("product_status").get("fixed").get(0).asText()).isEqualTo("PW-6");
    assertThat(find(vulns, "CVE-2026-0300").get("product_status").get("under_investigation")).hasSize(1);
    assertThat(find(vulns, "CVE-2023-38545").get("remediations").get(0).get("category").asText())
        .isEqualTo("no_fix_planned");
  }

  private static JsonNode find(JsonNode vulns, String id) {
    for (JsonNode v : vulns) {
      if (id.equals(v.path("cve").asText()) || v.has("ids") && id.equals(v.get("ids").get(0).get("text").asText())) {
        return v;
      }
    }
    throw new AssertionError("no vulnerability " + id);
  }
}
