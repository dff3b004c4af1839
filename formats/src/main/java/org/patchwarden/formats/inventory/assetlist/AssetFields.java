package org.patchwarden.formats.inventory.assetlist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.cpe.Cpe23;
import org.patchwarden.formats.cpe.CpeName;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;

/**
 * The rules of every column of the asset list, shared by its CSV and YAML forms, so that both forms
 * accept the same values and say the same things about bad ones.
 */
final class AssetFields {
  static final String NAME = "name";
  static final String KIND = "kind";
  static final String ENVIRONMENT = "environment";
  static final String OWNER_TEAM = "owner_team";
  static final String CRITICALITY = "criticality";
  static final String INTERNET_FACING = "internet_facing";
  static final String TAGS = "tags";
  static final String VENDOR = "vendor";
  static final String PRODUCT = "product";
  static final String VERSION = "version";
  static final String PART = "part";
  static final String CPE = "cpe";
  /** The columns that describe the asset itself, as opposed to one of its products. */
  static final List<String> ASSET_COLUMNS =
      List.of(NAME, KIND, ENVIRONMENT, OWNER_TEAM, CRITICALITY, INTERNET_FACING, TAGS);
  static final List<String> PRODUCT_COLUMNS = List.of(VENDOR, PRODUCT, VERSION, PART, CPE);
  static final List<String> REQUIRED = List.of(NAME, KIND, ENVIRONMENT, CRITICALITY, INTERNET_FACING);

  /** The same rule as {@link Asset}'s, checked here to name the row and column. */
  private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,254}");
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/=+-]{0,63}");
  private static final int MAX_OWNER_TEAM = 128;

  private final String source;

  AssetFields(String source) {
    this.source = source;
  }

  FeedFormatException error(Cell cell, String reason) {
    return new FeedFormatException(source, cell.place(), reason);
  }

  /** A cell that must hold a value. */
  Cell required(Map<String, Cell> cells, String column, int line) {
    Cell cell = cells.get(column);
    if (cell == null) {
      throw new FeedFormatException(source, "line " + line + ", " + column, "missing; every asset needs a " + column);
    }
    if (cell.isBlank()) {
      throw error(cell, "empty; every asset needs a " + column);
    }
    return cell;
  }

  static boolean present(Cell cell) {
    return cell != null && !cell.isBlank();
  }

  String name(Cell cell) {
    String name = cell.text().strip();
    if (!ASSET_NAME.matcher(name).matches()) {
      throw error(cell, "'" + abbreviate(name) + "' is not an asset name: a letter or digit, then letters, digits"
          + " and ._:/@+- (at most 255)");
    }
    // The name is also the asset's folder below the fleet directory: a '.' or '..' segment would
    // lead elsewhere, an empty one hides a folder change.
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw error(cell, "'" + abbreviate(name) + "' is not an asset name: its folder path has an empty, '.'"
            + " or '..' segment (it must stay inside the fleet directory)");
      }
    }
    return name;
  }

  AssetKind kind(Cell cell) {
    String text = cell.text().strip().toLowerCase(Locale.ROOT);
    for (AssetKind kind : AssetKind.values()) {
      if (kind.name().toLowerCase(Locale.ROOT).equals(text)) {
        return kind;
      }
    }
    throw error(cell, "'" + abbreviate(cell.text().strip()) + "' is not one of host, container_image, appliance,"
        + " application");
  }

  String environment(Cell cell) {
    String env = cell.text().strip();
    if (!ENVIRONMENT_NAME.matcher(env).matches()) {
      throw error(cell, "'" + abbreviate(env) + "' is not an environment name: a letter or digit, then letters,"
          + " digits and ._- (at most 64), e.g. production");
    }
    return env;
  }

  String ownerTeam(Cell cell) {
    if (!present(cell)) {
      return "";
    }
    String team = cell.text().strip();
    if (team.length() > MAX_OWNER_TEAM || team.chars().anyMatch(Character::isISOControl)) {
      throw error(cell, "'" + abbreviate(team) + "' is not a team name (at most " + MAX_OWNER_TEAM
          + " characters, no control characters)");
    }
    return team;
  }

  int criticality(Cell cell) {
    String text = cell.text().strip();
    return switch (text) {
      case "1" -> 1;
      case "2" -> 2;
      case "3" -> 3;
      case "4" -> 4;
      default -> throw error(cell, "'" + abbreviate(text) + "' is not 1..4 (1 is the most critical)");
    };
  }

  boolean internetFacing(Cell cell) {
    String text = cell.text().strip();
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw error(cell, "'" + abbreviate(text) + "' is not yes, no, true or false");
    };
  }

  Set<String> tags(List<Cell> cells) {
    Set<String> tags = new LinkedHashSet<>();
    for (Cell cell : cells) {
      String tag = cell.text().strip();
      if (tag.isEmpty()) {
        continue;
      }
      if (!TAG.matcher(tag).matches()) {
        throw error(cell, "tag '" + abbreviate(tag) + "' is not a letter or digit followed by letters, digits and"
            + " ._:/=+- (at most 64)");
      }
      tags.add(tag);
    }
    return tags;
  }

  /** Splits the CSV form of the tags column: {@code edge;dmz}. */
  static List<Cell> splitTags(Cell cell) {
    List<Cell> tags = new ArrayList<>();
    if (cell != null) {
      for (String tag : cell.text().split(";", -1)) {
        tags.add(new Cell(tag, cell.line(), cell.column()));
      }
    }
    return tags;
  }

  /** The asset of a complete set of asset cells. */
  Asset asset(Map<String, Cell> cells, List<Cell> tags, int line) {
    Cell nameCell = required(cells, NAME, line);
    String name = name(nameCell);
    AssetKind kind = kind(required(cells, KIND, line));
    String environment = environment(required(cells, ENVIRONMENT, line));
    String ownerTeam = ownerTeam(cells.get(OWNER_TEAM));
    int criticality = criticality(required(cells, CRITICALITY, line));
    boolean internetFacing = internetFacing(required(cells, INTERNET_FACING, line));
    try {
      return new Asset(name, kind, environment, ownerTeam, criticality, internetFacing, tags(tags));
    } catch (IllegalArgumentException e) {
      // The checks above mirror Asset's; should they ever drift, the row still gets named.
      throw error(nameCell, e.getMessage());
    }
  }

  /**
   * The product a set of product cells names, or null when all of them are empty.
   *
   * @param line where the product's cells start, for a missing column
   */
  InstalledPackage product(Map<String, Cell> cells, int line) {
    Cell vendor = cells.get(VENDOR);
    Cell product = cells.get(PRODUCT);
    Cell version = cells.get(VERSION);
    Cell part = cells.get(PART);
    Cell cpe = cells.get(CPE);
    if (present(cpe)) {
      return fromCpe(cpe, vendor, product, version, part);
    }
    if (!present(vendor) && !present(product) && !present(version)) {
      if (present(part)) {
        throw error(part, "a part without vendor, product and version (or cpe)");
      }
      return null;
    }
    String v = cpeComponent(together(vendor, VENDOR, line), VENDOR);
    String p = cpeComponent(together(product, PRODUCT, line), PRODUCT);
    String ver = together(version, VERSION, line).text().strip();
    cpeComponent(version, VERSION);
    String partLetter = present(part) ? part(part) : "a";
    return new InstalledPackage("cpe", v + ":" + p, ver, "", "", "", Cpe23.of(partLetter, v, p, ver));
  }

  private Cell together(Cell cell, String column, int line) {
    if (cell == null) {
      throw new FeedFormatException(source, "line " + line + ", " + column,
          "missing; vendor, product and version go together (or give a cpe)");
    }
    if (cell.isBlank()) {
      throw error(cell, "empty; vendor, product and version go together (or give a cpe)");
    }
    return cell;
  }

  private String cpeComponent(Cell cell, String what) {
    try {
      return Cpe23.normalize(what, cell.text());
    } catch (IllegalArgumentException e) {
      throw error(cell, e.getMessage());
    }
  }

  private String part(Cell cell) {
    String p = cell.text().strip().toLowerCase(Locale.ROOT);
    if (!p.equals("a") && !p.equals("o") && !p.equals("h")) {
      throw error(cell, "'" + abbreviate(cell.text().strip()) + "' is not a (application), o (operating system or"
          + " firmware) or h (hardware)");
    }
    return p;
  }

  /** An explicit CPE name: it decides the package name; the other columns, if given, must agree with it. */
  private InstalledPackage fromCpe(Cell cpe, Cell vendor, Cell product, Cell version, Cell part) {
    String text = cpe.text().strip();
    CpeName name;
    try {
      if (!text.startsWith("cpe:2.3:")) {
        throw new IllegalArgumentException(
            "'" + abbreviate(text) + "' is not a CPE 2.3 formatted string (cpe:2.3:…)");
      }
      name = CpeName.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(cpe, e.getMessage());
    }
    String cpePart = name.part().toLowerCase(Locale.ROOT);
    if (!cpePart.equals("a") && !cpePart.equals("o") && !cpePart.equals("h")) {
      throw error(cpe, "part '" + name.part() + "' is not a, o or h");
    }
    String cpeVendor = name.vendor().toLowerCase(Locale.ROOT);
    String cpeProduct = name.product().toLowerCase(Locale.ROOT);
    agree(vendor, VENDOR, cpeVendor);
    agree(product, PRODUCT, cpeProduct);
    if (present(part) && !part(part).equals(cpePart)) {
      throw error(part, "'" + part.text().strip() + "' is not the cpe's part '" + cpePart + "'");
    }
    String ver;
    if (present(version)) {
      cpeComponent(version, VERSION);
      ver = version.text().strip();
    } else {
      ver = name.version();
      if (ver.isEmpty() || ver.equals("*") || ver.equals("-")) {
        throw error(cpe, "the cpe gives no version ('" + ver + "'); add the version column");
      }
    }
    return new InstalledPackage("cpe", cpeVendor + ":" + cpeProduct, ver, "", "", "", text);
  }

  private void agree(Cell cell, String what, String fromCpe) {
    if (present(cell)) {
      String normalized = cpeComponent(cell, what);
      if (!normalized.equals(fromCpe)) {
        throw error(cell, "'" + abbreviate(cell.text().strip()) + "' is not the cpe's " + what + " '" + fromCpe
            + "' (leave it empty or make them agree)");
      }
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
