package org.patchwarden.formats.policy;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.patchwarden.assess.AssetAssumptions;
import org.patchwarden.assess.Condition;
import org.patchwarden.assess.Exploitation;
import org.patchwarden.assess.Policy;
import org.patchwarden.assess.SsvcEvaluator;
import org.patchwarden.assess.TierRule;
import org.patchwarden.feed.FeedFormatException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a remediation policy written in YAML (the format is documented in docs/policy.md) into a
 * {@link Policy}; {@link #defaultPolicy()} is the one Patchwarden ships.
 *
 * <p>Bounded: at most {@value #MAX_BYTES} bytes, {@value #MAX_TIERS} tiers, {@value
 * #MAX_CONDITIONS} conditions and {@value #MAX_DEPTH} levels of nesting; anchors and aliases are
 * refused (a policy never needs them, and expanding them is the "billion laughs" attack). Every
 * scalar is read as its written text and then checked, so {@code in_kev: yes} is refused rather
 * than guessed (YAML 1.1 would read it as true, YAML 1.2 as a string). Errors are {@link
 * FeedFormatException}s naming the file, the key path with its line, and what was expected.
 */
public final class PolicyYamlReader {
  /** Largest policy file accepted; the default is about 3 kB. */
  public static final int MAX_BYTES = 256 * 1024;
  public static final int MAX_TIERS = 32;
  public static final int MAX_CONDITIONS = 512;
  public static final int MAX_DEPTH = 16;
  /** YAML nesting allowed: a condition level is a list inside a map, under the tiers list. */
  private static final int YAML_DEPTH = MAX_DEPTH * 2 + 16;
  /** The only format version so far. */
  public static final int VERSION = 1;
  /** The shipped default policy, a class-path resource beside this class. */
  public static final String DEFAULT_RESOURCE = "default-policy.yaml";

  /** Top-level keys. */
  public static final List<String> TOP_KEYS = List.of("version", "name", "ssvc_table", "assume", "tiers");
  /** Keys of {@code assume}. */
  public static final List<String> ASSUME_KEYS = List.of("criticality", "internet_facing", "environment");
  /** Keys of a tier. */
  public static final List<String> TIER_KEYS = List.of("id", "name", "window_days", "when");
  /** Keys of a condition map. */
  public static final List<String> CONDITION_KEYS = List.of("in_kev", "internet_facing", "tactics_any", "ssvc_in",
      "cvss_min", "epss_min", "epss_percentile_min", "exploitation_in", "criticality_max", "environment_in",
      "fix_available", "any", "all");
  /** SSVC outcomes of the CISA table that {@code ssvc_in} may name: the names, then the keys. */
  public static final List<String> SSVC_OUTCOMES = List.of("Track", "Track*", "Attend", "Act", "T", "T*", "AT", "AC");

  private static final Pattern TACTIC = Pattern.compile("TA[0-9]{4}");

  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_BYTES)
          .maxNestingDepth(YAML_DEPTH + 4) // above ours, so that our messages name the path
          .maxNumberLength(100) // numbers are read back as their text
          .build())
      .build();

  private final String source;
  private int conditions;

  private PolicyYamlReader(String source) {
    this.source = source;
  }

  /** A YAML value with the line it starts on: text, a list of nodes, a map of nodes, or null. */
  private record Node(Object value, int line) {}

  /** Reads a policy file. */
  public static Policy read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy " + file, e);
    }
  }

  /**
   * Reads a policy.
   *
   * @param in the document's bytes; not closed
   * @param source names the input in error messages
   */
  public static Policy read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read policy " + source, e);
    }
    if (bytes.length > MAX_BYTES) {
      throw new FeedFormatException(source, "file", "larger than " + MAX_BYTES + " bytes, the limit for a policy");
    }
    return new PolicyYamlReader(source).policy(parse(bytes, source));
  }

  /** The policy Patchwarden ships (see docs/policy.md). */
  public static Policy defaultPolicy() {
    try (InputStream in = PolicyYamlReader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
      }
      return read(in, "default-policy.yaml (built in)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in policy", e);
    }
  }

  // ---- YAML → nodes

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
        throw new FeedFormatException(source, "line 1", "empty document: a policy needs at least 'version' and 'tiers'");
      }
      Node root = node(p, source, 0);
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, "line " + p.currentLocation().getLineNr(),
            "unexpected content after the policy (a second YAML document?)");
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
      throw new UncheckedIOException("cannot read policy " + source, e);
    }
  }

  private static Node node(YAMLParser p, String source, int depth) throws IOException {
    int line = p.currentLocation().getLineNr();
    if (depth > YAML_DEPTH) {
      throw new FeedFormatException(source, "line " + line, "nested deeper than " + YAML_DEPTH + " levels");
    }
    if (p.isCurrentAlias()) {
      throw new FeedFormatException(source, "line " + line,
          "YAML alias *" + p.getText() + " refused: a policy never needs anchors or aliases");
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
          // NB: the key's line, not the value's: a block map or list value starts on the next line.
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

  // ---- nodes → policy

  private FeedFormatException fail(String path, Node at, String reason) {
    return new FeedFormatException(source, path + (at == null ? "" : " (line " + at.line() + ")"), reason);
  }

  private Policy policy(Node root) {
    Map<String, Node> top = map(root, "document");
    keys(top, "document", TOP_KEYS);
    Node version = required(top, "version", "document", root);
    if (!text(version, "version").equals(String.valueOf(VERSION))) {
      throw fail("version", version, "expected " + VERSION + " (the only policy format version), got '"
          + text(version, "version") + "'");
    }
    String name = top.containsKey("name") ? nonBlank(top.get("name"), "name") : "unnamed";
    String ssvcTable = top.containsKey("ssvc_table") ? nonBlank(top.get("ssvc_table"), "ssvc_table")
        : SsvcEvaluator.CISA_COORDINATOR;
    AssetAssumptions assume = top.containsKey("assume") ? assume(top.get("assume")) : AssetAssumptions.DEFAULT;
    Node tiersNode = required(top, "tiers", "document", root);
    List<Node> tiers = list(tiersNode, "tiers");
    if (tiers.isEmpty() || tiers.size() > MAX_TIERS) {
      throw fail("tiers", tiersNode, "expected 1 to " + MAX_TIERS + " tiers, got " + tiers.size());
    }
    List<TierRule> rules = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (int i = 0; i < tiers.size(); i++) {
      String path = "tiers[" + i + "]";
      TierRule rule = tier(tiers.get(i), path, i == tiers.size() - 1);
      String before = seen.putIfAbsent(rule.id(), path);
      if (before != null) {
        throw fail(path + ".id", map(tiers.get(i), path).get("id"), "'" + rule.id() + "' is already the id of " + before);
      }
      rules.add(rule);
    }
    try {
      return new Policy(name, rules, assume, ssvcTable);
    } catch (IllegalArgumentException e) {
      throw fail("document", root, e.getMessage()); // the checks above leave nothing for this, but never leak
    }
  }

  private AssetAssumptions assume(Node node) {
    Map<String, Node> m = map(node, "assume");
    keys(m, "assume", ASSUME_KEYS);
    AssetAssumptions d = AssetAssumptions.DEFAULT;
    int criticality = m.containsKey("criticality") ? integer(m.get("criticality"), "assume.criticality", 1, 4)
        : d.criticality();
    boolean exposed = m.containsKey("internet_facing") ? bool(m.get("internet_facing"), "assume.internet_facing")
        : d.internetFacing();
    String environment = m.containsKey("environment") ? nonBlank(m.get("environment"), "assume.environment")
        : d.environment();
    return new AssetAssumptions(criticality, exposed, environment);
  }

  private TierRule tier(Node node, String path, boolean last) {
    Map<String, Node> m = map(node, path);
    keys(m, path, TIER_KEYS);
    String id = nonBlank(required(m, "id", path, node), path + ".id");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}")) {
      throw fail(path + ".id", m.get("id"), "expected 1 to 32 letters, digits, '_' or '-' (e.g. T0), got '" + id + "'");
    }
    String name = nonBlank(required(m, "name", path, node), path + ".name");
    int window = integer(required(m, "window_days", path, node), path + ".window_days", 0, 3650);
    Node when = m.get("when");
    Condition condition;
    if (last) {
      if (when != null) {
        throw fail(path + ".when", when, "the last tier is the default: it takes no 'when'");
      }
      condition = Condition.always();
    } else {
      if (when == null) {
        throw fail(path, node, "missing 'when': only the last tier, the default, has none");
      }
      condition = conditionMap(when, path + ".when", 0);
    }
    return new TierRule(id, name, window, condition);
  }

  /** A map of conditions, all of which must hold. */
  private Condition conditionMap(Node node, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw fail(path, node, "conditions nested deeper than " + MAX_DEPTH + " levels");
    }
    Map<String, Node> m = map(node, path);
    if (m.isEmpty()) {
      throw fail(path, node, "expected at least one condition: " + String.join(", ", CONDITION_KEYS));
    }
    keys(m, path, CONDITION_KEYS);
    List<Condition> all = new ArrayList<>();
    for (Map.Entry<String, Node> e : m.entrySet()) {
      if (++conditions > MAX_CONDITIONS) {
        throw fail(path, node, "more than " + MAX_CONDITIONS + " conditions in the policy");
      }
      all.add(condition(e.getKey(), e.getValue(), path + "." + e.getKey(), depth));
    }
    return all.size() == 1 ? all.getFirst() : new Condition.All(all);
  }

  private Condition condition(String key, Node v, String path, int depth) {
    return switch (key) {
      case "in_kev" -> new Condition.InKev(bool(v, path));
      case "internet_facing" -> new Condition.InternetFacing(bool(v, path));
      case "fix_available" -> new Condition.FixAvailable(bool(v, path));
      case "cvss_min" -> new Condition.CvssMin(number(v, path, 0, 10));
      case "epss_min" -> new Condition.EpssMin(number(v, path, 0, 1));
      case "epss_percentile_min" -> new Condition.EpssPercentileMin(number(v, path, 0, 1));
      case "criticality_max" -> new Condition.CriticalityMax(integer(v, path, 1, 4));
      case "tactics_any" -> new Condition.TacticsAny(words(v, path, w -> TACTIC.matcher(w).matches() ? w : null,
          "ATT&CK tactic ids such as TA0001 (Initial Access)"));
      case "ssvc_in" -> new Condition.SsvcIn(words(v, path, this::ssvcOutcome, "SSVC outcomes: "
          + String.join(", ", SSVC_OUTCOMES)));
      case "exploitation_in" -> new Condition.ExploitationIn(words(v, path, PolicyYamlReader::exploitation,
          "exploitation states: none, poc, active"));
      case "environment_in" -> new Condition.EnvironmentIn(words(v, path,
          w -> w.isBlank() ? null : w.toLowerCase(Locale.ROOT), "environment names such as production"));
      case "any", "all" -> {
        List<Node> items = list(v, path);
        if (items.isEmpty()) {
          throw fail(path, v, "expected a list of at least one condition map");
        }
        List<Condition> cs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          cs.add(conditionMap(items.get(i), path + "[" + i + "]", depth + 1));
        }
        yield key.equals("any") ? new Condition.Any(cs) : new Condition.All(cs);
      }
      default -> throw new IllegalStateException(key); // keys() checked it
    };
  }

  private String ssvcOutcome(String w) {
    for (String o : SSVC_OUTCOMES) {
      if (o.equalsIgnoreCase(w)) {
        return o;
      }
    }
    return null;
  }

  private static Exploitation exploitation(String w) {
    for (Exploitation e : Exploitation.values()) {
      if (e.word().equalsIgnoreCase(w)) {
        return e;
      }
    }
    return null;
  }

  // ---- typed access

  @SuppressWarnings("unchecked")
  private Map<String, Node> map(Node n, String path) {
    if (n == null || !(n.value() instanceof Map<?, ?>)) {
      throw fail(path, n, "expected a map of keys, got " + describe(n));
    }
    return (Map<String, Node>) n.value();
  }

  @SuppressWarnings("unchecked")
  private List<Node> list(Node n, String path) {
    if (!(n.value() instanceof List<?>)) {
      throw fail(path, n, "expected a list, got " + describe(n));
    }
    return (List<Node>) n.value();
  }

  private String text(Node n, String path) {
    if (!(n.value() instanceof String s)) {
      throw fail(path, n, "expected a single value, got " + describe(n));
    }
    return s;
  }

  private String nonBlank(Node n, String path) {
    String s = text(n, path).strip();
    if (s.isEmpty()) {
      throw fail(path, n, "expected a non-empty value");
    }
    return s;
  }

  private boolean bool(Node n, String path) {
    String s = n.value() instanceof String t ? t : null;
    if ("true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s)) {
      return s.equalsIgnoreCase("true");
    }
    throw fail(path, n, "expected true or false, got " + describe(n));
  }

  private int integer(Node n, String path, int min, int max) {
    String s = n.value() instanceof String t ? t : null;
    if (s != null && s.matches("-?[0-9]{1,9}")) {
      int v = Integer.parseInt(s);
      if (v >= min && v <= max) {
        return v;
      }
    }
    throw fail(path, n, "expected a whole number from " + min + " to " + max + ", got " + describe(n));
  }

  private double number(Node n, String path, double min, double max) {
    String s = n.value() instanceof String t ? t : null;
    if (s != null && s.matches("[0-9]{1,3}(\\.[0-9]{1,6})?")) {
      double v = Double.parseDouble(s);
      if (v >= min && v <= max) {
        return v;
      }
    }
    throw fail(path, n, "expected a number from " + fmt(min) + " to " + fmt(max) + ", got " + describe(n));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  /** A list of words (a single word is taken as a list of one), each checked by {@code parse}. */
  private <T> Set<T> words(Node n, String path, java.util.function.Function<String, T> parse, String expected) {
    List<Node> items = n.value() instanceof String ? List.of(n) : list(n, path);
    if (items.isEmpty()) {
      throw fail(path, n, "expected at least one of: " + expected);
    }
    Set<T> out = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = n.value() instanceof String ? path : path + "[" + i + "]";
      T value = item.value() instanceof String s ? parse.apply(s.strip()) : null;
      if (value == null) {
        throw fail(at, item, "expected " + expected + "; got " + describe(item));
      }
      out.add(value);
    }
    return out;
  }

  private Node required(Map<String, Node> m, String key, String path, Node at) {
    Node n = m.get(key);
    if (n == null) {
      throw fail(path.equals("document") ? key : path + "." + key, at, "missing required key '" + key + "'");
    }
    return n;
  }

  private void keys(Map<String, Node> m, String path, List<String> allowed) {
    for (Map.Entry<String, Node> e : m.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        String at = path.equals("document") ? e.getKey() : path + "." + e.getKey();
        throw fail(at, e.getValue(), "unknown key '" + e.getKey() + "'; expected one of: "
            + String.join(", ", allowed));
      }
    }
  }

  private static String describe(Node n) {
    if (n == null || n.value() == null) {
      return "nothing";
    }
    if (n.value() instanceof String s) {
      return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
    }
    return n.value() instanceof List<?> ? "a list" : "a map";
  }
}
