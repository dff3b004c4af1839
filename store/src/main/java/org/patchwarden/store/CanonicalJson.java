package org.patchwarden.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.Severity;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;

/**
 * Streaming readers of the bodies a short command reads at start-up (finding aliases, the SSVC
 * table and its decision points, advisory records for an assessment), for the shape {@link
 * RecordJson} writes. Jackson's data binding builds each type's deserializer by reflection the
 * first time it meets it, which cost {@code findings --asset} more than reading the bodies did.
 *
 * <p>Each reader answers null for anything outside that shape (a missing or repeated field, a null
 * or a number where text is written, malformed text), and {@link RecordJson} then reads the body
 * with data binding as before: what a body reads as, or the error it fails with, does not change.
 */
final class CanonicalJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** What Jackson's Instant serializer writes (ISO-8601 in UTC); anything else goes to data binding. */
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");

  private CanonicalJson() {}

  /** A JSON array of strings (no nulls), or null. */
  static String[] strings(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return stringList(p, p.nextToken()).toArray(String[]::new);
    } catch (IOException | Outside e) {
      return null;
    }
  }

  /** An SSVC decision point, or null. */
  static SsvcDecisionPoint decisionPoint(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      Fields f = new Fields(p, "namespace", "key", "version", "name", "values");
      while (f.next()) {
        switch (f.name()) {
          case "values" -> f.put(values(p));
          default -> f.put(text(p));
        }
      }
      f.requireAll();
      @SuppressWarnings("unchecked")
      List<SsvcDecisionPoint.Value> values = (List<SsvcDecisionPoint.Value>) f.get("values");
      return new SsvcDecisionPoint((String) f.get("namespace"), (String) f.get("key"), (String) f.get("version"),
          (String) f.get("name"), values);
    } catch (IOException | Outside e) {
      return null;
    }
  }

  /** An SSVC decision table, or null. */
  @SuppressWarnings("unchecked")
  static SsvcDecisionTable decisionTable(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      Fields f = new Fields(p, "namespace", "key", "version", "name", "decisionPoints", "outcome", "rows");
      while (f.next()) {
        switch (f.name()) {
          case "decisionPoints" -> f.put(stringList(p, p.nextToken()));
          case "rows" -> f.put(rows(p));
          default -> f.put(text(p));
        }
      }
      f.requireAll();
      return new SsvcDecisionTable((String) f.get("namespace"), (String) f.get("key"), (String) f.get("version"),
          (String) f.get("name"), (List<String>) f.get("decisionPoints"), (String) f.get("outcome"),
          (List<Map<String, String>>) f.get("rows"));
    } catch (IOException | Outside e) {
      return null;
    }
  }

  /**
   * An advisory record with only what an assessment reads (see {@code
   * AdvisoryStore.findAllForAssessment}): its affected packages, summary, details, CWEs and
   * references are skipped, not parsed, and read as empty. Null when the body is not in the written
   * shape.
   */
  @SuppressWarnings("unchecked")
  static AdvisoryRecord advisoryForAssessment(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      Fields f = new Fields(p, "source", "id", "aliases", "summary", "details", "published", "modified",
          "withdrawn", "affected", "severities", "cwes", "references");
      while (f.next()) {
        switch (f.name()) {
          case "source", "id" -> f.put(text(p));
          case "aliases" -> f.put(new LinkedHashSet<>(stringList(p, p.nextToken())));
          case "published", "modified" -> f.put(instant(p));
          case "withdrawn" -> f.put(bool(p));
          case "severities" -> f.put(severities(p));
          case "summary", "details" -> f.put(skip(p, JsonToken.VALUE_STRING));
          default -> f.put(skip(p, JsonToken.START_ARRAY)); // affected, cwes, references
        }
      }
      f.requireAll();
      return new AdvisoryRecord((String) f.get("source"), (String) f.get("id"), (Set<String>) f.get("aliases"), "", "",
          (Instant) f.get("published"), (Instant) f.get("modified"), (Boolean) f.get("withdrawn"), List.of(),
          (List<Severity>) f.get("severities"), List.of(), List.of());
    } catch (IOException | RuntimeException e) {
      // NB: not only Outside: a record constructor refusing a value (a blank id) fails through data
      // binding too, which then reports it as before
      return null;
    }
  }

  private static List<SsvcDecisionPoint.Value> values(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_ARRAY);
    List<SsvcDecisionPoint.Value> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      expect(t, JsonToken.START_OBJECT);
      Fields f = new Fields(p, "key", "name");
      while (f.next()) {
        f.put(text(p));
      }
      f.requireAll();
      out.add(new SsvcDecisionPoint.Value((String) f.get("key"), (String) f.get("name")));
    }
    return out;
  }

  private static List<Map<String, String>> rows(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_ARRAY);
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      expect(t, JsonToken.START_OBJECT);
      Map<String, String> row = new LinkedHashMap<>();
      for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
        expect(k, JsonToken.FIELD_NAME);
        if (row.put(p.currentName(), text(p)) != null) {
          throw Outside.INSTANCE;
        }
      }
      out.add(row);
    }
    return out;
  }

  private static List<Severity> severities(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_ARRAY);
    List<Severity> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      expect(t, JsonToken.START_OBJECT);
      Fields f = new Fields(p, "type", "vector", "score", "by");
      while (f.next()) {
        switch (f.name()) {
          case "score" -> f.put(score(p));
          case "by" -> f.put(p.nextToken() == JsonToken.VALUE_NULL ? null : currentText(p));
          default -> f.put(text(p));
        }
      }
      f.requireAll();
      out.add(new Severity((String) f.get("type"), (String) f.get("vector"), (Double) f.get("score"),
          (String) f.get("by")));
    }
    return out;
  }

  private static Double score(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
      throw Outside.INSTANCE;
    }
    return p.getDoubleValue();
  }

  private static Instant instant(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    String s = currentText(p);
    if (!INSTANT.matcher(s).matches()) {
      throw Outside.INSTANCE;
    }
    return Instant.parse(s);
  }

  private static Boolean bool(JsonParser p) throws IOException {
    return switch (p.nextToken()) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> throw Outside.INSTANCE;
    };
  }

  /** Skips a value that must start with {@code first}; answers a marker, the value being unread. */
  private static Object skip(JsonParser p, JsonToken first) throws IOException {
    expect(p.nextToken(), first);
    p.skipChildren();
    return Boolean.TRUE;
  }

  private static List<String> stringList(JsonParser p, JsonToken first) throws IOException {
    expect(first, JsonToken.START_ARRAY);
    List<String> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      expect(t, JsonToken.VALUE_STRING);
      out.add(p.getText());
    }
    return out;
  }

  private static String text(JsonParser p) throws IOException {
    p.nextToken();
    return currentText(p);
  }

  private static String currentText(JsonParser p) throws IOException {
    expect(p.currentToken(), JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static void expect(JsonToken actual, JsonToken wanted) {
    if (actual != wanted) {
      throw Outside.INSTANCE;
    }
  }

  /** The fields of one object: each expected exactly once; unknown ones skipped, as data binding does. */
  private static final class Fields {
    private final JsonParser p;
    private final List<String> expected;
    private final Map<String, Object> values = new HashMap<>();
    private String name;

    Fields(JsonParser p, String... expected) throws IOException {
      this.p = p;
      this.expected = List.of(expected);
      if (p.currentToken() != JsonToken.START_OBJECT) {
        expect(p.nextToken(), JsonToken.START_OBJECT);
      }
    }

    /** Moves to the next expected field; false at the end of the object. */
    boolean next() throws IOException {
      while (true) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT) {
          return false;
        }
        expect(t, JsonToken.FIELD_NAME);
        name = p.currentName();
        if (expected.contains(name)) {
          if (values.containsKey(name)) {
            throw Outside.INSTANCE;
          }
          return true;
        }
        p.nextToken();
        p.skipChildren();
      }
    }

    String name() {
      return name;
    }

    void put(Object value) {
      values.put(name, value);
    }

    Object get(String field) {
      return values.get(field);
    }

    void requireAll() {
      if (values.size() != expected.size()) {
        throw Outside.INSTANCE;
      }
    }
  }

  /** A body outside the written shape: thrown without a stack trace, caught in this class. */
  private static final class Outside extends RuntimeException {
    static final Outside INSTANCE = new Outside();

    private Outside() {
      super(null, null, false, false);
    }
  }
}
