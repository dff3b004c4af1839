package org.patchwarden.formats.feed.osv;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one OSV record written in YAML, the native form of the PyPA advisory database ({@code
 * vulns/<package>/PYSEC-*.yaml}).
 *
 * <p>Every YAML scalar is kept as the text written: YAML would make {@code fixed: 0.10} the number
 * 0.1 and {@code 1e5} the number 100000, yet OSV versions are strings. Anchors and aliases are refused
 * (OSV is JSON data and never needs them; expanding them is the "billion laughs" attack).
 */
public final class OsvYamlReader implements FeedSnapshot<AdvisoryRecord> {
  /**
   * Largest YAML document accepted, in code points. A PYSEC record with its version list is a few
   * tens of kB; SnakeYAML scans long scalars in superlinear time (about 1 s at this bound), so the
   * bound also caps the CPU a hostile document can take.
   */
  static final int MAX_CODE_POINTS = 2 << 20;

  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Json.MAX_STRING)
          .maxNestingDepth(Json.MAX_DEPTH)
          .maxNumberLength(1000) // numbers are read back as their text, never converted
          .build())
      .build();

  private final InputStream in;
  private final String source;

  /**
   * @param in the document's bytes; not closed by the reader
   * @param source names the input in error messages (a path or URL)
   */
  public OsvYamlReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    NewestModified newest = new NewestModified();
    read(in, source, sink, newest);
    return newest.header();
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setMaxAliasesForCollections(0); // defence in depth: aliases are refused below anyway
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(Json.MAX_DEPTH);
    o.setAllowDuplicateKeys(false);
    return o;
  }

  /** Reads one YAML document into {@code sink}; shared by the directory reader. */
  static void read(InputStream in, String source, Consumer<? super AdvisoryRecord> sink, NewestModified newest) {
    YAMLParser p = null;
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(in)) {
      p = parser;
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new FeedFormatException(source, "line 1", "empty document");
      }
      JsonNode node = tree(p, source, 1);
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, Json.where(p.currentLocation()),
            "unexpected content after the record (a second YAML document?)");
      }
      AdvisoryRecord r = OsvRecords.toRecord(node, source, "");
      newest.see(r);
      sink.accept(r);
    } catch (JsonProcessingException e) {
      throw new FeedFormatException(source, Json.where(e, p), "malformed YAML: " + e.getOriginalMessage(), e);
    } catch (YAMLException e) {
      // SnakeYAML's own limits (code points, depth) surface unwrapped.
      throw new FeedFormatException(source, "document", "rejected YAML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  /** The value at the current token, every scalar as its written text. */
  private static JsonNode tree(YAMLParser p, String source, int depth) throws IOException {
    if (depth > Json.MAX_DEPTH) {
      throw new FeedFormatException(source, Json.where(p.currentLocation()), "nested deeper than " + Json.MAX_DEPTH);
    }
    if (p.isCurrentAlias()) {
      throw new FeedFormatException(source, Json.where(p.currentLocation()),
          "YAML alias *" + p.getText() + " refused: OSV records never need anchors or aliases");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          if (o.replace(key, tree(p, source, depth + 1)) != null) {
            throw new FeedFormatException(source, Json.where(p.currentLocation()), "duplicate key '" + key + "'");
          }
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(tree(p, source, depth + 1));
        }
        return a;
      }
      case VALUE_NULL -> {
        return JsonNodeFactory.instance.nullNode();
      }
      default -> {
        String text = p.getText();
        if (text.length() > Json.MAX_STRING) { // the YAML parser does not apply maxStringLength itself
          throw new FeedFormatException(source, Json.where(p.currentLocation()),
              "scalar of " + text.length() + " characters, longer than " + Json.MAX_STRING);
        }
        return JsonNodeFactory.instance.textNode(text);
      }
    }
  }
}
