package org.patchwarden.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.patchwarden.feed.FeedFormatException;

/**
 * The JSON factory every reader of outside input uses: bounded string lengths and nesting depth, so
 * that a hostile or broken feed fails fast instead of exhausting memory.
 */
public final class Json {
  /** Longest single JSON string accepted (a long advisory description is a few kB). */
  public static final int MAX_STRING = 1 << 20;
  /** Deepest nesting accepted; real feeds nest fewer than 20 levels. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_STRING)
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(64)
          .build())
      .build());

  private Json() {}

  /** A shared, thread-safe mapper with the bounds above. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A place in a document for a message: {@code line 3, column 14}, or {@code unknown position}. */
  public static String where(JsonLocation loc) {
    return loc == null ? "unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** The error for a document that is not JSON, at the place the parser names. */
  public static FeedFormatException malformed(String source, JsonProcessingException e) {
    return new FeedFormatException(source, where(e.getLocation()), "malformed JSON: " + e.getOriginalMessage(), e);
  }

  /**
   * Like {@link #malformed(String, JsonProcessingException)}; when the error has no location (a
   * broken read constraint such as the nesting depth), at the place {@code parser} stopped.
   *
   * @param parser the parser that failed, or null when it was never created
   */
  public static FeedFormatException malformed(String source, JsonProcessingException e, JsonParser parser) {
    return new FeedFormatException(source, where(e, parser), "malformed JSON: " + e.getOriginalMessage(), e);
  }

  /** The error's place, or the place {@code parser} (null: none) stopped when the error has none. */
  public static String where(JsonProcessingException e, JsonParser parser) {
    return where(e.getLocation() != null || parser == null ? e.getLocation() : parser.currentLocation());
  }

  /**
   * A string field of an object, stripped; empty when absent or null.
   *
   * @throws FeedFormatException at {@code place.field} when the value is not a string
   */
  public static String string(JsonNode n, String field, String place, String source) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new FeedFormatException(source, place + "." + field, "expected a string, got " + v.getNodeType());
    }
    return v.asText().strip();
  }
}
