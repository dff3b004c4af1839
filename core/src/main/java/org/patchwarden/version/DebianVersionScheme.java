package org.patchwarden.version;

/**
 * Debian package versions ({@code [epoch:]upstream[-revision]}) parsed and ordered as dpkg 1.21
 * does ({@code parseversion} + {@code verrevcmp}).
 *
 * <p>dpkg has no range syntax of its own, so ranges are vers constraints ({@code >=1.0-1|<2.0}).
 */
public final class DebianVersionScheme implements VersionScheme {
  static final String NAME = "deb";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Version parse(String text) {
    return DebianVersion.parse(this, text);
  }

  @Override
  public String toString() {
    return NAME;
  }
}
