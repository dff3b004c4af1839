package org.patchwarden.formats.scanner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import org.patchwarden.remediate.ScannerReport;

/**
 * Reads a Nessus v2 report ({@code .nessus}, root {@code <NessusClientData_v2>}). Every {@code
 * <ReportHost>} was reached; its CVEs are the {@code <cve>} elements of its report items and the
 * CVEs of its patch summary ({@code patch-summary-cves-*} host properties: the CVEs the missing
 * patches fix, so still open on the host).
 */
final class NessusReportReader {
  static final String SCANNER = "nessus";
  static final String ROOT = "NessusClientData_v2";

  private final XmlCursor c;
  private final HostsSeen hosts = new HostsSeen();
  private Instant finishedAt;

  private NessusReportReader(XmlCursor c) {
    this.c = c;
  }

  /** Reads the report whose root element was just started, up to the root's end. */
  static ScannerReport read(XmlCursor c) throws XMLStreamException {
    NessusReportReader reader = new NessusReportReader(c);
    while (c.child()) {
      if (c.name().equals("Report")) {
        reader.report();
      } else {
        c.skip();
      }
    }
    return new ScannerReport(SCANNER, c.source(), Optional.ofNullable(reader.finishedAt), reader.hosts.hosts());
  }

  private void report() throws XMLStreamException {
    while (c.child()) {
      if (c.name().equals("ReportHost")) {
        reportHost();
      } else {
        c.skip();
      }
    }
  }

  private void reportHost() throws XMLStreamException {
    String name = c.attribute("name");
    Properties p = new Properties();
    List<String> cves = new ArrayList<>();
    while (c.child()) {
      switch (c.name()) {
        case "HostProperties" -> properties(p, cves);
        case "ReportItem" -> {
          while (c.child()) {
            if (c.name().equals("cve")) {
              cves.addAll(HostsSeen.cveIds(c.text()));
            } else {
              c.skip();
            }
          }
        }
        default -> c.skip();
      }
    }
    String address = !p.ip.isEmpty() ? p.ip : HostsSeen.looksLikeAddress(name) ? name : "";
    String hostName = firstNonEmpty(p.fqdn, p.hostname, HostsSeen.looksLikeAddress(name) ? "" : name, p.netbios, p.rdns);
    if (address.isEmpty() && hostName.isEmpty()) {
      throw c.error("<ReportHost> without a name, a host-ip or a host name property");
    }
    hosts.add(name.isEmpty() ? firstNonEmpty(address, hostName) : name, address, hostName, cves);
    p.end.ifPresent(end -> finishedAt = finishedAt == null || end.isAfter(finishedAt) ? end : finishedAt);
  }

  private void properties(Properties p, List<String> cves) throws XMLStreamException {
    while (c.child()) {
      if (!c.name().equals("tag")) {
        c.skip();
        continue;
      }
      String tag = c.attribute("name");
      String value = c.text();
      switch (tag) {
        case "host-ip" -> p.ip = value;
        case "host-fqdn" -> p.fqdn = value;
        case "hostname" -> p.hostname = value;
        case "netbios-name" -> p.netbios = value;
        case "host-rdns" -> p.rdns = value;
        case "HOST_END_TIMESTAMP" -> p.end = epochSeconds(value);
        default -> {
          if (tag.startsWith("patch-summary-cves-")) {
            cves.addAll(HostsSeen.cveIds(value));
          }
        }
      }
    }
  }

  /**
   * NB: only newer Nessus versions write {@code HOST_END_TIMESTAMP}; {@code HOST_END} alone is the
   * scanner's local time without a zone, so the time is then unknown rather than guessed.
   */
  private static Optional<Instant> epochSeconds(String text) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (!v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  /** The host properties this reader uses. */
  private static final class Properties {
    String ip = "";
    String fqdn = "";
    String hostname = "";
    String netbios = "";
    String rdns = "";
    Optional<Instant> end = Optional.empty();
  }
}
