package org.patchwarden.formats.feed.kev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;

class CisaKevCsvReaderTest {

  private static final String HEADER = "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,"
      + "requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes\n";
  // The catalog's first row, as CISA writes it (notes shortened).
  private static final String ROW = "CVE-2025-48384,Git,Git,\"Git Link Following Vulnerability\",2025-08-25,"
      + "\"Git contains a link following vulnerability.\",\"Apply mitigations per vendor instructions.\","
      + "2025-09-15,Unknown,\"https://nvd.nist.gov/vuln/detail/CVE-2025-48384\",\"CWE-59, CWE-436\"\n";

  private static List<KevEntry> read(String csv) {
    List<KevEntry> out = new ArrayList<>();
    new CisaKevCsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test.csv").drainTo(out::add);
    return out;
  }

  private static List<KevEntry> readResource(String name, boolean json) throws IOException {
    List<KevEntry> out = new ArrayList<>();
    try (InputStream in = CisaKevCsvReaderTest.class.getResourceAsStream("/feed/kev/" + name)) {
      if (json) {
        new CisaKevJsonReader(in, name).drainTo(out::add);
      } else {
        new CisaKevCsvReader(in, name).drainTo(out::add);
      }
    }
    return out;
  }

  @Test
  void readsTheRealCsvOfAugust2025EntryForEntryEqualToTheJsonCatalog() throws IOException {
    List<KevEntry> csv = readResource("kev-2025-08-25.csv", false);
    List<KevEntry> json = readResource("kev-2025-08-25.json", true);
    assertThat(csv).hasSize(1404);
    // Records compare every field: dates, ransomware use, notes and the CWE lists.
    assertThat(csv).containsExactlyElementsOf(json);
  }

  @Test
  void readsConcreteFieldsOfRealEntries() throws IOException {
    List<KevEntry> csv = readResource("kev-2025-08-25.csv", false);
    KevEntry git = csv.getFirst();
    assertThat(git.cveId()).isEqualTo("CVE-2025-48384");
    assertThat(git.vendorProject()).isEqualTo("Git");
    assertThat(git.vulnerabilityName()).isEqualTo("Git Link Following Vulnerability");
    assertThat(git.dateAdded()).isEqualTo(LocalDate.of(2025, 8, 25));
    assertThat(git.dueDate()).isEqualTo(LocalDate.of(2025, 9, 15));
    assertThat(git.ransomwareUse()).isEqualTo("Unknown");
    assertThat(git.cwes()).containsExactly("CWE-59", "CWE-436");
    assertThat(git.notes()).startsWith("This vulnerability affects a common open-source component")
        .endsWith("https://nvd.nist.gov/vuln/detail/CVE-2025-48384");
    assertThat(csv.get(1).product()).isEqualTo("Session Recording");
    assertThat(csv).filteredOn(KevEntry::knownRansomwareUse).isNotEmpty();
    assertThat(csv).filteredOn(e -> e.cwes().isEmpty()).hasSize(152);
  }

  @Test
  void theCsvSaysNoVersionSoTheLoaderHashesTheContent() {
    FeedHeader header = new CisaKevCsvReader(
        new ByteArrayInputStream((HEADER + ROW).getBytes(StandardCharsets.UTF_8)), "test.csv").drainTo(e -> { });
    assertThat(header).isEqualTo(new FeedHeader("", null));
  }

  @Test
  void readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() {
    String row = "CVE-2021-44228,Apache,Log4j2,\"Apache Log4j2 \"\"JNDI\"\" Vulnerability\",2021-12-10,"
        + "\"line one,\r\nline two\",\"Apply updates\",2021-12-24,Known,,\r\n";
    List<KevEntry> out = read(HEADER + row + ROW);
    assertThat(out).hasSize(2);
    assertThat(out.getFirst().vulnerabilityName()).isEqualTo("Apache Log4j2 \"JNDI\" Vulnerability");
    assertThat(out.getFirst().shortDescription()).isEqualTo("line one,\r\nline two");
    assertThat(out.getFirst().cwes()).isEmpty();
    assertThat(out.getFirst().notes()).isEmpty();
    assertThat(out.get(1).cveId()).isEqualTo("CVE-2025-48384");
  }

  @Test
  void findsColumnsByNameInAnyOrder() {
    String csv = "dueDate,cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,extra\n"
        + "2025-09-15,CVE-2025-48384,Git,Git,Name,2025-08-25,Desc,Act,ignored\n";
    KevEntry e = read(csv).getFirst();
    assertThat(e.dueDate()).isEqualTo(LocalDate.of(2025, 9, 15));
    assertThat(e.ransomwareUse()).isEqualTo("Unknown");
    assertThat(e.cwes()).isEmpty();
  }

  @Test
  void refusesAKevJsonCatalogOrAnotherCsvGivenAsKevCsv() {
    assertThatThrownBy(() -> read("{\"title\": \"CISA Catalog of Known Exploited Vulnerabilities\",\n\"catalogVersion\": \"2025.08.25\"}"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.csv at line 1: starts with '{': a JSON document, not CISA's KEV CSV "
            + "(the JSON catalog has its own reader)");
    assertThatThrownBy(() -> read("CVE,CVSS3,EPSS,EPSS Percentile,Description,Vendor,Product\n"))
        .hasMessage("test.csv at line 1: header lacks column 'cveID'; is this CISA's KEV CSV? "
            + "found: CVE,CVSS3,EPSS,EPSS Percentile,Description,Vendor,Product");
  }

  @Test
  void refusesATruncatedFileThatEndsInsideAQuotedField() throws IOException {
    byte[] real;
    try (InputStream in = getClass().getResourceAsStream("/feed/kev/kev-2025-08-25.csv")) {
      real = in.readAllBytes();
    }
    // Cut in the middle of line 3's quoted vulnerabilityName.
    String text = new String(real, StandardCharsets.UTF_8);
    int cut = text.indexOf("\"Citrix Session Recording Deserialization");
    assertThat(cut).isPositive();
    assertThatThrownBy(() -> read(text.substring(0, cut + 10)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.csv at line 4: quoted field not closed before end of file");
  }

  @Test
  void namesTheLineAndFieldOfAnEmptyRequiredValue() {
    String noDue = ROW.replace("2025-09-15", "");
    assertThatThrownBy(() -> read(HEADER + ROW + noDue))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.csv at line 3 (CVE-2025-48384): empty dueDate");
  }

  @Test
  void namesABadDate() {
    String bad = ROW.replace("2025-09-15", "15/09/2025");
    assertThatThrownBy(() -> read(HEADER + bad))
        .hasMessage("test.csv at line 2 (CVE-2025-48384).dueDate: '15/09/2025' is not a yyyy-MM-dd date");
  }

  @Test
  void refusesARowWithTheWrongNumberOfFields() {
    assertThatThrownBy(() -> read(HEADER + "CVE-2025-48384,Git,Git\n"))
        .hasMessage("test.csv at line 2 (CVE-2025-48384): 3 fields where the header has 11");
  }

  @Test
  void refusesSomethingThatIsNotACveId() {
    assertThatThrownBy(() -> read(HEADER + ROW.replace("CVE-2025-48384,", "GHSA-vwqx-4fm8-6qc9,")))
        .hasMessage("test.csv at line 2: cveID 'GHSA-vwqx-4fm8-6qc9' is not a CVE identifier");
  }

  @Test
  void refusesStrayQuotes() {
    assertThatThrownBy(() -> read(HEADER + ROW.replace(",Git,Git,", ",Git,G\"it,")))
        .hasMessage("test.csv at line 2: quote inside unquoted field 3");
    assertThatThrownBy(() -> read(HEADER + ROW.replace("\"Git Link Following Vulnerability\"", "\"Git\"x")))
        .hasMessage("test.csv at line 2: unexpected 'x' after the closing quote of field 4");
  }

  @Test
  void refusesARecordLongerThanTheBound() {
    String huge = ROW.replace("\"Git contains a link following vulnerability.\"",
        "\"" + "x".repeat(CisaKevCsvReader.MAX_RECORD_CHARS) + "\"");
    assertThatThrownBy(() -> read(HEADER + huge))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.csv at line 2: record longer than 1048576 characters");
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] bytes = (HEADER + ROW).getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, broken, 0, bytes.length);
    broken[bytes.length] = (byte) 0xC3; // a lone lead byte
    assertThatThrownBy(() -> new CisaKevCsvReader(new ByteArrayInputStream(broken), "test.csv").drainTo(e -> { }))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("test.csv at line")
        .hasMessageEndingWith("not valid UTF-8");
  }

  @Test
  void refusesAnEmptyFile() {
    assertThatThrownBy(() -> read("")).hasMessage("test.csv at line 1: empty file; expected the KEV CSV header");
  }
}
