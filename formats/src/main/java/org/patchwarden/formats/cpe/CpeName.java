package org.patchwarden.formats.cpe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The leading components of a CPE name, unescaped: enough to name the product a feed talks about.
 * Both bindings feeds use are read: the CPE 2.3 formatted string ({@code
 * cpe:2.3:a:jmcnamara:spreadsheet\:\:parseexcel:0.41:*:*:*:*:perl:*:*}, backslash-escaped) and the
 * older CPE 2.2 URI ({@code cpe:/o:redhat:enterprise_linux:8}, percent-encoded, trailing parts
 * optional), which Red Hat still writes in CVE records.
 *
 * @param part {@code a}, {@code o}, {@code h} (or {@code *})
 * @param vendor unescaped vendor component
 * @param product unescaped product component
 * @param version unescaped version component; {@code *} when the URI form omits it
 */
public record CpeName(String part, String vendor, String product, String version) {
  private static final String FORMATTED = "cpe:2.3:";
  private static final String URI = "cpe:/";

  public CpeName {
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(version, "version");
  }

  /** {@code vendor:product}, the name Patchwarden gives CPE-identified packages. */
  public String vendorProduct() {
    return vendor + ":" + product;
  }

  /**
   * Parses either binding.
   *
   * @throws IllegalArgumentException saying what is wrong when the text is neither a CPE 2.3
   *     formatted string with its 13 components nor a CPE 2.2 URI with a part, vendor and product
   */
  public static CpeName parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith(FORMATTED)) {
      return formatted(text);
    }
    if (text.startsWith(URI)) {
      return uri(text);
    }
    throw new IllegalArgumentException("'" + text + "' is not a CPE name (expected cpe:2.3:… or cpe:/…)");
  }

  private static CpeName formatted(String text) {
    List<String> parts = split(text);
    if (parts.size() != 13) {
      throw new IllegalArgumentException("'" + text + "' has " + parts.size()
          + " components; a CPE 2.3 formatted string has 13");
    }
    String vendor = parts.get(3);
    String product = parts.get(4);
    if (vendor.isEmpty() || product.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has an empty vendor or product");
    }
    return new CpeName(parts.get(2), vendor, product, parts.get(5));
  }

  /** Splits on unescaped colons and drops the escaping backslashes (CPE 2.3 §6.2). */
  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>(13);
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 == text.length()) {
          throw new IllegalArgumentException("'" + text + "' ends with a lone backslash");
        }
        current.append(text.charAt(++i));
      } else if (c == ':') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static CpeName uri(String text) {
    String[] parts = text.substring(URI.length()).split(":", -1);
    if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' lacks a part, vendor or product (cpe:/part:vendor:product…)");
    }
    String version = parts.length > 3 && !parts[3].isEmpty() ? decode(text, parts[3]) : "*";
    return new CpeName(decode(text, parts[0]), decode(text, parts[1]), decode(text, parts[2]), version);
  }

  /** Undoes the URI binding's percent-encoding (CPE 2.2 §5.4); other characters are kept. */
  private static String decode(String text, String component) {
    if (component.indexOf('%') < 0) {
      return component;
    }
    StringBuilder out = new StringBuilder(component.length());
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '%') {
        if (i + 2 >= component.length()) {
          throw new IllegalArgumentException("'" + text + "' has a truncated %-escape");
        }
        int hi = Character.digit(component.charAt(i + 1), 16);
        int lo = Character.digit(component.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("'" + text + "' has a bad %-escape");
        }
        out.append((char) (hi * 16 + lo));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
