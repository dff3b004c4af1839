package org.patchwarden.formats.cpe;

import java.util.Locale;
import java.util.Objects;

/**
 * Builds CPE 2.3 formatted strings ({@code cpe:2.3:part:vendor:product:version:*:*:*:*:*:*:*}) for
 * products known only by vendor, product and version, such as appliance firmware.
 *
 * <p>Each component is bound as NISTIR 7695 §6.2 prescribes and as NVD's dictionary spells it: lower
 * case, spaces as underscores, every printable character other than a letter, a digit, {@code .},
 * {@code -} and {@code _} escaped with a backslash ({@code at&t} becomes {@code at\&t}). The
 * components after the version are ANY ({@code *}).
 */
public final class Cpe23 {
  private static final int MAX_COMPONENT = 256;

  private Cpe23() {}

  /** An application ({@code part a}). */
  public static String of(String vendor, String product, String version) {
    return of("a", vendor, product, version);
  }

  /**
   * @param part {@code a} (application), {@code o} (operating system, firmware) or {@code h} (hardware)
   * @throws IllegalArgumentException naming the component, when the part is not a, o or h, or a
   *     component is empty, longer than 256 characters, holds a character other than printable
   *     ASCII and space, or is the lone {@code -} that CPE reads as "not applicable"
   */
  public static String of(String part, String vendor, String product, String version) {
    Objects.requireNonNull(part, "part");
    String p = part.strip().toLowerCase(Locale.ROOT);
    if (!p.equals("a") && !p.equals("o") && !p.equals("h")) {
      throw new IllegalArgumentException("CPE part '" + part + "' is not a, o or h");
    }
    return "cpe:2.3:" + p + ":" + component("vendor", vendor) + ":" + component("product", product) + ":"
        + component("version", version) + ":*:*:*:*:*:*:*";
  }

  /**
   * The component as a CPE name holds it once unescaped: trimmed, lower case, spaces as
   * underscores. {@code CpeName.parse(of(…)).vendor()} equals {@code normalize(vendor)}.
   *
   * @throws IllegalArgumentException as {@link #of(String, String, String, String)} does
   */
  public static String normalize(String what, String value) {
    Objects.requireNonNull(value, what);
    String v = value.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    if (v.isEmpty()) {
      throw new IllegalArgumentException("CPE " + what + " is empty");
    }
    if (v.length() > MAX_COMPONENT) {
      throw new IllegalArgumentException("CPE " + what + " is longer than " + MAX_COMPONENT + " characters");
    }
    if (v.equals("-")) {
      throw new IllegalArgumentException("CPE " + what + " '-' means 'not applicable' in CPE, not a value");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("CPE " + what + " '" + value + "' holds "
            + (c > 0x7e ? "the non-ASCII character '" + c + "'" : "a control character or tab")
            + "; CPE allows printable ASCII only");
      }
    }
    return v;
  }

  private static String component(String what, String value) {
    String v = normalize(what, value);
    StringBuilder out = new StringBuilder(v.length() + 8);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        out.append('\\'); // NB: also '*' and '?', which unescaped would be CPE wildcards
      }
      out.append(c);
    }
    return out.toString();
  }
}
