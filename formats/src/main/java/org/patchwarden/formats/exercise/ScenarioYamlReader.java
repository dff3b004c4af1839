package org.patchwarden.formats.exercise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.patchwarden.exercise.AssetSelector;
import org.patchwarden.exercise.Scenario;
import org.patchwarden.exercise.ScenarioEvent;
import org.patchwarden.feed.FeedFormatException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a tabletop-exercise scenario written in YAML (docs/exercises.md) into a {@link Scenario}.
 *
 * <p>Bounded: at most {@value #MAX_BYTES} bytes, {@value #MAX_EVENTS} events and {@value #MAX_CVES}
 * CVEs; anchors and aliases are refused. Scalars are read as their text and checked. Errors are
 * {@link FeedFormatException}s naming the file, the key path with its line, and the reason; each
 * event keeps its line so that the simulation's own checks (an unknown asset) name it too.
 */
public final class ScenarioYamlReader {
  public static final int MAX_BYTES = 64 * 1024;
  public static final int MAX_EVENTS = 200;
  public static final int MAX_CVES = 100;
  public static final int VERSION = 1;
  private static final int YAML_DEPTH = 8;

  public static final List<String> TOP_KEYS = List.of("version", "name", "description", "fleet", "start", "days",
      "seed", "cves", "process", "events");
  public static final List<String> PROCESS_KEYS = List.of("approvals", "approval_days", "verify_hours",
      "rematch_on_feed_change");
  public static final List<String> EVENT_KINDS = List.of("kev_added", "advisory_published", "patch_delayed",
      "rescan_every", "verification_fails", "inventory_stale");
  private static final List<String> SELECTOR_KEYS = List.of("assets", "tags", "teams", "all");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_BYTES).maxNestingDepth(YAML_DEPTH + 4).maxNumberLength(100).build())
      .build();

  private final String source;

  private ScenarioYamlReader(String source) {
    this.source = source;
  }

  /** A YAML value with its line: text, a list of nodes, a map of nodes, or null. */
  private record Node(Object value, int line) {}

  /** Reads a scenario file; messages name it by its file name. */
  public static Scenario read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + file, e);
    }
  }

  /**
   * Reads a scenario.
   *
   * @param in its bytes; not closed
   * @param source names it in messages, e.g. {@code kev-delayed-firewall.yaml}
   */
  public static Scenario read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + source, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new FeedFormatException(source, "file", "larger than " + MAX_BYTES + " bytes, the limit for a scenario");
    }
    return new ScenarioYamlReader(source).scenario(parse(bytes, source));
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_BYTES);
    o.setMaxAliasesForCollections(0);
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(YAML_DEPTH + 4);
    o.setAllowDuplicateKeys(false);
    return o;
  }

  private static Node parse(byte[] bytes, String source) {
    try (YAMLParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() == null) {
        throw new FeedFormatException(source, "line 1", "empty document: a scenario needs version, name, days, cves");
      }
      Node root = node(p, source, 0);
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, "line " + p.currentLocation().getLineNr(),
            "unexpected content after the scenario (a second YAML document?)");
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new FeedFormatException(source, "document", "over a limit: " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "document" : "line " + e.getLocation().getLineNr();
      throw new FeedFormatException(source, at, "malformed YAML: " + e.getOriginalMessage(), e);
    } catch (YAMLException e) {
      throw new FeedFormatException(source, "document", "rejected YAML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + source, e);
    }
  }

  private static Node node(YAMLParser p, String source, int depth) throws IOException {
    int line = p.currentLocation().getLineNr();
    if (depth > YAML_DEPTH) {
      throw new FeedFormatException(source, "line " + line, "nested deeper than " + YAML_DEPTH + " levels");
    }
    if (p.isCurrentAlias()) {
      throw new FeedFormatException(source, "line " + line,
          "YAML alias *" + p.getText() + " refused: a scenario never needs anchors or aliases");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentLocation().getLineNr();
          p.nextToken();
          Node value = node(p, source, depth + 1);
          if (map.put(key, new Node(value.value(), keyLine)) != null) {
            throw new FeedFormatException(source, "line " + keyLine, "duplicate key '" + key + "'");
          }
        }
        return new Node(map, line);
      }
      case START_ARRAY -> {
        List<Node> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(node(p, source, depth + 1));
        }
        return new Node(list, line);
      }
      case VALUE_NULL -> {
        return new Node(null, line);
      }
      default -> {
        return new Node(p.getText(), line);
      }
    }
  }

  private FeedFormatException fail(String path, Node at, String reason) {
    return new FeedFormatException(source, path + (at == null ? "" : " (line " + at.line() + ")"), reason);
  }

  private Scenario scenario(Node root) {
    Map<String, Node> top = map(root, "document");
    keys(top, "document", TOP_KEYS);
    Node version = required(top, "version", "document", root);
    if (!text(version, "version").equals(String.valueOf(VERSION))) {
      throw fail("version", version, "expected " + VERSION + " (the only scenario format version), got '"
          + text(version, "version") + "'");
    }
    String name = text(required(top, "name", "document", root), "name");
    if (!NAME.matcher(name).matches()) {
      throw fail("name", top.get("name"), "expected 1 to 64 letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    String description = top.containsKey("description") ? text(top.get("description"), "description") : "";
    Scenario.Fleet fleet = Scenario.Fleet.DEMO;
    if (top.containsKey("fleet")) {
      String key = text(top.get("fleet"), "fleet").strip();
      fleet = Scenario.Fleet.of(key).orElseThrow(() -> fail("fleet", top.get("fleet"),
          "expected demo (the bundled snapshot's fleet and feeds) or store (those of the store the command runs"
              + " against), got '" + key + "'"));
    }
    LocalDate start = null;
    if (top.containsKey("start")) {
      try {
        start = LocalDate.parse(text(top.get("start"), "start"));
      } catch (DateTimeParseException e) {
        throw fail("start", top.get("start"), "expected a date such as 2026-08-07, got '" + text(top.get("start"), "start")
            + "'");
      }
    }
    int days = integer(required(top, "days", "document", root), "days", 1, Scenario.MAX_DAYS);
    long seed = top.containsKey("seed") ? longValue(top.get("seed"), "seed") : 1L;
    Node cvesNode = required(top, "cves", "document", root);
    List<String> cves = new ArrayList<>();
    int topCves = 0;
    if (cvesNode.value() instanceof Map<?, ?>) {
      // cves: {top: N}: the fleet's N most urgent CVEs, chosen when the exercise runs (a scenario for any store)
      Map<String, Node> m = map(cvesNode, "cves");
      keys(m, "cves", List.of("top"));
      topCves = integer(required(m, "top", "cves", cvesNode), "cves.top", 1, Scenario.MAX_TOP);
    } else {
      List<Node> cveNodes = list(cvesNode, "cves");
      if (cveNodes.isEmpty() || cveNodes.size() > MAX_CVES) {
        throw fail("cves", cvesNode, "expected 1 to " + MAX_CVES + " CVE ids (or {top: N}), got " + cveNodes.size());
      }
      for (int i = 0; i < cveNodes.size(); i++) {
        cves.add(cve(cveNodes.get(i), "cves[" + i + "]"));
      }
    }
    Scenario.Process process = top.containsKey("process") ? process(top.get("process")) : Scenario.Process.defaults();
    List<ScenarioEvent> events = new ArrayList<>();
    if (top.containsKey("events") && top.get("events").value() != null) {
      List<Node> items = list(top.get("events"), "events");
      if (items.size() > MAX_EVENTS) {
        throw fail("events", top.get("events"), "more than " + MAX_EVENTS + " events");
      }
      for (int i = 0; i < items.size(); i++) {
        ScenarioEvent e = event(items.get(i), "events[" + i + "]");
        if (topCves > 0 && (e instanceof ScenarioEvent.KevAdded || e instanceof ScenarioEvent.AdvisoryPublished)) {
          throw fail("events[" + i + "]." + e.kind(), items.get(i), "names a CVE, but cves: {top: "
              + topCves + "} chooses them when the exercise runs; list the CVEs in cves: to use " + e.kind());
        }
        events.add(e);
      }
    }
    return new Scenario(source, name, description, fleet, start, days, seed, cves, topCves, process, events);
  }

  private Scenario.Process process(Node node) {
    Map<String, Node> m = map(node, "process");
    keys(m, "process", PROCESS_KEYS);
    Scenario.Process d = Scenario.Process.defaults();
    Integer approvals = m.containsKey("approvals") ? integer(m.get("approvals"), "process.approvals", 0, 2) : null;
    int approvalDays = m.containsKey("approval_days")
        ? integer(m.get("approval_days"), "process.approval_days", 0, Scenario.MAX_DAYS) : d.approvalDays();
    Integer verifyHours = m.containsKey("verify_hours")
        ? integer(m.get("verify_hours"), "process.verify_hours", 1, 24 * Scenario.MAX_DAYS) : null;
    boolean rematch = m.containsKey("rematch_on_feed_change")
        ? bool(m.get("rematch_on_feed_change"), "process.rematch_on_feed_change") : d.rematchOnFeedChange();
    return new Scenario.Process(approvals, approvalDays, verifyHours, rematch);
  }

  private ScenarioEvent event(Node node, String path) {
    Map<String, Node> outer = map(node, path);
    if (outer.size() != 1) {
      throw fail(path, node, "an event is a map with exactly one key, its kind: " + String.join(", ", EVENT_KINDS));
    }
    String kind = outer.keySet().iterator().next();
    if (!EVENT_KINDS.contains(kind)) {
      throw fail(path, node, "unknown event '" + kind + "'; events are " + String.join(", ", EVENT_KINDS));
    }
    Node body = outer.get(kind);
    String at = path + "." + kind;
    Map<String, Node> m = map(body, at);
    String where = source + " line " + body.line();
    int max = Scenario.MAX_DAYS;
    try {
      return switch (kind) {
        case "kev_added" -> {
          keys(m, at, List.of("cve", "day", "due_days"));
          yield new ScenarioEvent.KevAdded(where, cve(required(m, "cve", at, body), at + ".cve"),
              integer(required(m, "day", at, body), at + ".day", 0, max),
              m.containsKey("due_days") ? integer(m.get("due_days"), at + ".due_days", 0, max) : null);
        }
        case "advisory_published" -> {
          keys(m, at, List.of("cve", "day"));
          yield new ScenarioEvent.AdvisoryPublished(where, cve(required(m, "cve", at, body), at + ".cve"),
              integer(required(m, "day", at, body), at + ".day", 0, max));
        }
        case "patch_delayed" -> {
          keys(m, at, concat("days"));
          yield new ScenarioEvent.PatchDelayed(where, selector(m, at, body),
              integer(required(m, "days", at, body), at + ".days", 0, max));
        }
        case "rescan_every" -> {
          keys(m, at, concat("every_days"));
          yield new ScenarioEvent.RescanEvery(where, selector(m, at, body),
              integer(required(m, "every_days", at, body), at + ".every_days", 1, max));
        }
        case "verification_fails" -> {
          keys(m, at, concat("probability", "revert_days"));
          yield new ScenarioEvent.VerificationFails(where, selector(m, at, body),
              probability(required(m, "probability", at, body), at + ".probability"),
              m.containsKey("revert_days") ? integer(m.get("revert_days"), at + ".revert_days", 0, max) : 1);
        }
        case "inventory_stale" -> {
          keys(m, at, concat("days"));
          yield new ScenarioEvent.InventoryStale(where, selector(m, at, body),
              integer(required(m, "days", at, body), at + ".days", 0, max));
        }
        default -> throw new IllegalStateException(kind);
      };
    } catch (IllegalArgumentException e) {
      throw fail(at, body, e.getMessage());
    }
  }

  private static List<String> concat(String... more) {
    List<String> out = new ArrayList<>(SELECTOR_KEYS);
    out.addAll(List.of(more));
    return out;
  }

  private AssetSelector selector(Map<String, Node> m, String path, Node at) {
    Set<String> names = words(m.get("assets"), path + ".assets");
    Set<String> tags = words(m.get("tags"), path + ".tags");
    Set<String> teams = words(m.get("teams"), path + ".teams");
    boolean all = m.containsKey("all") && bool(m.get("all"), path + ".all");
    if (all && !(names.isEmpty() && tags.isEmpty() && teams.isEmpty())) {
      throw fail(path, at, "all: true selects every asset: drop assets, tags and teams, or all");
    }
    if (!all && names.isEmpty() && tags.isEmpty() && teams.isEmpty()) {
      throw fail(path, at, "name the assets it concerns: assets, tags or teams (lists), or all: true");
    }
    return new AssetSelector(names, tags, teams, all);
  }

  // ---- scalars and shapes

  private Set<String> words(Node node, String path) {
    Set<String> out = new LinkedHashSet<>();
    if (node == null) {
      return out;
    }
    List<Node> items = node.value() instanceof String ? List.of(node) : list(node, path);
    for (int i = 0; i < items.size(); i++) {
      String w = text(items.get(i), path + "[" + i + "]").strip();
      if (w.isEmpty()) {
        throw fail(path + "[" + i + "]", items.get(i), "expected a name, got an empty one");
      }
      out.add(w);
    }
    return out;
  }

  private String cve(Node node, String path) {
    String id = text(node, path).strip();
    if (!CVE.matcher(id).matches()) {
      throw fail(path, node, "expected a CVE id such as CVE-2026-0300, got '" + id + "'");
    }
    return id;
  }

  private Map<String, Node> map(Node node, String path) {
    if (!(node.value() instanceof Map<?, ?> m)) {
      throw fail(path, node, "expected a map");
    }
    @SuppressWarnings("unchecked")
    Map<String, Node> typed = (Map<String, Node>) m;
    return typed;
  }

  private List<Node> list(Node node, String path) {
    if (!(node.value() instanceof List<?> l)) {
      throw fail(path, node, "expected a list");
    }
    @SuppressWarnings("unchecked")
    List<Node> typed = (List<Node>) l;
    return typed;
  }

  private String text(Node node, String path) {
    if (!(node.value() instanceof String s)) {
      throw fail(path, node, node.value() == null ? "expected a value, got nothing" : "expected a single value");
    }
    return s;
  }

  private Node required(Map<String, Node> m, String key, String path, Node at) {
    Node n = m.get(key);
    if (n == null) {
      throw fail(path, at, "missing '" + key + "'");
    }
    return n;
  }

  private void keys(Map<String, Node> m, String path, List<String> allowed) {
    for (Map.Entry<String, Node> e : m.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw fail(path, e.getValue(), "unknown key '" + e.getKey() + "'; expected " + String.join(", ", allowed));
      }
    }
  }

  private int integer(Node node, String path, int min, int max) {
    String t = text(node, path).strip();
    try {
      int v = Integer.parseInt(t);
      if (v < min || v > max) {
        throw fail(path, node, "expected " + min + " to " + max + ", got " + v);
      }
      return v;
    } catch (NumberFormatException e) {
      throw fail(path, node, "expected a whole number " + min + " to " + max + ", got '" + t + "'");
    }
  }

  private long longValue(Node node, String path) {
    String t = text(node, path).strip();
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw fail(path, node, "expected a whole number, got '" + t + "'");
    }
  }

  private double probability(Node node, String path) {
    String t = text(node, path).strip();
    try {
      double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100
          : Double.parseDouble(t);
      if (!(v >= 0 && v <= 1)) {
        throw fail(path, node, "expected a probability 0 to 1 (or 0% to 100%), got '" + t + "'");
      }
      return v;
    } catch (NumberFormatException e) {
      throw fail(path, node, "expected a probability such as 0.2 or 20%, got '" + t + "'");
    }
  }

  private boolean bool(Node node, String path) {
    String t = text(node, path).strip();
    return switch (t) {
      case "true" -> true;
      case "false" -> false;
      default -> throw fail(path, node, "expected true or false, got '" + t + "'");
    };
  }
}
