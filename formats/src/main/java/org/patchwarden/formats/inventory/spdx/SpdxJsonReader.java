package org.patchwarden.formats.inventory.spdx;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.PurlPackages;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Reads the packages of an SPDX 2.2/2.3 JSON document as a stream, one package (and one
 * relationship) in memory at a time. A package is identified by its {@code purl} external
 * reference, else by its {@code cpe23Type}/{@code cpe22Type} reference; {@code versionInfo} fills
 * a purl without version. The packages the document describes (its {@code documentDescribes}, or
 * {@code DESCRIBES} relationships from the document) are its subject, such as the scanned image,
 * and are not counted as installed.
 */
public final class SpdxJsonReader implements InventoryReader {
  private static final String NOASSERTION = "NOASSERTION";

  private final ReadLimits limits;

  public SpdxJsonReader() {
    this(ReadLimits.JSON_DOCUMENT);
  }

  public SpdxJsonReader(ReadLimits limits) {
    this.limits = limits;
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  @Override
  public CollectedPackages read(InputStream in, String source) {
    try (JsonParser p = Json.mapper().createParser(new CappedInputStream(in, limits.maxBytes(), source))) {
      return new Parse(p, new CollectedPackages.Builder(source, limits)).document();
    } catch (JsonProcessingException e) {
      throw Json.malformed(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /** A package read, held until the relationships say whether it is the document's subject. */
  private record Pending(String spdxId, String name, String version, InstalledPackage pkg, List<String> warnings,
      String place) {}

  /** One parse of one document. */
  private final class Parse {
    private final JsonParser p;
    private final CollectedPackages.Builder out;
    private final String source;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> described = new HashSet<>();
    private final List<String[]> describesFrom = new ArrayList<>();
    private String documentId = "SPDXRef-DOCUMENT";

    Parse(JsonParser p, CollectedPackages.Builder out) {
      this.p = p;
      this.out = out;
      this.source = out.source();
    }

    CollectedPackages document() throws IOException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FeedFormatException(source, Json.where(p.currentLocation()),
            "expected a JSON object (an SPDX document)");
      }
      String spdxVersion = null;
      String documentName = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "spdxVersion" -> spdxVersion = text(value, field);
          case "SPDXID" -> documentId = text(value, field);
          case "name" -> documentName = text(value, field);
          case "documentDescribes" -> documentDescribes(value);
          case "packages" -> array(value, field, this::pkg);
          case "relationships" -> array(value, field, this::relationship);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, Json.where(p.currentLocation()), "content after the end of the document");
      }
      if (spdxVersion == null) {
        throw new FeedFormatException(source, "spdxVersion", "missing; is this an SPDX 2 JSON document?");
      }
      if (!spdxVersion.startsWith("SPDX-2.")) {
        throw new FeedFormatException(source, "spdxVersion", "'" + spdxVersion
            + "' is not SPDX 2.x (SPDX 3 JSON-LD is a different format)");
      }
      for (String[] rel : describesFrom) {
        if (rel[0].equals(documentId)) {
          described.add(rel[1]);
        }
      }
      out.subject(documentName, "");
      boolean subjectFound = false;
      for (Pending each : pending) {
        if (described.contains(each.spdxId())) {
          if (!subjectFound) {
            out.subject(each.name(), each.version());
            subjectFound = true;
          }
          continue;
        }
        each.warnings().forEach(w -> out.warn(each.place(), w));
        if (each.pkg() != null) {
          out.add(each.pkg(), each.place());
        }
      }
      return out.build();
    }

    private void documentDescribes(JsonToken value) throws IOException {
      if (value != JsonToken.START_ARRAY) {
        throw new FeedFormatException(source, "documentDescribes", "expected an array");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          throw new FeedFormatException(source, "documentDescribes", "expected SPDX identifiers");
        }
        out.count("documentDescribes");
        described.add(p.getText());
      }
    }

    private interface Element {
      void read(JsonNode node, String place);
    }

    private void array(JsonToken start, String field, Element element) throws IOException {
      if (start == JsonToken.VALUE_NULL) {
        return;
      }
      if (start != JsonToken.START_ARRAY) {
        throw new FeedFormatException(source, field, "expected an array");
      }
      int index = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String place = field + "[" + index++ + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw new FeedFormatException(source, place, "expected an object");
        }
        element.read(p.readValueAsTree(), place);
      }
    }

    private void pkg(JsonNode n, String place) {
      String name = string(n, "name", place);
      String labelled = name.isEmpty() ? place : place + " (" + name + ")";
      out.count(labelled);
      String version = string(n, "versionInfo", labelled);
      if (version.equals(NOASSERTION)) {
        version = "";
      }
      String purl = "";
      String cpe = "";
      CollectedPackages.Builder notes = new CollectedPackages.Builder(source, limits);
      JsonNode refs = n.get("externalRefs");
      if (refs != null && !refs.isNull()) {
        if (!refs.isArray()) {
          throw new FeedFormatException(source, labelled + ".externalRefs", "expected an array");
        }
        for (int i = 0; i < refs.size(); i++) {
          JsonNode ref = refs.get(i);
          String refPlace = labelled + ".externalRefs[" + i + "]";
          if (!ref.isObject()) {
            throw new FeedFormatException(source, refPlace, "expected an object");
          }
          String type = string(ref, "referenceType", refPlace);
          String locator = string(ref, "referenceLocator", refPlace);
          if (type.equals("purl")) {
            if (purl.isEmpty()) {
              purl = locator;
            } else if (!purl.equals(locator)) {
              notes.warn("", "more than one purl; the first, " + purl + ", is used");
            }
          } else if ((type.equals("cpe23Type") || type.equals("cpe22Type")) && cpe.isEmpty()) {
            cpe = locator;
          }
        }
      }
      Optional<InstalledPackage> pkg = Optional.empty();
      if (!purl.isEmpty()) {
        pkg = PurlPackages.fromPurl(purl, version, notes, "");
      }
      if (pkg.isEmpty() && !cpe.isEmpty()) {
        pkg = PurlPackages.fromCpe(cpe, version, notes, "");
      }
      if (purl.isEmpty() && cpe.isEmpty()) {
        notes.warn("", "package '" + name + "'" + (version.isEmpty() ? "" : " " + version) + " has neither purl nor CPE reference; it cannot be matched");
      }
      // The notes get their place only if the package is kept: a described package warns about nothing.
      pending.add(new Pending(string(n, "SPDXID", labelled), name, version, pkg.orElse(null),
          notes.build().warnings(), labelled));
    }

    private void relationship(JsonNode n, String place) {
      String type = string(n, "relationshipType", place);
      if (type.equals("DESCRIBES")) {
        describesFrom.add(new String[] {string(n, "spdxElementId", place), string(n, "relatedSpdxElement", place)});
      } else if (type.equals("DESCRIBED_BY")) {
        describesFrom.add(new String[] {string(n, "relatedSpdxElement", place), string(n, "spdxElementId", place)});
      } else {
        return;
      }
      out.count(place);
    }

    private String text(JsonToken value, String field) throws IOException {
      if (value != JsonToken.VALUE_STRING) {
        throw new FeedFormatException(source, field, "expected a string");
      }
      return p.getText();
    }

    private String string(JsonNode n, String field, String place) {
      return Json.string(n, field, place, source);
    }
  }
}
