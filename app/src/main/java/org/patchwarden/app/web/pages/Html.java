package org.patchwarden.app.web.pages;

import java.util.Objects;

/**
 * A fragment of HTML that is safe to emit: made from a trusted template whose {@code {}} holes are
 * filled with escaped text, or with other fragments as they are. Escaping is the default, so a page
 * cannot forget it.
 */
public record Html(String text) {
  /** The empty fragment. */
  public static final Html EMPTY = new Html("");

  public Html {
    Objects.requireNonNull(text, "text");
  }

  /**
   * Fills each {@code {}} of {@code template} with the next argument: an {@link Html} as it is, anything
   * else escaped ({@code null} as nothing).
   *
   * @throws IllegalArgumentException when the number of holes and arguments differ
   */
  public static Html of(String template, Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 16 * args.length);
    int from = 0;
    int used = 0;
    for (int hole = template.indexOf("{}"); hole >= 0; hole = template.indexOf("{}", from)) {
      if (used == args.length) {
        throw new IllegalArgumentException("template has more holes than the " + args.length + " arguments: "
            + template);
      }
      out.append(template, from, hole).append(fragment(args[used++]).text);
      from = hole + 2;
    }
    if (used != args.length) {
      throw new IllegalArgumentException("template has " + used + " holes for " + args.length + " arguments: "
          + template);
    }
    return new Html(out.append(template, from, template.length()).toString());
  }

  /** The fragments one after another. */
  public static Html join(Iterable<Html> parts) {
    StringBuilder out = new StringBuilder();
    parts.forEach(p -> out.append(p.text));
    return new Html(out.toString());
  }

  /** {@code value} escaped, or the fragment itself. */
  public static Html fragment(Object value) {
    if (value instanceof Html h) {
      return h;
    }
    return new Html(escape(value == null ? "" : value.toString()));
  }

  /** Text escaped for element content and double- or single-quoted attribute values. */
  public static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (rep != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (rep != null) {
          out.append(rep);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /** {@code condition ? fragment : EMPTY}. */
  public static Html when(boolean condition, Html fragment) {
    return condition ? fragment : EMPTY;
  }

  @Override
  public String toString() {
    return text;
  }
}
