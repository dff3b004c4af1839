package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchwarden report} on the demo fleet (one demo for the class): files written, refusals with exit 2. */
class ReportCommandTest {
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-01T08:00:00Z"), ZoneOffset.UTC);
  @TempDir static Path dir;
  private static Map<String, String> env;

  @BeforeAll
  static void demo() {
    var demo = CommandLineRunner.run(TODAY, Map.of("PATCHWARDEN_HOME", dir.toString()), "", "demo");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    env = Map.of("PATCHWARDEN_HOME", dir.resolve("demo").toString());
  }

  private static CommandLineRunner.Result report(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "report";
    System.arraycopy(args, 0, all, 1, args.length);
    return CommandLineRunner.run(TODAY, env, "", all);
  }

  @Test
  void htmlPdfAndJsonAreWrittenInMissingFoldersWithTheSummaryPrinted() throws IOException {
    Path out = dir.resolve("out/new/folder");
    var r = report("--html", out.resolve("r.html").toString(), "--pdf", out.resolve("r.pdf").toString(),
        "--json", out.resolve("r.json").toString(), "--from", "2026-10-01");

    assertThat(r.exitCode()).as(r.err()).isZero();
    String html = Files.readString(out.resolve("r.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("data-figure=\"open-findings\"", "<svg");
    byte[] pdf = Files.readAllBytes(out.resolve("r.pdf"));
    assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    JsonNode json = new ObjectMapper().readTree(out.resolve("r.json").toFile());
    assertThat(json.at("/period/from").asText()).isEqualTo("2026-10-01");
    assertThat(json.at("/period/to").asText()).isEqualTo("2026-11-01");
    int open = json.at("/summary/open_findings").asInt();
    assertThat(open).isPositive();
    assertThat(html).contains("data-figure=\"open-findings\">" + open + "<");
    assertThat(r.out()).contains("wrote " + out.resolve("r.html") + " (HTML, 2026-10-01 to 2026-11-01)",
        "wrote " + out.resolve("r.pdf") + " (PDF,", "wrote " + out.resolve("r.json") + " (JSON,",
        open + " open findings");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
          .containsExactlyInAnyOrder("r.html", "r.pdf", "r.json");
    }
  }

  @Test
  void aTeamNarrowsTheReportToItsAssets() throws IOException {
    Path all = dir.resolve("team/all.json");
    Path none = dir.resolve("team/none.json");
    assertThat(report("--json", all.toString()).exitCode()).isZero();
    assertThat(report("--json", none.toString(), "--team", "no-such-team").exitCode()).isZero();

    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(all.toFile()).at("/summary/open_findings").asInt()).isPositive();
    assertThat(json.readTree(none.toFile()).at("/summary/open_findings").asInt()).isZero();
  }

  @Test
  void noOutputOptionIsAUsageErrorNamingTheOptions() {
    var r = report("--from", "2026-10-01");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("give --html FILE, --pdf FILE, --json FILE");
  }

  @Test
  void aBadDateIsRefusedNamingTheOptionAndTheFormat() {
    var r = report("--html", dir.resolve("bad.html").toString(), "--from", "2026-02-30");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--from", "'2026-02-30' is not a date; expected YYYY-MM-DD");
    assertThat(dir.resolve("bad.html")).doesNotExist();
  }

  @Test
  void aPeriodEndingBeforeItStartsIsRefused() {
    var r = report("--html", dir.resolve("backwards.html").toString(), "--from", "2026-10-10", "--to", "2026-10-01");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--to 2026-10-01 is before --from 2026-10-10");
    assertThat(dir.resolve("backwards.html")).doesNotExist();
  }

  @Test
  void anOutputThatCannotBeAFileIsRefusedBeforeAnyWork() throws IOException {
    Path file = Files.writeString(dir.resolve("plain.txt"), "not a folder");
    var underFile = report("--pdf", file.resolve("report.pdf").toString());
    assertThat(underFile.exitCode()).isEqualTo(2);
    assertThat(underFile.err()).contains("--pdf", "cannot write " + file.resolve("report.pdf"), "is not a folder");
    assertThat(underFile.out()).doesNotContain("wrote");

    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    var onFolder = report("--html", folder.toString());
    assertThat(onFolder.exitCode()).isEqualTo(2);
    assertThat(onFolder.err()).contains("--html", folder + " is a folder; name a file");
  }

  @Test
  void helpNamesEveryOptionAndTheExitCodes() {
    var r = report("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage: patchwarden report", "--html=FILE", "--pdf=FILE", "--json=FILE",
        "--from=DATE", "--to=DATE", "--team=TEAM", "--policy=FILE", "docs/reports.md", "GET /api/v1/report",
        "Exit codes: 0 written, 1 a write failed, 2 bad options");
  }
}
