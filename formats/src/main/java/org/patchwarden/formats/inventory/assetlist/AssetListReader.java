package org.patchwarden.formats.inventory.assetlist;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.InstalledPackage;

/**
 * Reads the fleet's asset list, in its CSV or its YAML form ({@code docs/asset-list.md}), into
 * assets with their context and the products the list names for them.
 *
 * <p>Every value is checked, and a bad one fails the whole list with the file, the line and the
 * column ({@code assets.csv at line 4, criticality: '7' is not 1..4}): a half-read list would
 * silently drop assets from the findings.
 */
public final class AssetListReader {
  /** The two forms of the list. */
  public enum Format {
    /** Comma-separated, one asset (or one more product of an asset) a row, a header row first. */
    CSV,
    /** A mapping {@code assets:} holding a list of assets. */
    YAML
  }

  /** Most assets (CSV: rows) accepted. */
  public static final int MAX_ASSETS = 100_000;
  /** Most products one asset may list. */
  public static final int MAX_PRODUCTS = 1_000;
  /** Longest CSV line accepted. */
  public static final int MAX_LINE = 64 * 1024;

  private final InputStream in;
  private final String source;
  private final Format format;
  private final AssetFields fields;

  /**
   * Reads the form its name ends with: {@code .csv}, {@code .yaml} or {@code .yml}.
   *
   * @param in the list's bytes (UTF-8); not closed by the reader
   * @param source the file's name or path, named in error messages
   * @throws IllegalArgumentException when the name has none of these endings
   */
  public AssetListReader(InputStream in, String source) {
    this(in, source, formatOf(source));
  }

  /** Reads the given form, whatever the name. */
  public AssetListReader(InputStream in, String source, Format format) {
    this.in = Objects.requireNonNull(in, "in");
    this.source = Objects.requireNonNull(source, "source");
    this.format = Objects.requireNonNull(format, "format");
    this.fields = new AssetFields(source);
  }

  private static Format formatOf(String source) {
    String name = Objects.requireNonNull(source, "source").toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Format.YAML;
    }
    throw new IllegalArgumentException("cannot tell the asset list's form from '" + source
        + "': name it .csv, .yaml or .yml, or give the form");
  }

  /**
   * Reads the whole list.
   *
   * @return one entry per asset, in the order the list first names them
   * @throws FeedFormatException naming the line and column of the first bad value, a duplicate
   *     asset, an unknown column or key, or a list past {@link #MAX_ASSETS} assets
   * @throws java.io.UncheckedIOException when the input cannot be read
   */
  public List<AssetListEntry> read() {
    return format == Format.CSV ? readCsv() : new AssetListYaml(in, source, fields).read();
  }

  private List<AssetListEntry> readCsv() {
    // Strict UTF-8: a person writes this list, and a stray Latin-1 byte in a name is a mistake to
    // show (file, line, byte offset), not a U+FFFD to carry into the findings.
    BoundedLines lines = BoundedLines.over(in, source, MAX_LINE).dropByteOrderMark()
        .overlongReason("longer than " + MAX_LINE + " characters (the limit for this file)").open();
    List<String> header = null;
    Map<String, Draft> drafts = new LinkedHashMap<>();
    int rows = 0;
    String line;
    while ((line = lines.next()) != null) {
      int number = lines.number();
      String stripped = line.strip();
      if (stripped.isEmpty() || stripped.startsWith("#")) {
        continue;
      }
      List<String> values = CsvLine.split(line, source, number);
      if (header == null) {
        header = header(values, number);
        continue;
      }
      if (++rows > MAX_ASSETS) {
        throw new FeedFormatException(source, "line " + number, "more than " + MAX_ASSETS + " rows");
      }
      if (values.size() > header.size()) {
        throw new FeedFormatException(source, "line " + number,
            values.size() + " fields where the header has " + header.size()
                + " (a comma inside a value must be quoted)");
      }
      Map<String, Cell> cells = new HashMap<>();
      for (int i = 0; i < values.size(); i++) {
        cells.put(header.get(i), new Cell(values.get(i), number, header.get(i)));
      }
      row(cells, number, drafts);
    }
    if (header == null) {
      throw new FeedFormatException(source, "line 1", "no header line; expected e.g. "
          + String.join(",", AssetFields.ASSET_COLUMNS) + "," + String.join(",", AssetFields.PRODUCT_COLUMNS));
    }
    return drafts.values().stream().map(Draft::entry).toList();
  }

  private List<String> header(List<String> values, int number) {
    List<String> header = new ArrayList<>();
    for (String value : values) {
      String column = value.strip().toLowerCase(Locale.ROOT);
      if (!AssetFields.ASSET_COLUMNS.contains(column) && !AssetFields.PRODUCT_COLUMNS.contains(column)) {
        throw new FeedFormatException(source, "line " + number,
            "unknown column '" + AssetFields.abbreviate(value.strip())
            + "'; the columns are " + String.join(", ", AssetFields.ASSET_COLUMNS) + ", "
            + String.join(", ", AssetFields.PRODUCT_COLUMNS));
      }
      if (header.contains(column)) {
        throw new FeedFormatException(source, "line " + number, "column '" + column + "' appears twice");
      }
      header.add(column);
    }
    for (String required : AssetFields.REQUIRED) {
      if (!header.contains(required)) {
        throw new FeedFormatException(source, "line " + number, "the header lacks the column '" + required
            + "' (required: " + String.join(", ", AssetFields.REQUIRED) + ")");
      }
    }
    return header;
  }

  /** One CSV row: a new asset, or one more product of an asset named on an earlier row. */
  private void row(Map<String, Cell> cells, int number, Map<String, Draft> drafts) {
    String name = fields.name(fields.required(cells, AssetFields.NAME, number));
    Draft draft = drafts.get(name);
    InstalledPackage product = fields.product(cells, number);
    if (draft == null) {
      Asset asset = fields.asset(cells, AssetFields.splitTags(cells.get(AssetFields.TAGS)), number);
      draft = new Draft(asset, number);
      drafts.put(name, draft);
    } else {
      sameAsset(draft, cells);
      if (product == null) {
        throw new FeedFormatException(source, cells.get(AssetFields.NAME).place(), "asset '" + name
            + "' is already on line " + draft.line + "; a repeated row adds a product, but this one names none");
      }
    }
    if (product != null) {
      draft.add(product, source, number);
    }
  }

  /** A repeated row may leave the asset's columns empty, or repeat them; it may not change them. */
  private void sameAsset(Draft draft, Map<String, Cell> cells) {
    Asset a = draft.asset;
    check(draft, cells.get(AssetFields.KIND), c -> fields.kind(c) == a.kind(),
        a.kind().name().toLowerCase(Locale.ROOT));
    check(draft, cells.get(AssetFields.ENVIRONMENT),
        c -> Objects.equals(Asset.stated(fields.environment(c)), a.environment()), String.valueOf(a.environment()));
    check(draft, cells.get(AssetFields.OWNER_TEAM), c -> fields.ownerTeam(c).equals(a.ownerTeam()),
        a.ownerTeam() == null ? "" : a.ownerTeam());
    check(draft, cells.get(AssetFields.CRITICALITY), c -> Objects.equals(fields.criticality(c), a.criticality()),
        String.valueOf(a.criticality()));
    check(draft, cells.get(AssetFields.INTERNET_FACING),
        c -> Objects.equals(fields.internetFacing(c), a.internetFacing()),
        Boolean.TRUE.equals(a.internetFacing()) ? "yes" : "no");
    Cell tags = cells.get(AssetFields.TAGS);
    check(draft, tags, c -> fields.tags(AssetFields.splitTags(c)).equals(a.tags()), String.join(";", a.tags()));
  }

  private void check(Draft draft, Cell cell, Predicate<Cell> same, String first) {
    if (AssetFields.present(cell) && !same.test(cell)) {
      throw fields.error(cell, "'" + AssetFields.abbreviate(cell.text().strip()) + "' differs from '" + first
          + "' on line " + draft.line + " for the same asset (a repeated row may leave it empty)");
    }
  }

  /** An asset being read, with its products so far. */
  static final class Draft {
    final Asset asset;
    final int line;
    final List<InstalledPackage> products = new ArrayList<>();

    Draft(Asset asset, int line) {
      this.asset = asset;
      this.line = line;
    }

    void add(InstalledPackage product, String source, int line) {
      if (products.size() == MAX_PRODUCTS) {
        throw new FeedFormatException(source, "line " + line, "asset '" + asset.name() + "' lists more than "
            + MAX_PRODUCTS + " products");
      }
      products.add(product);
    }

    AssetListEntry entry() {
      return new AssetListEntry(asset, products);
    }
  }
}
