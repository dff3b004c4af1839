package org.patchwarden.app.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.patchwarden.formats.export.ExportFormat;
import org.patchwarden.usecase.ExportFilter;
import org.patchwarden.usecase.FindingExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden export}: findings and their assessments in a format other tools read. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export findings with their assessments, remediation state and VEX status, for the whole fleet or a",
      "filter, as JSON (documented schema), CSV, SARIF 2.1.0, CycloneDX 1.6 VEX or CSAF 2.0 VEX (docs/exports.md).",
      "Every status is exported unless --status says otherwise. Writes to stdout, or to --output; the",
      "database used is printed on stderr."
    })
final class ExportCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--format", paramLabel = "FORMAT", required = true,
      description = "json, csv, sarif, cyclonedx-vex or csaf.") String format;
  @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of stdout (replaced whole, only once the export is complete).") Path output;
  @Option(names = "--asset", paramLabel = "NAME", description = "Only this asset's findings (a known asset name); its CycloneDX VEX has the asset as subject.") String asset;
  @Option(names = "--package", paramLabel = "NAME", description = "Installed or matched (source) package name.") String pkg;
  @Option(names = "--cve", paramLabel = "ID", description = "An advisory id or alias: CVE-…, DSA-…, GHSA-…") String cve;
  @Option(names = "--kev", description = "Only vulnerabilities in CISA KEV.") boolean kevOnly;
  @Option(names = "--status", paramLabel = "STATUS", defaultValue = "all", description = "all (default), open, fixed, retracted, not_affected; "
      + "or planned, applied, verified, failed, risk-accepted, false-positive.") String status;
  @Option(names = "--tier", paramLabel = "TIER", description = "Only this tier of the policy, e.g. T0.") String tier;
  @Option(names = "--team", paramLabel = "TEAM", description = "Only assets whose owner team is this one.") String team;
  @Option(names = "--overdue", description = "Only open findings past their due date.") boolean overdue;
  @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML (default: $PATCHWARDEN_HOME/policy.yaml or the shipped one).") Path policy;

  @Override
  public Integer call() {
    ExportFormat fmt = ExportFormat.parse(format).orElseThrow(() ->
        new CliException(2, "--format '" + format + "' is not one of " + ExportFormat.labels()));
    ExportFilter filter = new ExportFilter(asset, pkg, cve, status.equalsIgnoreCase("all") ? null : status, tier, team,
        kevOnly, overdue);
    var exporter = root.app().exportFindings(policy);
    OwedMatching.warn(root);
    FindingExport export;
    try {
      export = exporter.export(filter);
    } catch (IllegalArgumentException e) {
      throw new CliException(2, "export: --" + e.getMessage());
    }
    DatabaseLine.print(root);
    var writer = fmt.writer(VersionProvider.version());
    if (output == null) {
      PrintWriter out = root.terminal().out();
      try (OutputStream stream = new WriterStream(out)) {
        writer.write(export, stream);
      } catch (IOException e) {
        throw new CliException(1, "export: cannot write " + fmt.label() + " to stdout: " + e.getMessage());
      }
      out.flush();
    } else {
      write(export, writer, output.toAbsolutePath());
      root.terminal().err().printf("export: %d findings written to %s (%s)%n", export.findings().size(), output,
          fmt.label());
    }
    return 0;
  }

  /** Writes beside {@code file} first, then moves over it: a failed export leaves the old file whole. */
  private static void write(FindingExport export, org.patchwarden.formats.export.FindingExportWriter writer, Path file) {
    Path dir = file.getParent();
    Path tmp = null;
    try {
      // NB: not createTempFile: its owner-only mode would stay on the moved file
      tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        writer.write(export, out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException(1, "export: cannot write " + file + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the move happened, or the export already failed with the reason that matters
        }
      }
    }
  }
}
