package org.patchwarden.formats.feed.epss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;

class FirstEpssCsvReaderTest {

  private static final String TOP = "#model_version:v2025.03.14,score_date:2026-08-22T00:00:00+0000\ncve,epss,percentile\n";

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = FirstEpssCsvReaderTest.class.getResourceAsStream("/feed/epss/" + name)) {
      return in.readAllBytes();
    }
  }

  private static FeedHeader read(byte[] bytes, List<EpssScore> out) {
    return new FirstEpssCsvReader(new ByteArrayInputStream(bytes), "test.csv").drainTo(out::add);
  }

  private static FeedHeader read(String text, List<EpssScore> out) {
    return read(text.getBytes(StandardCharsets.UTF_8), out);
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(plain);
    }
    return bytes.toByteArray();
  }

  @Test
  void readsTheRealScoresInFirstsLayoutWithModelVersionAndScoreDate() throws IOException {
    List<EpssScore> out = new ArrayList<>();
    FeedHeader header = read(resource("epss_scores-kev-2026-08-22.csv"), out);
    assertThat(header.version()).isEqualTo("v2025.03.14@2026-08-22");
    assertThat(header.released()).isEqualTo(Instant.parse("2026-08-22T00:00:00Z"));
    assertThat(out).hasSize(1556);
    assertThat(out.getFirst()).isEqualTo(new EpssScore("CVE-2002-0367", 0.04919, 0.91446));
    assertThat(out.getLast()).isEqualTo(new EpssScore("CVE-2025-9377", 0.11788, 0.95753));
    assertThat(out).contains(new EpssScore("CVE-2025-9242", 0.91300, 0.99802));
  }

  @Test
  void readsTheGzipFileToTheSameScoresRecognisingItByMagicBytesNotName() throws IOException {
    List<EpssScore> plain = new ArrayList<>();
    List<EpssScore> zipped = new ArrayList<>();
    read(resource("epss_scores-kev-2026-08-22.csv"), plain);
    // The source name says .csv; only the content says gzip.
    FeedHeader header = read(resource("epss_scores-kev-2026-08-22.csv.gz"), zipped);
    assertThat(header.version()).isEqualTo("v2025.03.14@2026-08-22");
    assertThat(zipped).hasSize(1556).containsExactlyElementsOf(plain);
  }

  @Test
  void refusesTheKevEpssNvdJoinFileWithAClearMessage() throws IOException {
    assertThatThrownBy(() -> read(resource("jgamblin-epss_kev_nvd-head.csv"), new ArrayList<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.csv at line 1: expected the header 'cve,epss,percentile' of FIRST's EPSS scores CSV, "
            + "found 'CVE,CVSS3,EPSS,EPSS Percentile,Description,Vendor,Product' "
            + "(a KEV x EPSS x NVD join file, not FIRST's daily scores)");
  }

  @Test
  void capsDecompressedBytesAgainstGzipBombs() throws IOException {
    byte[] real = resource("epss_scores-kev-2026-08-22.csv.gz");
    assertThatThrownBy(() -> new FirstEpssCsvReader(new ByteArrayInputStream(real), "bomb.gz", 10_000).drainTo(s -> { }))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("bomb.gz at decompressed byte")
        .hasMessageEndingWith("gzip data expands past the limit of 10000 bytes (a decompression bomb?)");
    // A real bomb: 64 MiB of zeros squeezed into some 64 kB stop at the cap, long before the end.
    byte[] bomb = gzip(new byte[64 << 20]);
    assertThat(bomb.length).isLessThan(100_000);
    assertThatThrownBy(() -> new FirstEpssCsvReader(new ByteArrayInputStream(bomb), "bomb.gz", 1 << 20).drainTo(s -> { }))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageContaining("limit of 1048576 bytes");
  }

  @Test
  void refusesATruncatedGzipDownload() throws IOException {
    byte[] real = resource("epss_scores-kev-2026-08-22.csv.gz");
    byte[] cut = Arrays.copyOf(real, real.length / 2);
    List<EpssScore> out = new ArrayList<>();
    assertThatThrownBy(() -> read(cut, out))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("test.csv at line")
        .hasMessageContaining("corrupt or truncated gzip data");
  }

  @Test
  void readsAScoreDateWithColonOffsetOrZoneZAndAFileWithoutTheCommentLine() {
    assertThat(read("#model_version:v2023.03.01,score_date:2024-01-31T00:00:00+00:00\ncve,epss,percentile\n",
        new ArrayList<>())).isEqualTo(new FeedHeader("v2023.03.01@2024-01-31", Instant.parse("2024-01-31T00:00:00Z")));
    assertThat(read("#model_version:v2023.03.01,score_date:2024-01-31T00:00:00Z\ncve,epss,percentile\n",
        new ArrayList<>()).released()).isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
    List<EpssScore> out = new ArrayList<>();
    assertThat(read("cve,epss,percentile\r\nCVE-2021-44228,0.94400,0.99980\r\n", out)).isEqualTo(new FeedHeader("", null));
    assertThat(out).containsExactly(new EpssScore("CVE-2021-44228", 0.944, 0.9998));
  }

  @Test
  void namesTheLineOfAnOutOfRangeOrNonNumericScore() {
    assertThatThrownBy(() -> read(TOP + "CVE-2021-44228,0.944,0.9998\nCVE-2021-45046,1.5,0.99\n", new ArrayList<>()))
        .hasMessage("test.csv at line 4 (CVE-2021-45046): epss 1.5 is outside 0..1");
    assertThatThrownBy(() -> read(TOP + "CVE-2021-44228,NaN,0.9998\n", new ArrayList<>()))
        .hasMessage("test.csv at line 3 (CVE-2021-44228): epss 'NaN' is not a decimal number");
    assertThatThrownBy(() -> read(TOP + "CVE-2021-44228,0.9,-0.1\n", new ArrayList<>()))
        .hasMessage("test.csv at line 3 (CVE-2021-44228): percentile '-0.1' is not a decimal number");
  }

  @Test
  void refusesBadCveSyntaxAndMissingColumns() {
    assertThatThrownBy(() -> read(TOP + "CVE-21-44228,0.9,0.9\n", new ArrayList<>()))
        .hasMessage("test.csv at line 3: 'CVE-21-44228' is not a CVE identifier");
    assertThatThrownBy(() -> read(TOP + "CVE-2021-44228,0.9\n", new ArrayList<>()))
        .hasMessage("test.csv at line 3: 2 fields where 3 (cve,epss,percentile) are expected");
  }

  @Test
  void refusesABrokenCommentLine() {
    assertThatThrownBy(() -> read("#model_version:v2025.03.14\ncve,epss,percentile\n", new ArrayList<>()))
        .hasMessage("test.csv at line 1: comment line lacks score_date: '#model_version:v2025.03.14'");
    assertThatThrownBy(() -> read("#model_version:v1,score_date:22/08/2026\ncve,epss,percentile\n", new ArrayList<>()))
        .hasMessage("test.csv at line 1: score_date '22/08/2026' is not an ISO-8601 date-time");
  }

  @Test
  void refusesAnOverLongLine() {
    String longLine = "CVE-2021-44228,0." + "1".repeat(FirstEpssCsvReader.MAX_LINE_CHARS) + ",0.5\n";
    assertThatThrownBy(() -> read(TOP + longLine, new ArrayList<>()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("test.csv at line 3: line longer than 1048576 characters; not an EPSS CSV?");
  }

  @Test
  void refusesAnEmptyFileAndAMissingHeader() {
    assertThatThrownBy(() -> read("", new ArrayList<>()))
        .hasMessage("test.csv at line 1: empty file; expected FIRST's EPSS CSV");
    assertThatThrownBy(() -> read("#model_version:v2025.03.14,score_date:2026-08-22T00:00:00+0000\n", new ArrayList<>()))
        .hasMessage("test.csv at line 2: expected the header 'cve,epss,percentile' of FIRST's EPSS scores CSV, "
            + "found end of file");
  }
}
