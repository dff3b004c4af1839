package org.patchwarden.version;

/**
 * One ecosystem's version syntax and ordering (dpkg, rpm, Maven, PEP 440 …), and its native range
 * syntax.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface VersionScheme {

  /** The short, stable name used in the CLI and the store: {@code deb}, {@code rpm}, {@code npm} … */
  String name();

  /**
   * Parses a version.
   *
   * @throws InvalidVersionException naming the input and the reason when the ecosystem rejects it
   */
  Version parse(String text);

  /**
   * Parses this ecosystem's native range syntax (npm's {@code ^1.2 || 2.x}, Maven's {@code [1.0,2.0)},
   * PEP 440 specifier sets …). Schemes without a syntax of their own accept vers constraints
   * ({@code >=1.0|<1.2}).
   *
   * @throws InvalidRangeException naming the input and the reason
   */
  default VersionRange parseRange(String text) {
    return VersConstraints.parse(this, text);
  }

  /** Compares two version strings; convenient, but parse once when comparing many times. */
  default int compare(String a, String b) {
    return Integer.signum(parse(a).compareTo(parse(b)));
  }
}
