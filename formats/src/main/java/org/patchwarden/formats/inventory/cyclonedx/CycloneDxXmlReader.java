package org.patchwarden.formats.inventory.cyclonedx;

import java.io.InputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.ReadLimits;

/**
 * Reads the components of a CycloneDX XML BOM (1.4–1.6) with StAX, element by element. Nested
 * {@code components} are read recursively; components under {@code pedigree} (ancestors, variants)
 * are not installed and are skipped. A document type declaration is refused outright, so neither
 * external entities (XXE) nor entity expansion (billion laughs) can happen.
 */
public final class CycloneDxXmlReader implements InventoryReader {
  private static final String NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/";

  private final ReadLimits limits;
  private final XMLInputFactory factory;

  public CycloneDxXmlReader() {
    this(ReadLimits.DEFAULT);
  }

  public CycloneDxXmlReader(ReadLimits limits) {
    this.limits = limits;
    // The JDK's own implementation, whatever else is on the class path, configured once.
    this.factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  @Override
  public CollectedPackages read(InputStream in, String source) {
    CollectedPackages.Builder out = new CollectedPackages.Builder(source, limits);
    XMLStreamReader r = null;
    try {
      r = factory.createXMLStreamReader(new CappedInputStream(in, limits.maxBytes(), source));
      new Parse(r, out).bom();
      return out.build();
    } catch (XMLStreamException e) {
      throw new FeedFormatException(source, where(e.getLocation()), "malformed XML: " + e.getMessage(), e);
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

  private static String where(Location loc) {
    return loc == null ? "unknown position" : "line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
  }

  /** One parse: the reader, the result and the BOM's namespace. */
  private final class Parse {
    private final XMLStreamReader r;
    private final CollectedPackages.Builder out;
    private final String source;
    private String namespace;

    Parse(XMLStreamReader r, CollectedPackages.Builder out) {
      this.r = r;
      this.out = out;
      this.source = out.source();
    }

    void bom() throws XMLStreamException {
      int event = next();
      while (event != XMLStreamConstants.START_ELEMENT) {
        if (event == XMLStreamConstants.END_DOCUMENT) {
          throw new FeedFormatException(source, "end of document", "no root element; is this a CycloneDX XML BOM?");
        }
        event = next();
      }
      namespace = r.getNamespaceURI();
      if (!"bom".equals(r.getLocalName()) || namespace == null || !namespace.startsWith(NAMESPACE_PREFIX)) {
        throw new FeedFormatException(source, here(), "root element <" + r.getLocalName() + "> in namespace '"
            + namespace + "' is not a CycloneDX <bom> (" + NAMESPACE_PREFIX + "1.x)");
      }
      CycloneDxComponents.checkSpecVersion(namespace.substring(NAMESPACE_PREFIX.length()), out).ifPresent(reason -> {
        throw new FeedFormatException(source, "xmlns", reason);
      });
      while (next() != XMLStreamConstants.END_ELEMENT) {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (ours() && r.getLocalName().equals("metadata")) {
          metadata();
        } else if (ours() && r.getLocalName().equals("components")) {
          components("/bom/components", 1);
        } else {
          skip();
        }
      }
      while (next() != XMLStreamConstants.END_DOCUMENT) {
        if (r.getEventType() == XMLStreamConstants.START_ELEMENT) {
          throw new FeedFormatException(source, here(), "content after the end of the BOM");
        }
      }
    }

    private void metadata() throws XMLStreamException {
      while (next() != XMLStreamConstants.END_ELEMENT) {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (ours() && r.getLocalName().equals("component")) {
          Fields subject = new Fields();
          String place = "/bom/metadata/component";
          while (next() != XMLStreamConstants.END_ELEMENT) {
            if (r.getEventType() == XMLStreamConstants.START_ELEMENT && !subject.take(place)) {
              skip();
            }
          }
          out.subject(subject.name, subject.version);
        } else {
          skip();
        }
      }
    }

    /** At the start of a {@code <components>} element; reads up to its end. */
    private void components(String path, int depth) throws XMLStreamException {
      int index = 0;
      while (next() != XMLStreamConstants.END_ELEMENT) {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (ours() && r.getLocalName().equals("component")) {
          component(path + "/component[" + (++index) + "]", depth);
        } else {
          skip();
        }
      }
    }

    /** At the start of a {@code <component>}; reads up to its end, nested components included. */
    private void component(String path, int depth) throws XMLStreamException {
      if (depth > CycloneDxComponents.MAX_NESTING) {
        throw new FeedFormatException(source, path, "components nested deeper than " + CycloneDxComponents.MAX_NESTING);
      }
      String place = path + " (" + here() + ")";
      String type = attribute("type");
      Fields f = new Fields();
      boolean added = false;
      while (next() != XMLStreamConstants.END_ELEMENT) {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT || f.take(place)) {
          continue;
        }
        if (ours() && r.getLocalName().equals("components")) {
          // The schema puts purl and cpe before nested components: the parent is complete here, and
          // adding it first keeps the order parent-then-children, as in the JSON binding.
          if (!added) {
            add(type, f, place);
            added = true;
          }
          components(path + "/components", depth + 1);
        } else {
          skip();
        }
      }
      if (!added) {
        add(type, f, place);
      }
    }

    private void add(String type, Fields f, String place) {
      String labelled = f.name.isEmpty() ? place : place + " " + f.name;
      CycloneDxComponents.add(type, f.name, f.version, f.purl, f.cpe, out, labelled);
    }

    private String attribute(String name) {
      String v = r.getAttributeValue(null, name);
      return v == null ? "" : v.strip();
    }

    /** Skips the element whose start was just read, with everything in it. */
    private void skip() throws XMLStreamException {
      int depth = 1;
      while (depth > 0) {
        int event = next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }

    /** The text of the element whose start was just read, bounded; child elements are refused. */
    private String text(String place) throws XMLStreamException {
      StringBuilder sb = new StringBuilder();
      String element = r.getLocalName();
      while (true) {
        int event = next();
        switch (event) {
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (sb.length() + r.getTextLength() > limits.maxLineLength()) {
              throw new FeedFormatException(source, place + "/" + element,
                  "text longer than " + limits.maxLineLength() + " characters");
            }
            sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          }
          case XMLStreamConstants.END_ELEMENT -> {
            return sb.toString().strip();
          }
          case XMLStreamConstants.START_ELEMENT ->
              throw new FeedFormatException(source, place + "/" + element, "expected text, found <" + r.getLocalName() + ">");
          default -> { }
        }
      }
    }

    private int next() throws XMLStreamException {
      if (!r.hasNext()) {
        throw new FeedFormatException(source, here(), "document ends early (truncated?)");
      }
      int event = r.next();
      if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE
          || event == XMLStreamConstants.ENTITY_DECLARATION) {
        throw new FeedFormatException(source, here(),
            "document type declarations and entities are refused (XXE and entity-expansion protection)");
      }
      return event;
    }

    private boolean ours() {
      return namespace.equals(r.getNamespaceURI());
    }

    private String here() {
      Location loc = r.getLocation();
      return loc == null ? "unknown position" : "line " + loc.getLineNumber();
    }

    /** The fields of one component this reader uses. */
    private final class Fields {
      String name = "";
      String version = "";
      String purl = "";
      String cpe = "";

      /** Takes the element just started if it is one of the fields; false otherwise, nothing consumed. */
      boolean take(String place) throws XMLStreamException {
        if (!ours()) {
          return false;
        }
        switch (r.getLocalName()) {
          case "name" -> name = text(place);
          case "version" -> version = text(place);
          case "purl" -> purl = text(place);
          case "cpe" -> cpe = text(place);
          default -> {
            return false;
          }
        }
        return true;
      }
    }
  }
}
