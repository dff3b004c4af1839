package org.patchwarden.formats.scanner;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.patchwarden.remediate.ScannerReport;

/**
 * Reads a Greenbone/OpenVAS XML report (the "XML" report format, GMP 8 and later, root {@code
 * <report>} around an inner {@code <report>}, or a {@code <get_reports_response>} around them).
 * A host is reached when a result names it or the report lists it under {@code <host><ip>}; its CVEs
 * are those of its results' NVT references ({@code <refs><ref type="cve">}, or the older {@code
 * <cve>} list), except for results an override marked as false positives.
 */
final class OpenVasReportReader {
  static final String SCANNER = "openvas";

  private final XmlCursor c;
  private final HostsSeen hosts = new HostsSeen();
  private Optional<Instant> finishedAt = Optional.empty();
  private boolean sawBody;

  private OpenVasReportReader(XmlCursor c) {
    this.c = c;
  }

  /** Whether a root element of this name starts an OpenVAS report. */
  static boolean isRoot(String name) {
    return name.equals("report") || name.equals("get_reports_response");
  }

  /** Reads the report whose root element was just started, up to the root's end. */
  static ScannerReport read(XmlCursor c) throws XMLStreamException {
    OpenVasReportReader reader = new OpenVasReportReader(c);
    if (c.name().equals("get_reports_response")) {
      while (c.child()) {
        if (c.name().equals("report")) {
          reader.body();
        } else {
          c.skip();
        }
      }
    } else {
      reader.body();
    }
    if (!reader.sawBody) {
      throw c.error("<" + c.name() + "> holds no Greenbone/OpenVAS report body (results, hosts, scan status)");
    }
    return new ScannerReport(SCANNER, c.source(), reader.finishedAt, reader.hosts.hosts());
  }

  /** A {@code <report>}: the outer one holds metadata and the inner one, the inner one the results. */
  private void body() throws XMLStreamException {
    while (c.child()) {
      switch (c.name()) {
        case "report" -> body();
        case "results" -> {
          sawBody = true;
          results();
        }
        case "host" -> {
          sawBody = true;
          reportHost();
        }
        case "scan_end" -> {
          sawBody = true;
          finishedAt = instant(c.text()).or(() -> finishedAt);
        }
        case "scan_run_status" -> {
          sawBody = true;
          c.skip();
        }
        default -> c.skip();
      }
    }
  }

  private void results() throws XMLStreamException {
    while (c.child()) {
      if (c.name().equals("result")) {
        result();
      } else {
        c.skip();
      }
    }
  }

  private void result() throws XMLStreamException {
    String[] host = {"", ""};
    List<String> cves = new ArrayList<>();
    String threat = "";
    String severity = "";
    while (c.child()) {
      switch (c.name()) {
        case "host" -> host = resultHost();
        case "nvt" -> nvt(cves);
        case "threat" -> threat = c.text();
        case "severity" -> severity = c.text();
        default -> c.skip();
      }
    }
    if (host[0].isEmpty() && host[1].isEmpty()) {
      return; // NB: a result without a host (an error note of the scan itself) names no host to reach.
    }
    if (falsePositive(threat, severity)) {
      cves.clear(); // the host was reached; an override says these CVEs are not there
    }
    add(host[0], host[1], cves);
  }

  /** {@code <host>10.0.0.1<asset/><hostname>db1</hostname></host>}: the address text and the name. */
  private String[] resultHost() throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    String hostName = "";
    while (true) {
      int event = c.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        return new String[] {text.toString().strip(), hostName};
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (c.name().equals("hostname")) {
          hostName = c.text();
        } else {
          c.skip();
        }
      } else if (XmlCursor.isText(event)) {
        c.append(text, "host");
      }
    }
  }

  private void nvt(List<String> cves) throws XMLStreamException {
    while (c.child()) {
      switch (c.name()) {
        case "refs" -> {
          while (c.child()) {
            if (c.name().equals("ref") && c.attribute("type").equalsIgnoreCase("cve")) {
              cves.addAll(HostsSeen.cveIds(c.attribute("id")));
            }
            c.skip();
          }
        }
        // Before GMP 8 the NVT listed its CVEs as text: "CVE-2011-1, CVE-2011-2" or "NOCVE".
        case "cve" -> cves.addAll(HostsSeen.cveIds(c.text()));
        default -> c.skip();
      }
    }
  }

  /** {@code <host><ip>…</ip><detail><name>hostname</name><value>…</value></detail></host>}. */
  private void reportHost() throws XMLStreamException {
    String ip = "";
    String hostName = "";
    while (c.child()) {
      switch (c.name()) {
        case "ip" -> ip = c.text();
        case "detail" -> {
          String name = "";
          String value = "";
          while (c.child()) {
            switch (c.name()) {
              case "name" -> name = c.text();
              case "value" -> value = c.text();
              default -> c.skip();
            }
          }
          if (name.equals("hostname") && hostName.isEmpty()) {
            hostName = value;
          }
        }
        default -> c.skip();
      }
    }
    add(ip, hostName, List.of());
  }

  private void add(String hostText, String hostName, List<String> cves) {
    if (hostText.isEmpty() && hostName.isEmpty()) {
      return;
    }
    // NB: the result's host text is the address the scanner reached, or the target's name when it
    // was given by name and not resolved.
    boolean address = HostsSeen.looksLikeAddress(hostText);
    String key = hostText.isEmpty() ? hostName : hostText;
    hosts.add(key, address ? hostText : "", address ? hostName : firstNonEmpty(hostName, hostText), cves);
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }

  /** Overrides turn a result into a false positive: threat "False Positive", severity -1. */
  private static boolean falsePositive(String threat, String severity) {
    if (threat.equalsIgnoreCase("False Positive")) {
      return true;
    }
    try {
      return !severity.isEmpty() && Double.parseDouble(severity) < 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** An ISO-8601 time with offset; empty when absent or written otherwise. */
  private static Optional<Instant> instant(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      // NB: GMP before 8 wrote times as "Mon Sep 25 10:54:26 2023" without a zone; the time is then
      // unknown rather than guessed, and the report is still evidence for its hosts.
      return Optional.empty();
    }
  }
}
