package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.formats.report.HtmlReportWriter;
import org.patchwarden.formats.report.ReportFormat;
import org.patchwarden.report.PatchReport;
import org.patchwarden.report.ReportPeriod;
import org.patchwarden.usecase.BuildPatchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden report}: the patch-management report of a period as HTML, PDF and/or JSON. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the patch-management report of a period: KEV exposure, open findings by tier and team, the",
      "overdue list, time to verified fix, verification pass rate and weekly trend, with SVG charts.",
      "HTML and PDF show the same document, JSON the same figures (docs/reports.md); GET /api/v1/report",
      "serves them too. The period defaults to the 30 days ending today.",
      "Exit codes: 0 written, 1 a write failed, 2 bad options, dates or output paths."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the report as HTML to FILE.") Path html;
  @Option(names = "--pdf", paramLabel = "FILE", description = "Write the report as PDF to FILE.") Path pdf;
  @Option(names = "--json", paramLabel = "FILE", description = "Write the report's figures as JSON to FILE.") Path json;
  @Option(names = "--from", paramLabel = "DATE", description = "First day of the period (YYYY-MM-DD).") String from;
  @Option(names = "--to", paramLabel = "DATE", description = "Last day of the period (YYYY-MM-DD; default today).") String to;
  @Option(names = "--team", paramLabel = "TEAM", description = "Only assets whose owner team is this one.") String team;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;

  @Override
  public Integer call() {
    Map<ReportFormat, Path> outputs = new EnumMap<>(ReportFormat.class);
    if (html != null) {
      outputs.put(ReportFormat.HTML, html);
    }
    if (pdf != null) {
      outputs.put(ReportFormat.PDF, pdf);
    }
    if (json != null) {
      outputs.put(ReportFormat.JSON, json);
    }
    if (outputs.isEmpty()) {
      throw new CliException(2, "report: give --html FILE, --pdf FILE, --json FILE or several");
    }
    LocalDate fromDate = date("--from", from);
    LocalDate toDate = date("--to", to);
    outputs.forEach(ReportCommand::checkWritable);
    BuildPatchReport build = root.app().buildPatchReport(policy);
    ReportPeriod period;
    try {
      period = build.period(fromDate, toDate);
    } catch (IllegalArgumentException e) {
      throw new CliException(2, "report: " + e.getMessage());
    }
    DatabaseLine.print(root);
    PatchReport report = build.build(period, team, t -> true);
    String page = html != null || pdf != null ? HtmlReportWriter.write(report) : "";
    outputs.forEach((format, file) -> {
      write(file, out -> format.write(report, page, out));
      root.terminal().out().printf("wrote %s (%s, %s to %s)%n", file, format.name(), period.from(), period.to());
    });
    root.terminal().out().printf("%d open findings, %d overdue, %d in KEV; verification pass rate %s%n",
        report.openFindings(), report.overdue().size(), report.kev().openFindings(),
        HtmlReportWriter.percent(report.remediation().passRate()));
    return 0;
  }

  private static LocalDate date(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new CliException(2, "report: option " + option + ": '" + text + "' is not a date; expected YYYY-MM-DD");
    }
  }

  /**
   * Refuses, before any work, an output that cannot be a file: a folder, or a path under a file or
   * under a folder this user may not write (the parent folders are created when missing).
   */
  private static void checkWritable(ReportFormat format, Path target) {
    String option = "--" + format.label();
    Path abs = target.toAbsolutePath();
    if (Files.isDirectory(abs)) {
      throw new CliException(2, "report: option " + option + ": " + target + " is a folder; name a file");
    }
    Path dir = abs.getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new CliException(2, "report: option " + option + ": cannot write " + target + ": " + dir
          + " is not a folder");
    }
    if (!Files.isWritable(dir) || Files.exists(abs) && !Files.isWritable(abs)) {
      throw new CliException(2, "report: option " + option + ": cannot write " + target + ": permission denied");
    }
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** Writes beside the target and moves it in, so that a failed render never leaves half a report. */
  private static void write(Path target, Body body) {
    Path abs = target.toAbsolutePath();
    Path tmp = null;
    try {
      Files.createDirectories(abs.getParent());
      tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.write(out);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CliException(1, "report: cannot write " + target + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the move took it, or it is a stray temp file the user may delete
        }
      }
    }
  }
}
