package org.patchwarden.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfficialSchemasTest {
  @Test
  void eachOfficialSchemaRefusesADocumentThatBreaksIt() {
    String sarif = SampleExports.write(ExportFormat.SARIF, SampleExports.fleet()).replace("\"2.1.0\"", "\"2.2.0\"");
    assertThat(OfficialSchemas.sarifErrors(sarif)).isNotEmpty();
    String cdx = SampleExports.write(ExportFormat.CYCLONEDX_VEX, SampleExports.fleet())
        .replace("\"state\" : \"exploitable\"", "\"state\" : \"affected\"");
    assertThat(OfficialSchemas.cycloneDxErrors(cdx)).isNotEmpty();
    String csaf = SampleExports.write(ExportFormat.CSAF, SampleExports.fleet())
        .replace("\"csaf_version\" : \"2.0\"", "\"csaf_version\" : \"3.0\"");
    assertThat(OfficialSchemas.csafErrors(csaf)).isNotEmpty();
    String unknownKey = SampleExports.write(ExportFormat.CSAF, SampleExports.fleet())
        .replace("\"known_affected\"", "\"affected\"");
    assertThat(OfficialSchemas.csafErrors(unknownKey)).as("the strict variant").isNotEmpty();
  }

  @Test
  void theCsafSchemaResolvesItsCvssReferencesLocally() {
    String csaf = SampleExports.write(ExportFormat.CSAF, SampleExports.fleet()).replaceFirst("\"product_status\"",
        "\"scores\" : [ { \"products\" : [ \"PW-1\" ], \"cvss_v3\" : { \"version\" : \"3.1\", \"vectorString\" : "
            + "\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\", \"baseScore\" : 9.8, \"baseSeverity\" : \"CRITICAL\" } } ],"
            + " \"product_status\"");
    assertThat(OfficialSchemas.csafErrors(csaf)).isEmpty();
    assertThat(OfficialSchemas.csafErrors(csaf.replace("\"baseScore\" : 9.8", "\"baseScore\" : 11"))).isNotEmpty();
  }
}
