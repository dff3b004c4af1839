package org.patchwarden.version;

/**
 * RPM versions ({@code [epoch:]version[-release]}) parsed and ordered as rpm 4.18 does
 * ({@code rpmverParse} + {@code rpmverCmp}, i.e. {@code rpmvercmp} on each part).
 *
 * <p>rpm has no range syntax of its own, so ranges are vers constraints ({@code >=1.0-1|<2.0}).
 */
public final class RpmVersionScheme implements VersionScheme {
  static final String NAME = "rpm";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Version parse(String text) {
    return RpmVersion.parse(this, text);
  }

  @Override
  public String toString() {
    return NAME;
  }
}
