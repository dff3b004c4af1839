package org.patchwarden.formats.report;

/** Escaping for text and attribute values of the XHTML and SVG the report writes. */
final class Xml {
  private Xml() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // XML 1.0 forbids most control characters: a hostile asset name must not break the document.
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
