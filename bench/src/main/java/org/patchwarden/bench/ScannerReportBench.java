package org.patchwarden.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.patchwarden.formats.scanner.ScannerReadLimits;
import org.patchwarden.formats.scanner.ScannerReports;
import org.patchwarden.remediate.ScannerReport;

/**
 * Reading a scanner report from memory: the real samples (run from the checkout's root, which holds
 * {@code formats/src/test/resources/scanners}), and a generated Nessus report of 500 hosts with 40
 * items of 5 CVEs each (about 20 MB) for throughput. Scores are milliseconds per report.
 *
 * <pre>./patchwarden bench ScannerReportBench</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ScannerReportBench {
  static final String GENERATED = "generated-500-hosts.nessus";

  @Param({"openvas/many_vuln.xml", "nessus/nessus_with_cvssv3.nessus", "nessus/nessus_v_unknown.xml", GENERATED})
  public String report;

  private byte[] bytes;

  @Setup
  public void load() {
    if (report.equals(GENERATED)) {
      bytes = generated(500, 40, 5).getBytes(StandardCharsets.UTF_8);
      return;
    }
    try {
      bytes = Files.readAllBytes(Path.of("formats/src/test/resources/scanners").resolve(report));
    } catch (IOException e) {
      throw new UncheckedIOException("run from the checkout's root: " + e.getMessage(), e);
    }
  }

  @Benchmark
  public ScannerReport read() {
    return ScannerReports.read(new ByteArrayInputStream(bytes), report, ScannerReadLimits.DEFAULT);
  }

  /** A Nessus v2 report with plugin output text, as real reports carry, around the parts the reader keeps. */
  static String generated(int hosts, int items, int cvesPerItem) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" ?>\n<NessusClientData_v2><Policy><policyName>x"
        + "</policyName></Policy><Report name=\"bench\">\n");
    int cve = 0;
    for (int h = 0; h < hosts; h++) {
      b.append("<ReportHost name=\"host").append(h).append("\"><HostProperties>")
          .append("<tag name=\"host-ip\">10.").append(h / 250).append('.').append(h % 250).append(".1</tag>")
          .append("<tag name=\"host-fqdn\">host").append(h).append(".example</tag>")
          .append("<tag name=\"HOST_END_TIMESTAMP\">1700000000</tag></HostProperties>\n");
      for (int i = 0; i < items; i++) {
        b.append("<ReportItem port=\"443\" svc_name=\"www\" protocol=\"tcp\" severity=\"2\" pluginID=\"")
            .append(100000 + i).append("\" pluginName=\"Example\" pluginFamily=\"General\">")
            .append("<description>").append("The remote service is affected by several issues. ".repeat(4))
            .append("</description><plugin_output>Installed version : 1.2.3\nFixed version : 1.2.4\n</plugin_output>");
        for (int c = 0; c < cvesPerItem; c++) {
          b.append("<cve>CVE-2024-").append(10000 + (cve++ % 5000)).append("</cve>");
        }
        b.append("</ReportItem>\n");
      }
      b.append("</ReportHost>\n");
    }
    return b.append("</Report></NessusClientData_v2>\n").toString();
  }
}
