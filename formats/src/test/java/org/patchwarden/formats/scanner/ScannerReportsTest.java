package org.patchwarden.formats.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.remediate.ScannerReport;

class ScannerReportsTest {
  @TempDir Path dir;

  private static ScannerReport readText(String xml, String source, ScannerReadLimits limits) {
    return ScannerReports.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), source, limits);
  }

  private static ScannerReport readText(String xml, String source) {
    return readText(xml, source, ScannerReadLimits.DEFAULT);
  }

  @Test
  void tellsOpenVasFromNessusByTheRootElement() {
    assertThat(ScannerReports.read(ScannerSamples.path("openvas/one_vuln.xml")).scanner()).isEqualTo("openvas");
    assertThat(ScannerReports.read(ScannerSamples.path("nessus/nessus_many_vuln.xml")).scanner()).isEqualTo("nessus");
  }

  @Test
  void refusesAnExternalEntityWithoutReadingIt() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE NessusClientData_v2 [<!ENTITY xxe SYSTEM "%s">]>
        <NessusClientData_v2><Report><ReportHost name="&xxe;"><HostProperties/></ReportHost></Report>
        </NessusClientData_v2>""".formatted(secret.toUri());

    assertThatThrownBy(() -> readText(xxe, "xxe.nessus"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("xxe.nessus at line 2")
        .hasMessageContaining("document type declarations and entities are refused")
        .hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void refusesAnEntityExpansionBomb() {
    StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      entities.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE report [" + entities + "]>\n"
        + "<report><report><results><result><host>&lol9;</host></result></results></report></report>";

    assertThatThrownBy(() -> readText(bomb, "bomb.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("bomb.xml at line 2")
        .hasMessageContaining("refused");
  }

  @Test
  void anUndeclaredEntityIsMalformedXmlNamingThePlace() {
    String xml = "<report><report>\n<results><result><host>&xxe;</host></result></results></report></report>";

    assertThatThrownBy(() -> readText(xml, "undeclared.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("undeclared.xml at line 2, column ")
        .hasMessageContaining("xxe");
  }

  @Test
  void aTruncatedReportIsRefusedNamingFileLineAndColumn() throws IOException {
    String whole = Files.readString(ScannerSamples.path("openvas/many_vuln.xml"));
    Path cut = Files.writeString(dir.resolve("cut.xml"), whole.substring(0, whole.indexOf("<result id=", 40_000)));
    long lines = whole.substring(0, whole.indexOf("<result id=", 40_000)).lines().count();

    assertThatThrownBy(() -> ScannerReports.read(cut))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith(cut + " at line " + lines + ", column ")
        .hasMessageContaining("malformed XML");
  }

  @Test
  void aReportCutInsideATagIsRefusedToo() throws IOException {
    byte[] whole = Files.readAllBytes(ScannerSamples.path("nessus/nessus_with_cvssv3.nessus"));
    byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> ScannerReports.read(new ByteArrayInputStream(half), "half.nessus",
        ScannerReadLimits.DEFAULT))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageMatching("(?s)half\\.nessus at line \\d+, column \\d+: .+");
  }

  @Test
  void anUnknownRootElementIsRefusedNamingIt() {
    assertThatThrownBy(() -> readText("<?xml version=\"1.0\"?>\n<project><x/></project>", "pom.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("pom.xml at line 2, column 10: root element <project> is neither a Greenbone/OpenVAS report"
            + " (<report>) nor a Nessus v2 report (<NessusClientData_v2>)");
  }

  @Test
  void aNessusV1ReportIsRefusedWithTheWayOut() {
    assertThatThrownBy(() -> readText("<NessusClientData><Report/></NessusClientData>", "old.nessus"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("old.nessus at line 1")
        .hasMessageContaining("export the scan as .nessus (v2)");
  }

  @Test
  void aReportElementWithoutAnyReportBodyIsNotTakenForAnEmptyScan() {
    assertThatThrownBy(() -> readText("<report><title>quarterly sales</title></report>", "sales.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("sales.xml at line 1")
        .hasMessageContaining("holds no Greenbone/OpenVAS report body");
  }

  @Test
  void anEmptyFileHasNoRootElement() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.xml"), "");

    assertThatThrownBy(() -> ScannerReports.read(empty))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith(empty + " at line 1");
  }

  @Test
  void aReportLargerThanTheCapIsRefusedAtTheCap() {
    ScannerReadLimits small = ScannerReadLimits.DEFAULT.withMaxBytes(64 << 10);

    assertThatThrownBy(() -> ScannerReports.read(ScannerSamples.path("openvas/many_vuln.xml"), small))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("many_vuln.xml at byte 65536: larger than the limit of 64 KiB");
  }

  @Test
  void aReportOfExactlyTheCapIsRead() throws IOException {
    Path file = ScannerSamples.path("openvas/one_vuln.xml");

    ScannerReport report = ScannerReports.read(file, ScannerReadLimits.DEFAULT.withMaxBytes(Files.size(file)));

    assertThat(report.hosts()).hasSize(1);
  }

  @Test
  void elementsNestedBeyondTheDepthCapAreRefused() {
    String deep = "<report><report>" + "<x>".repeat(100) + "</x>".repeat(100) + "</report></report>";

    assertThatThrownBy(() -> readText(deep, "deep.xml"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("deep.xml at line 1, column ")
        .hasMessageEndingWith("elements nested deeper than 64");
  }

  @Test
  void elementTextLongerThanTheCapIsRefused() {
    String xml = "<NessusClientData_v2><Report><ReportHost name=\"h\"><HostProperties><tag name=\"host-ip\">"
        + "1".repeat(5000) + "</tag></HostProperties></ReportHost></Report></NessusClientData_v2>";

    assertThatThrownBy(() -> readText(xml, "long.nessus", new ScannerReadLimits(1 << 20, 64, 4096)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("long.nessus at line 1")
        .hasMessageEndingWith("text of <tag> longer than 4096 characters");
  }

  @Test
  void aSecondRootElementIsRefused() {
    String xml = "<NessusClientData_v2/><NessusClientData_v2/>";

    assertThatThrownBy(() -> readText(xml, "two.nessus")).isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("two.nessus at line 1");
  }

  @Test
  void aMissingFileIsAnIoErrorNamingIt() {
    Path missing = dir.resolve("nope.nessus");

    assertThatThrownBy(() -> ScannerReports.read(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(missing + ": no such file");
  }
}
