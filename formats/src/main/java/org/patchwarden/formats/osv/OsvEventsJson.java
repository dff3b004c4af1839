package org.patchwarden.formats.osv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.patchwarden.formats.Json;
import org.patchwarden.version.OsvEvent;

/** Reads an OSV {@code ranges[].events} JSON array into events. */
public final class OsvEventsJson {
  private OsvEventsJson() {}

  /**
   * Parses {@code [{"introduced":"0"},{"fixed":"1.2.3"}]}.
   *
   * @throws IllegalArgumentException naming the position and reason when the text is not such an
   *     array
   */
  public static List<OsvEvent> parse(String json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("OSV events: malformed JSON: " + e.getOriginalMessage());
    }
    return events(root, "events");
  }

  /** Reads an already parsed events array; {@code place} names it in errors. */
  public static List<OsvEvent> events(JsonNode root, String place) {
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(place + ": expected a JSON array of events");
    }
    List<OsvEvent> events = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode e = root.get(i);
      if (!e.isObject() || e.size() != 1) {
        throw new IllegalArgumentException(place + "[" + i + "]: an event must be an object with exactly one field");
      }
      Iterator<Map.Entry<String, JsonNode>> fields = e.fields();
      Map.Entry<String, JsonNode> f = fields.next();
      OsvEvent.Kind kind = OsvEvent.Kind.ofField(f.getKey());
      if (kind == null) {
        throw new IllegalArgumentException(place + "[" + i + "]: unknown event '" + f.getKey()
            + "'; expected introduced, fixed, last_affected or limit");
      }
      if (!f.getValue().isTextual()) {
        throw new IllegalArgumentException(place + "[" + i + "]." + f.getKey() + ": expected a string");
      }
      events.add(new OsvEvent(kind, f.getValue().asText()));
    }
    return events;
  }
}
