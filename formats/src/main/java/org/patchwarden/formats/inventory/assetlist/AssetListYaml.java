package org.patchwarden.formats.inventory.assetlist;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.InstalledPackage;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The YAML form of the asset list: {@code assets:} holding a list of mappings, each with the CSV
 * columns as keys, {@code tags} as a list, and its products either as {@code vendor}/{@code
 * product}/{@code version} keys of the asset or as a {@code products:} list of such mappings.
 *
 * <p>Every scalar is kept as the text written, so {@code version: 7.40} stays {@code 7.40}; anchors
 * and aliases are refused (an asset list never needs them, and expanding them is the "billion
 * laughs" attack).
 */
final class AssetListYaml {
  /** Largest document accepted, in code points: about 150 bytes an asset for {@link AssetListReader#MAX_ASSETS}. */
  static final int MAX_CODE_POINTS = 32 << 20;
  private static final int MAX_DEPTH = 16;
  private static final int MAX_SCALAR = 64 * 1024;

  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .loaderOptions(loaderOptions())
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(MAX_SCALAR)
          .maxNestingDepth(MAX_DEPTH)
          .maxNumberLength(1000) // numbers are read back as their text, never converted
          .build())
      .build();

  private final InputStream in;
  private final String source;
  private final AssetFields fields;

  AssetListYaml(InputStream in, String source, AssetFields fields) {
    this.in = in;
    this.source = source;
    this.fields = fields;
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_CODE_POINTS);
    o.setMaxAliasesForCollections(0);
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(MAX_DEPTH);
    return o;
  }

  /** A YAML value with the line it starts on. */
  private sealed interface Node permits Scalar, Sequence, Mapping {
    int line();
  }

  private record Scalar(String text, int line) implements Node {}

  private record Sequence(List<Node> items, int line) implements Node {}

  private record Mapping(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {}

  List<AssetListEntry> read() {
    Node root = parse();
    if (!(root instanceof Mapping top) || !top.entries().containsKey("assets")) {
      throw new FeedFormatException(source, "line " + root.line(), "expected a mapping with the key 'assets:'");
    }
    for (String key : top.entries().keySet()) {
      if (!key.equals("assets")) {
        throw new FeedFormatException(source, "line " + top.keyLines().get(key),
            "unknown key '" + AssetFields.abbreviate(key) + "'; the list is the mapping 'assets:'");
      }
    }
    Node assets = top.entries().get("assets");
    if (assets instanceof Scalar s && s.text().isEmpty()) {
      return List.of(); // "assets:" with nothing under it
    }
    if (!(assets instanceof Sequence list)) {
      throw new FeedFormatException(source, "line " + assets.line(), "assets: expected a list of assets (- name: …)");
    }
    if (list.items().size() > AssetListReader.MAX_ASSETS) {
      throw new FeedFormatException(source, "line " + list.items().get(AssetListReader.MAX_ASSETS).line(),
          "more than " + AssetListReader.MAX_ASSETS + " assets");
    }
    Map<String, Integer> seen = new HashMap<>();
    List<AssetListEntry> entries = new ArrayList<>();
    for (Node item : list.items()) {
      AssetListEntry entry = asset(item);
      Integer first = seen.putIfAbsent(entry.asset().name(), item.line());
      if (first != null) {
        throw new FeedFormatException(source, "line " + item.line() + ", name",
            "asset '" + entry.asset().name() + "' is listed twice (first on line " + first + ")");
      }
      entries.add(entry);
    }
    return entries;
  }

  private AssetListEntry asset(Node node) {
    if (!(node instanceof Mapping m)) {
      throw new FeedFormatException(source, "line " + node.line(), "an asset must be a mapping (name: …, kind: …)");
    }
    Map<String, Cell> cells = new HashMap<>();
    List<Cell> tags = List.of();
    Sequence products = null;
    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
      String key = e.getKey();
      int keyLine = m.keyLines().get(key);
      if (key.equals(AssetFields.TAGS)) {
        tags = tags(e.getValue());
      } else if (key.equals("products")) {
        if (!(e.getValue() instanceof Sequence s)) {
          throw new FeedFormatException(source, "line " + keyLine + ", products",
              "expected a list of products (- vendor: …)");
        }
        products = s;
      } else if (AssetFields.ASSET_COLUMNS.contains(key) || AssetFields.PRODUCT_COLUMNS.contains(key)) {
        cells.put(key, scalar(e.getValue(), key));
      } else {
        throw new FeedFormatException(source, "line " + keyLine, "unknown key '" + AssetFields.abbreviate(key)
            + "'; an asset has " + String.join(", ", AssetFields.ASSET_COLUMNS) + ", products, and for one product "
            + String.join(", ", AssetFields.PRODUCT_COLUMNS));
      }
    }
    Asset asset = fields.asset(cells, tags, m.line());
    AssetListReader.Draft draft = new AssetListReader.Draft(asset, m.line());
    InstalledPackage inline = fields.product(cells, m.line());
    if (products != null) {
      if (inline != null || AssetFields.present(cells.get(AssetFields.PART))) {
        throw new FeedFormatException(source, "line " + m.keyLines().get("products") + ", products",
            "give the products either as vendor/product/version keys of the asset or as a products list, not both");
      }
      for (Node p : products.items()) {
        draft.add(product(p), source, p.line());
      }
    } else if (inline != null) {
      draft.add(inline, source, m.line());
    }
    return draft.entry();
  }

  private InstalledPackage product(Node node) {
    if (!(node instanceof Mapping m)) {
      throw new FeedFormatException(source, "line " + node.line(),
          "a product must be a mapping (vendor: …, product: …)");
    }
    Map<String, Cell> cells = new HashMap<>();
    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
      if (!AssetFields.PRODUCT_COLUMNS.contains(e.getKey())) {
        throw new FeedFormatException(source, "line " + m.keyLines().get(e.getKey()), "unknown key '"
            + AssetFields.abbreviate(e.getKey()) + "'; a product has "
            + String.join(", ", AssetFields.PRODUCT_COLUMNS));
      }
      cells.put(e.getKey(), scalar(e.getValue(), e.getKey()));
    }
    InstalledPackage product = fields.product(cells, m.line());
    if (product == null) {
      throw new FeedFormatException(source, "line " + m.line(),
          "a product needs vendor, product and version, or a cpe");
    }
    return product;
  }

  private List<Cell> tags(Node node) {
    if (node instanceof Scalar s && s.text().isEmpty()) {
      return List.of();
    }
    if (!(node instanceof Sequence seq)) {
      throw new FeedFormatException(source, "line " + node.line() + ", tags", "expected a list, e.g. [edge, dmz]");
    }
    List<Cell> tags = new ArrayList<>();
    for (Node item : seq.items()) {
      tags.add(scalar(item, AssetFields.TAGS));
    }
    return tags;
  }

  private Cell scalar(Node node, String column) {
    if (!(node instanceof Scalar s)) {
      throw new FeedFormatException(source, "line " + node.line() + ", " + column, "expected a single value, not a "
          + (node instanceof Sequence ? "list" : "mapping"));
    }
    return new Cell(s.text(), s.line(), column);
  }

  private Node parse() {
    YAMLParser p = null;
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(in)) {
      p = parser;
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      if (p.nextToken() == null) {
        throw new FeedFormatException(source, "line 1", "empty document; expected 'assets:'");
      }
      Node root = node(p, 1);
      if (p.nextToken() != null) {
        throw new FeedFormatException(source, "line " + line(p),
            "unexpected content after the list (a second YAML document?)");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? (p == null ? 1 : line(p)) : e.getLocation().getLineNr();
      // SnakeYAML's messages span lines with a caret under the column; one line reads better in a log.
      String reason = e.getOriginalMessage().strip().replaceAll("\\s+", " ");
      throw new FeedFormatException(source, "line " + line, "malformed YAML: " + reason, e);
    } catch (YAMLException e) {
      // SnakeYAML's own limits (code points, depth) surface unwrapped.
      throw new FeedFormatException(source, "document", "rejected YAML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private Node node(YAMLParser p, int depth) throws IOException {
    int line = line(p);
    if (depth > MAX_DEPTH) {
      throw new FeedFormatException(source, "line " + line, "nested deeper than " + MAX_DEPTH);
    }
    if (p.isCurrentAlias()) {
      throw new FeedFormatException(source, "line " + line,
          "YAML alias *" + p.getText() + " refused: an asset list never needs anchors or aliases");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = line(p);
          if (entries.containsKey(key)) {
            throw new FeedFormatException(source, "line " + keyLine, "key '" + AssetFields.abbreviate(key)
                + "' appears twice in one mapping (first on line " + keyLines.get(key) + ")");
          }
          p.nextToken();
          entries.put(key, node(p, depth + 1));
          keyLines.put(key, keyLine);
        }
        return new Mapping(entries, keyLines, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p, depth + 1));
          if (items.size() > AssetListReader.MAX_ASSETS) {
            throw new FeedFormatException(source, "line " + line(p),
                "a list longer than " + AssetListReader.MAX_ASSETS);
          }
        }
        return new Sequence(items, line);
      }
      case VALUE_NULL -> {
        return new Scalar("", line);
      }
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
        return new Scalar(p.getText(), line);
      }
      default -> throw new FeedFormatException(source, "line " + line, "unexpected YAML token " + t);
    }
  }

  private static int line(YAMLParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
