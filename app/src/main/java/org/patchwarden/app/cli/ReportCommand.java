package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.patchwarden.formats.report.HtmlReportWriter;
import org.patchwarden.formats.report.PdfReportWriter;
import org.patchwarden.report.PatchReport;
import org.patchwarden.report.ReportPeriod;
import org.patchwarden.usecase.BuildPatchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden report}: the patch-management report of a period as HTML and/or PDF. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the patch-management report of a period: KEV exposure, open findings by tier and team, the",
      "overdue list, time to verified fix, verification pass rate and weekly trend, with SVG charts.",
      "HTML and PDF show the same document (docs/reports.md). The period defaults to the 30 days ending today."
    })
final class ReportCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the report as HTML to FILE.") Path html;
  @Option(names = "--pdf", paramLabel = "FILE", description = "Write the report as PDF to FILE.") Path pdf;
  @Option(names = "--from", paramLabel = "DATE", description = "First day of the period (YYYY-MM-DD).") String from;
  @Option(names = "--to", paramLabel = "DATE", description = "Last day of the period (YYYY-MM-DD; default today).") String to;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;

  @Override
  public Integer call() {
    if (html == null && pdf == null) {
      throw new CliException(2, "report: give --html FILE, --pdf FILE or both");
    }
    BuildPatchReport build = root.app().buildPatchReport(policy);
    ReportPeriod period;
    try {
      period = build.period(date("--from", from), date("--to", to));
    } catch (IllegalArgumentException e) {
      throw new CliException(2, "report: " + e.getMessage());
    }
    DatabaseLine.print(root);
    PatchReport report = build.build(period);
    String page = HtmlReportWriter.write(report);
    if (html != null) {
      write(html, out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
      root.terminal().out().printf("wrote %s (HTML, %s to %s)%n", html, period.from(), period.to());
    }
    if (pdf != null) {
      write(pdf, out -> PdfReportWriter.writeHtml(page, out));
      root.terminal().out().printf("wrote %s (PDF, %s to %s)%n", pdf, period.from(), period.to());
    }
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
