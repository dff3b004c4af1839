package org.patchwarden.formats.scanner;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.patchwarden.feed.FeedFormatException;

/**
 * A StAX reader walked element by element with the limits every scanner report gets: no document
 * type declaration or entity, bounded nesting and bounded text, and an early end named as such.
 */
final class XmlCursor {
  private final XMLStreamReader r;
  private final String source;
  private final ScannerReadLimits limits;
  private int depth;

  XmlCursor(XMLStreamReader r, String source, ScannerReadLimits limits) {
    this.r = r;
    this.source = source;
    this.limits = limits;
  }

  String source() {
    return source;
  }

  /** Moves to the root element; refuses a document without one. */
  void root() throws XMLStreamException {
    while (next() != XMLStreamConstants.START_ELEMENT) {
      if (r.getEventType() == XMLStreamConstants.END_DOCUMENT) {
        throw error("no root element; is this a scanner report?");
      }
    }
  }

  /** After the root element has ended: only comments and whitespace may follow. */
  void end() throws XMLStreamException {
    while (r.hasNext()) {
      if (next() == XMLStreamConstants.START_ELEMENT) {
        throw error("content after the end of the report");
      }
    }
  }

  /**
   * Moves to the next child element of the element now open and returns true, or to that element's
   * end and returns false. Text between children is passed over.
   */
  boolean child() throws XMLStreamException {
    while (true) {
      int event = next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
    }
  }

  /** Skips the element whose start was just read, with everything in it. */
  void skip() throws XMLStreamException {
    int start = depth;
    while (depth >= start) {
      next();
    }
  }

  /** The stripped text of the element whose start was just read; child elements' text is included. */
  String text() throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    String element = r.getLocalName();
    int start = depth;
    while (true) {
      int event = next();
      if (depth < start) {
        return sb.toString().strip();
      }
      if (isText(event)) {
        append(sb, element);
      }
    }
  }

  /** Appends the text event just read to {@code sb}, refusing text longer than the limit. */
  void append(StringBuilder sb, String element) {
    if (sb.length() + r.getTextLength() > limits.maxTextLength()) {
      throw error("text of <" + element + "> longer than " + limits.maxTextLength() + " characters");
    }
    sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
  }

  static boolean isText(int event) {
    return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
        || event == XMLStreamConstants.SPACE;
  }

  String name() {
    return r.getLocalName();
  }

  /** The attribute of the element just started, stripped, or empty. */
  String attribute(String name) {
    String v = r.getAttributeValue(null, name);
    return v == null ? "" : v.strip();
  }

  /** The next event, with nesting counted and declarations refused. */
  int next() throws XMLStreamException {
    if (!r.hasNext()) {
      throw error("document ends early (truncated?)");
    }
    int event = r.next();
    switch (event) {
      case XMLStreamConstants.START_ELEMENT -> {
        if (++depth > limits.maxDepth()) {
          throw error("elements nested deeper than " + limits.maxDepth());
        }
      }
      case XMLStreamConstants.END_ELEMENT -> depth--;
      case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
          throw error("document type declarations and entities are refused (XXE and entity-expansion protection)");
      default -> { }
    }
    return event;
  }

  int event() {
    return r.getEventType();
  }

  /** An error at the reader's position. */
  FeedFormatException error(String reason) {
    return new FeedFormatException(source, here(r.getLocation()), reason);
  }

  static String here(Location loc) {
    return loc == null ? "unknown position" : "line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
  }
}
