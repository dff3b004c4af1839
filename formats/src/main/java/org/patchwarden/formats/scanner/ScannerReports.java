package org.patchwarden.formats.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.remediate.ScannerReport;

/**
 * Reads a network-scanner report, telling Greenbone/OpenVAS XML from Nessus v2 by the root element.
 * Streams with StAX, refuses any document type declaration (so neither external entities nor
 * entity expansion can happen), and bounds bytes, nesting and text ({@link ScannerReadLimits}).
 */
public final class ScannerReports {
  private ScannerReports() {}

  /** Reads {@code file} within {@link ScannerReadLimits#DEFAULT}; the file's path names it in errors. */
  public static ScannerReport read(Path file) {
    return read(file, ScannerReadLimits.DEFAULT);
  }

  /**
   * Reads {@code file} within {@code limits}.
   *
   * @throws FeedFormatException when the file is not a report this reads, naming file, place and reason
   * @throws UncheckedIOException when the file cannot be read
   */
  public static ScannerReport read(Path file, ScannerReadLimits limits) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), limits);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException(file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a report from {@code in}, called {@code source} in errors.
   *
   * @param in not closed here; the caller owns it
   */
  public static ScannerReport read(InputStream in, String source, ScannerReadLimits limits) {
    XMLStreamReader r = null;
    try {
      r = factory().createXMLStreamReader(new CappedInputStream(in, limits.maxBytes(), source));
      XmlCursor c = new XmlCursor(r, source, limits);
      c.root();
      String root = c.name();
      ScannerReport report;
      if (root.equals(NessusReportReader.ROOT)) {
        report = NessusReportReader.read(c);
      } else if (OpenVasReportReader.isRoot(root)) {
        report = OpenVasReportReader.read(c);
      } else if (root.equals("NessusClientData")) {
        throw c.error("Nessus v1 reports are not read; export the scan as .nessus (v2)");
      } else {
        throw c.error("root element <" + root + "> is neither a Greenbone/OpenVAS report (<report>) nor a Nessus v2"
            + " report (<" + NessusReportReader.ROOT + ">)");
      }
      c.end();
      return report;
    } catch (XMLStreamException e) {
      throw new FeedFormatException(source, XmlCursor.here(e.getLocation()), "malformed XML: " + reason(e), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // NB: closing a StAX reader releases parser state only; the stream belongs to the caller.
        }
      }
    }
  }

  /** The parser's reason without its "ParseError at [row,col]" prefix: the place is named already. */
  private static String reason(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    int at = m.indexOf("Message: ");
    return at >= 0 ? m.substring(at + "Message: ".length()).strip() : m.strip();
  }

  private static XMLInputFactory factory() {
    // The JDK's own implementation, whatever else is on the class path; one per read, as factories
    // are not documented to be thread-safe.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    return f;
  }
}
