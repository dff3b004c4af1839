package org.patchwarden.version;

/**
 * Python package versions (PEP 440) with pypa {@code packaging} 23.0's parsing and ordering, and
 * PEP 440 specifier sets ({@code >=1.0,!=1.3.*,<2}) as the native range syntax.
 */
public final class Pep440VersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "pypi";
  }

  /**
   * Parses like {@code packaging.version.Version}: no legacy versions.
   *
   * @throws InvalidVersionException when packaging raises {@code InvalidVersion}
   */
  @Override
  public Version parse(String text) {
    return Pep440Version.parse(this, text);
  }

  /**
   * Parses like {@code packaging.specifiers.SpecifierSet}; {@code contains} answers like
   * {@code SpecifierSet.contains(v, prereleases=True)}. A blank set holds every version.
   *
   * @throws InvalidRangeException when packaging raises {@code InvalidSpecifier}
   */
  @Override
  public VersionRange parseRange(String text) {
    return Pep440Specifier.parseSet(this, text);
  }

  @Override
  public String toString() {
    return name();
  }
}
