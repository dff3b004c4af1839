package org.patchwarden.formats.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsCsvWriterTest {
  @Test
  void theHeaderIsTheDocumentedColumnsAndEachFindingIsOneRecord() throws Exception {
    String csv = SampleExports.write(ExportFormat.CSV, SampleExports.fleet());
    List<List<String>> rows = read(csv);
    assertThat(rows.get(0)).containsExactlyElementsOf(FindingsCsvWriter.COLUMNS);
    assertThat(rows).hasSize(8);
    assertThat(rows.subList(1, 8)).allSatisfy(r -> assertThat(r).hasSize(FindingsCsvWriter.COLUMNS.size()));
    List<String> first = rows.get(1);
    assertThat(first.get(FindingsCsvWriter.COLUMNS.indexOf("cve_ids"))).isEqualTo("CVE-2023-0215;CVE-2023-0286");
    assertThat(first.get(FindingsCsvWriter.COLUMNS.indexOf("cvss_score"))).isEqualTo("9.8");
    assertThat(first.get(FindingsCsvWriter.COLUMNS.indexOf("vex_status"))).isEqualTo("affected");
  }

  @Test
  void aValueWithCommasAndQuotesSurvivesTheRoundTrip() throws Exception {
    List<List<String>> rows = read(SampleExports.write(ExportFormat.CSV, SampleExports.fleet()));
    assertThat(rows.get(5).get(FindingsCsvWriter.COLUMNS.indexOf("vex_detail")))
        .isEqualTo("backported fix, \"quoted\", with commas");
  }

  @Test
  void anEmptyExportIsTheHeaderAlone() throws Exception {
    assertThat(read(SampleExports.write(ExportFormat.CSV, SampleExports.empty()))).hasSize(1);
  }

  private static List<List<String>> read(String csv) throws Exception {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(csv)) {
      return it.readAll();
    }
  }
}
