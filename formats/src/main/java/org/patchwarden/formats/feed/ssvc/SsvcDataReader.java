package org.patchwarden.formats.feed.ssvc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.Json;
import org.patchwarden.formats.SortedFileWalk;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;
import org.patchwarden.ssvc.SsvcObject;

/**
 * Reads the CERT/CC SSVC data tree ({@code data/json/decision_points/**} and {@code
 * data/json/decision_tables/**}) in sorted path order: decision points, then decision tables, each
 * table checked so that every mapping row names exactly its declared decision points and only their
 * values.
 *
 * <p>Files outside those two directories (schemas, examples, the object registry, CSV forms) are
 * not read. A decision point that a table embeds but no file defines is emitted from the table, so
 * that every table's inputs resolve; an embedded copy that disagrees with the file is an error. The
 * data carries no release label, so the header version is {@code ""}.
 *
 * <p>Memory holds one file and the refs and value keys of the decision points seen (a few hundred).
 */
public final class SsvcDataReader implements FeedSnapshot<SsvcObject> {
  private static final String POINTS = "decision_points";
  private static final String TABLES = "decision_tables";

  private final Path root;
  /** ref → the decision point emitted under it and the file it came from. */
  private final Map<String, Emitted> emitted = new HashMap<>();

  private record Emitted(SsvcDecisionPoint point, String file) {}

  /**
   * @param root the SSVC {@code data} directory, its {@code json} subdirectory, or one decision
   *     point or table file
   */
  public SsvcDataReader(Path root) {
    this.root = root;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super SsvcObject> sink) {
    if (Files.isDirectory(root)) {
      SortedFileWalk.walk(root, ".json", dir -> true, file -> {
        Path relative = root.relativize(file);
        if (under(relative, POINTS) || under(relative, TABLES)) {
          readFile(file, sink);
        }
      });
    } else {
      readFile(root, sink);
    }
    return new FeedHeader("", null);
  }

  private static boolean under(Path relative, String directory) {
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      if (relative.getName(i).toString().equals(directory)) {
        return true;
      }
    }
    return false;
  }

  private void readFile(Path file, Consumer<? super SsvcObject> sink) {
    SortedFileWalk.checkSize(file);
    String src = file.toString();
    JsonNode n;
    try (InputStream in = Files.newInputStream(file); JsonParser p = Json.mapper().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FeedFormatException(src, Json.where(p.currentTokenLocation()), "expected a JSON object");
      }
      // One SSVC object per file, a few kB (the largest table, 729 rows, is ~150 kB).
      n = p.readValueAsTree();
      if (p.nextToken() != null) {
        throw new FeedFormatException(src, Json.where(p.currentTokenLocation()), "trailing content after the object");
      }
    } catch (JsonProcessingException e) {
      throw Json.malformed(src, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    // The shape tells tables from points, so a single file given as root reads too.
    if (n.has("mapping") || n.has("outcome")) {
      table(n, src, sink);
    } else {
      SsvcDecisionPoint point = point(n, src, "");
      emit(point, src, sink);
    }
  }

  private void emit(SsvcDecisionPoint point, String src, Consumer<? super SsvcObject> sink) {
    Emitted earlier = emitted.get(point.ref());
    if (earlier == null) {
      emitted.put(point.ref(), new Emitted(point, src));
      sink.accept(point);
    } else if (!earlier.point().equals(point)) {
      throw new FeedFormatException(src, point.ref(),
          "decision point defined differently in " + earlier.file() + " (names or values differ)");
    }
  }

  private SsvcDecisionPoint point(JsonNode n, String src, String prefix) {
    String namespace = text(n, "namespace", src, prefix);
    String key = text(n, "key", src, prefix);
    String version = text(n, "version", src, prefix);
    String name = text(n, "name", src, prefix);
    JsonNode values = n.get("values");
    String at = prefix.isEmpty() ? "values" : prefix + ".values";
    if (values == null || !values.isArray() || values.isEmpty()) {
      throw new FeedFormatException(src, at, "expected a non-empty array of values");
    }
    List<SsvcDecisionPoint.Value> list = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String vat = at + "[" + i + "]";
      String vkey = text(values.get(i), "key", src, vat);
      if (list.stream().anyMatch(v -> v.key().equals(vkey))) {
        throw new FeedFormatException(src, vat, "value key '" + vkey + "' appears twice");
      }
      list.add(new SsvcDecisionPoint.Value(vkey, text(values.get(i), "name", src, vat)));
    }
    return new SsvcDecisionPoint(namespace, key, version, name, list);
  }

  private void table(JsonNode n, String src, Consumer<? super SsvcObject> sink) {
    String namespace = text(n, "namespace", src, "");
    String key = text(n, "key", src, "");
    String version = text(n, "version", src, "");
    String name = text(n, "name", src, "");
    String outcome = text(n, "outcome", src, "");

    JsonNode declared = n.get("decision_points");
    if (declared == null || !declared.isObject() || declared.isEmpty()) {
      throw new FeedFormatException(src, "decision_points", "expected an object of ref -> decision point");
    }
    // ref → value keys, in the table's declared order.
    Map<String, List<String>> points = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : declared.properties()) {
      String place = "decision_points." + e.getKey();
      if (!e.getValue().isObject()) {
        throw new FeedFormatException(src, place, "expected a decision point object");
      }
      SsvcDecisionPoint point = point(e.getValue(), src, place);
      if (!point.ref().equals(e.getKey())) {
        throw new FeedFormatException(src, place, "ref does not match the point's namespace:key:version " + point.ref());
      }
      emit(point, src, sink);
      points.put(point.ref(), point.values().stream().map(SsvcDecisionPoint.Value::key).toList());
    }
    if (!points.containsKey(outcome)) {
      throw new FeedFormatException(src, "outcome", "'" + outcome + "' is not among the table's decision_points "
          + points.keySet());
    }

    JsonNode mapping = n.get("mapping");
    if (mapping == null || !mapping.isArray() || mapping.isEmpty()) {
      throw new FeedFormatException(src, "mapping", "expected a non-empty array of rows");
    }
    List<Map<String, String>> rows = new ArrayList<>(mapping.size());
    Map<List<String>, Integer> seenInputs = new HashMap<>();
    for (int i = 0; i < mapping.size(); i++) {
      Map<String, String> row = row(mapping.get(i), points, src, "mapping[" + i + "]");
      // A table is a function of its inputs: the same inputs twice would make the outcome ambiguous.
      List<String> inputs = points.keySet().stream().filter(r -> !r.equals(outcome)).map(row::get).toList();
      Integer earlier = seenInputs.putIfAbsent(inputs, i);
      if (earlier != null) {
        throw new FeedFormatException(src, "mapping[" + i + "]", "same inputs as mapping[" + earlier + "]");
      }
      rows.add(row);
    }
    sink.accept(new SsvcDecisionTable(namespace, key, version, name, List.copyOf(points.keySet()), outcome, rows));
  }

  private Map<String, String> row(JsonNode row, Map<String, List<String>> points, String src, String place) {
    if (!row.isObject()) {
      throw new FeedFormatException(src, place, "expected an object of ref -> value key");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : row.properties()) {
      List<String> allowed = points.get(e.getKey());
      if (allowed == null) {
        throw new FeedFormatException(src, place, "'" + e.getKey() + "' is not among the table's decision_points");
      }
      String value = e.getValue().isTextual() ? e.getValue().asText() : null;
      if (value == null || !allowed.contains(value)) {
        throw new FeedFormatException(src, place + "." + e.getKey(), "value " + e.getValue()
            + " is not one of " + e.getKey() + "'s values " + allowed);
      }
      out.put(e.getKey(), value);
    }
    if (out.size() != points.size()) {
      String missing = points.keySet().stream().filter(r -> !out.containsKey(r)).collect(Collectors.joining(", "));
      throw new FeedFormatException(src, place, "lacks a value for " + missing);
    }
    return out;
  }

  private static String text(JsonNode n, String field, String src, String prefix) {
    String place = prefix.isEmpty() ? field : prefix + "." + field;
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      throw new FeedFormatException(src, place, "missing");
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new FeedFormatException(src, place, "expected a non-empty string");
    }
    return v.asText();
  }
}
