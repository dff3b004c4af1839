package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.scanner.ScannerReports;
import org.patchwarden.remediate.ScannedHost;
import org.patchwarden.remediate.ScannerReport;
import org.patchwarden.usecase.InspectScannerReport.HostEvidence;
import org.patchwarden.usecase.InspectScannerReport.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden scanner-report FILE}: what a Greenbone/OpenVAS or Nessus report says, per host. */
@Command(name = "scanner-report", mixinStandardHelpOptions = true,
    description = {"Show the hosts a network scan (Greenbone/OpenVAS XML or Nessus .nessus) reached, the CVEs it"
        + " still reported on each, and which known assets they are (by address or host name).",
        "A known asset the scan did not reach is listed apart: the report proves nothing about it.",
        "Exit code 2 when the file is not a report this reads (malformed, truncated, unknown root element)."})
final class ScannerReportCommand implements Callable<Integer> {
  static final String SCHEMA = "patchwarden.scanner-report/1";
  private static final int CVES_PER_LINE = 6;
  private static final int NOT_REACHED_SHOWN = 20;

  @ParentCommand PatchwardenCommand root;

  @Parameters(paramLabel = "FILE", description = "The report: OpenVAS/Greenbone XML (<report>) or Nessus v2 (.nessus).")
  Path file;

  @Option(names = "--json", description = "Print JSON (" + SCHEMA + ", see docs/scanner-reports.md).")
  boolean json;

  @Override
  public Integer call() {
    ScannerReport report;
    try {
      report = ScannerReports.read(file);
    } catch (FeedFormatException e) {
      throw new CliException(2, "refused scanner report: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new CliException(2, e.getMessage());
    }
    Inspection inspection = root.app().inspectScannerReport().inspect(report);
    PrintWriter out = root.terminal().out();
    if (json) {
      FindingJson.print(out, json(inspection));
    } else {
      text(out, inspection);
    }
    return 0;
  }

  private static void text(PrintWriter out, Inspection in) {
    ScannerReport r = in.report();
    out.printf("%s report %s%s: %d host%s reached, %d distinct CVE%s%n", r.scanner(), r.source(),
        r.finishedAt().map(t -> ", finished " + t).orElse(", end time not stated"), r.hosts().size(),
        r.hosts().size() == 1 ? "" : "s", in.cveIds().size(), in.cveIds().size() == 1 ? "" : "s");
    for (HostEvidence h : in.hosts()) {
      ScannedHost host = h.host();
      String asset = !in.assetsMapped() ? "not mapped (no database)"
          : h.assets().isEmpty() ? "no known asset" : "asset " + String.join(", ", h.assets());
      out.printf("%n%s%s -> %s: %d CVE%s%n", orDash(host.address()),
          host.hostName().isEmpty() ? "" : " (" + host.hostName() + ")", asset, host.cveIds().size(),
          host.cveIds().size() == 1 ? "" : "s");
      List<String> ids = h.cveIds();
      for (int i = 0; i < ids.size(); i += CVES_PER_LINE) {
        out.println("  " + String.join(" ", ids.subList(i, Math.min(ids.size(), i + CVES_PER_LINE))));
      }
    }
    if (in.assetsMapped()) {
      List<String> not = in.assetsNotReached();
      out.printf("%nKnown assets the scan did not reach (no evidence either way): %d%s%n", not.size(),
          not.isEmpty() ? "" : ": " + String.join(", ", not.subList(0, Math.min(not.size(), NOT_REACHED_SHOWN)))
              + (not.size() > NOT_REACHED_SHOWN ? ", … " + (not.size() - NOT_REACHED_SHOWN) + " more (--json lists all)"
                  : ""));
    }
  }

  private static Map<String, Object> json(Inspection in) {
    ScannerReport r = in.report();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("scanner", r.scanner());
    m.put("source", r.source());
    m.put("finished_at", r.finishedAt().map(Object::toString).orElse(""));
    m.put("assets_mapped", in.assetsMapped());
    m.put("hosts", in.hosts().stream().map(h -> {
      Map<String, Object> host = new LinkedHashMap<>();
      host.put("address", h.host().address());
      host.put("host_name", h.host().hostName());
      host.put("assets", h.assets());
      host.put("cve_ids", h.cveIds());
      return host;
    }).toList());
    m.put("cve_ids", in.cveIds());
    m.put("assets_not_reached", in.assetsNotReached());
    return m;
  }

  private static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }
}
