package org.patchwarden.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

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
}
