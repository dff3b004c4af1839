package org.patchwarden.version;

/**
 * Alpine package versions ({@code 1.2.3a_rc1_p2~1a2b-r4}) validated and ordered as apk-tools 3.0
 * does ({@code apk_version_validate} + {@code apk_version_compare}).
 *
 * <p>apk's own dependency operators live in package dependencies, not in a range syntax, so ranges
 * are vers constraints ({@code >=1.0-r1|<2.0}).
 */
public final class ApkVersionScheme implements VersionScheme {
  static final String NAME = "apk";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Version parse(String text) {
    return ApkVersion.parse(this, text);
  }

  @Override
  public String toString() {
    return NAME;
  }
}
