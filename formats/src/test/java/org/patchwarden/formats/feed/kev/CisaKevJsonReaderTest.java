package org.patchwarden.formats.feed.kev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;

class CisaKevJsonReaderTest {

  private static final String ENTRY = """
      {"cveID":"CVE-2025-48384","vendorProject":"Git","product":"Git",
       "vulnerabilityName":"Git Link Following Vulnerability","dateAdded":"2025-08-25",
       "shortDescription":"desc","requiredAction":"Apply mitigations","dueDate":"2025-09-15",
       "knownRansomwareCampaignUse":"Known","notes":"https://example.org","cwes":["CWE-59","CWE-436"]}""";

  private static List<KevEntry> entries = new ArrayList<>();

  private static FeedHeader read(String json, List<KevEntry> out) {
    return new CisaKevJsonReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json")
        .drainTo(out::add);
  }

  @Test
  void readsTheRealCatalogOfAugust2025WithEveryEntry() throws Exception {
    List<KevEntry> out = new ArrayList<>();
    FeedHeader header;
    try (InputStream in = getClass().getResourceAsStream("/feed/kev/kev-2025-08-25.json")) {
      header = new CisaKevJsonReader(in, "kev-2025-08-25.json").drainTo(out::add);
    }
    assertThat(header.version()).isEqualTo("2025.08.25");
    assertThat(header.released()).isEqualTo(Instant.parse("2025-08-25T17:04:19.9796Z"));
    assertThat(out).hasSize(1404);
    KevEntry git = out.get(0);
    assertThat(git.cveId()).isEqualTo("CVE-2025-48384");
    assertThat(git.dueDate()).isEqualTo(LocalDate.of(2025, 9, 15));
    assertThat(git.cwes()).contains("CWE-59");
    assertThat(out).anySatisfy(e -> assertThat(e.knownRansomwareUse()).isTrue());
  }

  @Test
  void readsEveryFieldOfAnEntry() {
    List<KevEntry> out = new ArrayList<>();
    read("{\"catalogVersion\":\"v\",\"count\":1,\"vulnerabilities\":[" + ENTRY + "]}", out);
    assertThat(out).containsExactly(new KevEntry("CVE-2025-48384", "Git", "Git", "Git Link Following Vulnerability",
        LocalDate.of(2025, 8, 25), "desc", "Apply mitigations", LocalDate.of(2025, 9, 15), "Known",
        "https://example.org", List.of("CWE-59", "CWE-436")));
  }

  @Test
  void refusesACatalogWhoseCountDisagreesWithItsEntries() {
    assertThatThrownBy(() -> read("{\"catalogVersion\":\"v\",\"count\":2,\"vulnerabilities\":[" + ENTRY + "]}", entries))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("declares 2 vulnerabilities but holds 1");
  }

  @Test
  void namesTheEntryAndFieldThatIsMissing() {
    String noDue = ENTRY.replace("\"dueDate\":\"2025-09-15\",", "");
    assertThatThrownBy(() -> read("{\"catalogVersion\":\"v\",\"vulnerabilities\":[" + ENTRY + "," + noDue + "]}", new ArrayList<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.json at vulnerabilities[1] (CVE-2025-48384): missing dueDate");
  }

  @Test
  void namesABadDate() {
    String bad = ENTRY.replace("2025-09-15", "15/09/2025");
    assertThatThrownBy(() -> read("{\"catalogVersion\":\"v\",\"vulnerabilities\":[" + bad + "]}", new ArrayList<>()))
        .hasMessageContaining("vulnerabilities[0] (CVE-2025-48384).dueDate")
        .hasMessageContaining("'15/09/2025' is not a yyyy-MM-dd date");
  }

  @Test
  void refusesSomethingThatIsNotACveId() {
    String bad = ENTRY.replace("CVE-2025-48384", "GHSA-xxxx");
    assertThatThrownBy(() -> read("{\"catalogVersion\":\"v\",\"vulnerabilities\":[" + bad + "]}", new ArrayList<>()))
        .hasMessageContaining("cveID 'GHSA-xxxx' is not a CVE identifier");
  }

  @Test
  void reportsTheLineOfTruncatedJson() {
    String truncated = "{\"catalogVersion\":\"v\",\n\"vulnerabilities\":[" + ENTRY.substring(0, 60);
    assertThatThrownBy(() -> read(truncated, new ArrayList<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("test.json at line")
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void refusesADocumentThatIsNotACatalog() {
    assertThatThrownBy(() -> read("[1,2,3]", new ArrayList<>())).hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> read("{\"vulnerabilities\":[]}", new ArrayList<>())).hasMessageContaining("catalogVersion");
    assertThatThrownBy(() -> read("{\"catalogVersion\":\"v\"}", new ArrayList<>())).hasMessageContaining("vulnerabilities");
  }

  @Test
  void refusesAbsurdlyDeepNesting() {
    String deep = "{\"catalogVersion\":\"v\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> read(deep, new ArrayList<>())).isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("nesting depth");
  }
}
