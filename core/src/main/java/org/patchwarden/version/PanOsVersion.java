package org.patchwarden.version;

/**
 * A PAN-OS version: {@code major.minor.maintenance}, then an optional hotfix {@code -hN}
 * ({@code 10.2.9-h1}). Ordered by the three release numbers, then the hotfix, a release without a
 * hotfix first: {@code 10.2.9 < 10.2.9-h1 < 10.2.9-h10 < 10.2.10}.
 */
public final class PanOsVersion implements Version {
  private final PanOsVersionScheme scheme;
  private final String text;
  private final long major;
  private final long minor;
  private final long maintenance;
  /** 0 without a hotfix. */
  private final long hotfix;

  PanOsVersion(PanOsVersionScheme scheme, String text, long major, long minor, long maintenance, long hotfix) {
    this.scheme = scheme;
    this.text = text;
    this.major = major;
    this.minor = minor;
    this.maintenance = maintenance;
    this.hotfix = hotfix;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public String text() {
    return text;
  }

  /** {@code 10.2.9-h1}: numbers without leading zeros, a lower-case {@code h}. */
  @Override
  public String normalized() {
    return major + "." + minor + "." + maintenance + (hotfix == 0 ? "" : "-h" + hotfix);
  }

  /** Whether this is a hotfix build ({@code -hN}) of its maintenance release. */
  public boolean isHotfix() {
    return hotfix != 0;
  }

  /** The maintenance release this version belongs to, without its hotfix: {@code 10.2.9} of {@code 10.2.9-h1}. */
  public PanOsVersion maintenanceRelease() {
    return hotfix == 0 ? this : new PanOsVersion(scheme, major + "." + minor + "." + maintenance, major, minor,
        maintenance, 0);
  }

  /** The next maintenance release: {@code 10.2.10} after any {@code 10.2.9} build. */
  public PanOsVersion nextMaintenanceRelease() {
    return new PanOsVersion(scheme, major + "." + minor + "." + (maintenance + 1), major, minor, maintenance + 1, 0);
  }

  @Override
  public int compareTo(Version o) {
    if (!(o instanceof PanOsVersion other)) {
      throw new IllegalArgumentException("cannot compare " + scheme.name() + " version " + text + " with "
          + o.scheme().name() + " version " + o.text());
    }
    int c = Long.compare(major, other.major);
    if (c == 0) {
      c = Long.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compare(maintenance, other.maintenance);
    }
    return c != 0 ? c : Long.compare(hotfix, other.hotfix);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PanOsVersion v && v.major == major && v.minor == minor && v.maintenance == maintenance
        && v.hotfix == hotfix;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(((major * 31 + minor) * 31 + maintenance) * 31 + hotfix);
  }

  @Override
  public String toString() {
    return text;
  }
}
