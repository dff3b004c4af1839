package org.patchwarden.formats.inventory.cyclonedx;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.CappedInputStream;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryReader;
import org.patchwarden.formats.inventory.ReadLimits;

/**
 * Reads the components of a CycloneDX JSON BOM (1.4–1.6) as a stream: one top-level component
 * tree in memory at a time. Nested {@code components} are read recursively; {@code
 * metadata.component} is the BOM's subject, not something installed in it, and only names the
 * result.
 */
public final class CycloneDxJsonReader implements InventoryReader {
  private final ReadLimits limits;

  public CycloneDxJsonReader() {
    this(ReadLimits.JSON_DOCUMENT);
  }

  public CycloneDxJsonReader(ReadLimits limits) {
    this.limits = limits;
  }

  @Override
  public ReadLimits limits() {
    return limits;
  }

  @Override
  public CollectedPackages read(InputStream in, String source) {
    CollectedPackages.Builder out = new CollectedPackages.Builder(source, limits);
    try (JsonParser p = Json.mapper().createParser(new CappedInputStream(in, limits.maxBytes(), source))) {
      readBom(p, out);
      return out.build();
    } catch (JsonProcessingException e) {
      throw Json.malformed(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private void readBom(JsonParser p, CollectedPackages.Builder out) throws IOException {
    String source = out.source();
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new FeedFormatException(source, Json.where(p.currentLocation()),
          "expected a JSON object (a CycloneDX BOM)");
    }
    String bomFormat = null;
    String specVersion = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "bomFormat" -> bomFormat = text(p, value, field, source);
        case "specVersion" -> specVersion = text(p, value, field, source);
        case "metadata" -> {
          if (value != JsonToken.START_OBJECT) {
            throw new FeedFormatException(source, "metadata", "expected an object");
          }
          metadata(p.readValueAsTree(), out);
        }
        case "components" -> components(p, value, out);
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null) {
      throw new FeedFormatException(source, Json.where(p.currentLocation()), "content after the end of the BOM");
    }
    if (!"CycloneDX".equals(bomFormat)) {
      throw new FeedFormatException(source, "bomFormat", bomFormat == null
          ? "missing; is this a CycloneDX JSON BOM?" : "'" + bomFormat + "' is not CycloneDX");
    }
    if (specVersion == null) {
      throw new FeedFormatException(source, "specVersion", "missing; a CycloneDX BOM must name its spec version");
    }
    CycloneDxComponents.checkSpecVersion(specVersion, out).ifPresent(reason -> {
      throw new FeedFormatException(source, "specVersion", reason);
    });
  }

  private void metadata(JsonNode metadata, CollectedPackages.Builder out) {
    JsonNode subject = metadata.path("component");
    if (subject.isObject()) {
      out.subject(Json.string(subject, "name", "metadata.component", out.source()),
          Json.string(subject, "version", "metadata.component", out.source()));
    }
  }

  private void components(JsonParser p, JsonToken start, CollectedPackages.Builder out) throws IOException {
    if (start == JsonToken.VALUE_NULL) {
      return;
    }
    if (start != JsonToken.START_ARRAY) {
      throw new FeedFormatException(out.source(), "components", "expected an array");
    }
    int index = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      // One top-level component with its nested tree at a time.
      component(p.readValueAsTree(), "components[" + index + "]", 1, out);
      index++;
    }
  }

  private void component(JsonNode c, String place, int depth, CollectedPackages.Builder out) {
    String source = out.source();
    if (c == null || !c.isObject()) {
      throw new FeedFormatException(source, place, "expected a component object");
    }
    if (depth > CycloneDxComponents.MAX_NESTING) {
      throw new FeedFormatException(source, place, "components nested deeper than " + CycloneDxComponents.MAX_NESTING);
    }
    String name = Json.string(c, "name", place, source);
    String labelled = name.isEmpty() ? place : place + " (" + name + ")";
    CycloneDxComponents.add(Json.string(c, "type", labelled, source), name, Json.string(c, "version", labelled, source),
        Json.string(c, "purl", labelled, source), Json.string(c, "cpe", labelled, source), out, labelled);
    JsonNode nested = c.get("components");
    if (nested == null || nested.isNull()) {
      return;
    }
    if (!nested.isArray()) {
      throw new FeedFormatException(source, labelled + ".components", "expected an array");
    }
    for (int i = 0; i < nested.size(); i++) {
      component(nested.get(i), place + ".components[" + i + "]", depth + 1, out);
    }
  }

  private static String text(JsonParser p, JsonToken value, String field, String source) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw new FeedFormatException(source, field, "expected a string");
    }
    return p.getText();
  }
}
