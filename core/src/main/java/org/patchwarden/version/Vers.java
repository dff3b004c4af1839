package org.patchwarden.version;

import java.util.Locale;

/**
 * A vers URI ({@code vers:deb/>=1.0|<1.2}, see the package-url vers specification): a versioning
 * scheme and its constraints.
 */
public record Vers(VersionScheme scheme, VersionRange range) {

  /**
   * Parses a vers URI; the scheme is looked up by its vers name ({@code deb}, {@code golang},
   * {@code gem} …).
   *
   * @throws InvalidRangeException when the text is not a vers URI or names an unknown scheme
   */
  public static Vers parse(String text) {
    if (text == null || !text.regionMatches(true, 0, "vers:", 0, 5)) {
      throw new InvalidRangeException("vers", String.valueOf(text), "must start with 'vers:'");
    }
    int slash = text.indexOf('/', 5);
    if (slash < 0) {
      throw new InvalidRangeException("vers", text, "missing '/' after the versioning scheme");
    }
    String type = text.substring(5, slash).strip().toLowerCase(Locale.ROOT);
    VersionScheme scheme = Schemes.find(type)
        .orElseThrow(() -> new InvalidRangeException("vers", text, "unknown versioning scheme '" + type + "'"));
    return new Vers(scheme, VersConstraints.parse(scheme, text.substring(slash + 1)));
  }
}
