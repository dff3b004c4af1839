package org.patchwarden.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;

class JsonTest {

  private static JsonProcessingException failure(JsonParser p) throws IOException {
    try {
      p.readValueAsTree();
    } catch (JsonProcessingException e) {
      return e;
    }
    throw new AssertionError("no failure");
  }

  @Test
  void namesTheLineAndColumnOfMalformedJson() throws IOException {
    try (JsonParser p = Json.mapper().createParser("{\"a\": [1,\n 2,}")) {
      FeedFormatException e = Json.malformed("x.json", failure(p));
      assertThat(e).hasMessageStartingWith("x.json at line 2, column 4: malformed JSON: Unexpected character ('}'");
    }
    assertThat(Json.where(null)).isEqualTo("unknown position");
  }

  @Test
  void fallsBackOnTheParsersPlaceWhenTheErrorHasNone() throws IOException {
    String deep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    try (JsonParser p = Json.mapper().createParser(deep)) {
      JsonProcessingException e = failure(p);
      assertThat(Json.malformed("deep.json", e, p)).hasMessageStartingWith("deep.json at line 1, column ")
          .hasMessageContaining("malformed JSON:").hasMessageContaining("nesting depth");
      assertThat(Json.malformed("deep.json", e, null).getMessage())
          .startsWith("deep.json at " + Json.where(e.getLocation()) + ": malformed JSON:");
    }
  }

  @Test
  void readsOptionalStringFieldsStripped() throws IOException {
    JsonNode n = Json.mapper().readTree("{\"a\": \" x \", \"b\": null, \"c\": 1}");
    assertThat(Json.string(n, "a", "top", "f")).isEqualTo("x");
    assertThat(Json.string(n, "b", "top", "f")).isEmpty();
    assertThat(Json.string(n, "missing", "top", "f")).isEmpty();
    assertThatThrownBy(() -> Json.string(n, "c", "top", "f"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("f at top.c: expected a string, got NUMBER");
  }
}
