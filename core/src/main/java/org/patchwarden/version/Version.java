package org.patchwarden.version;

/**
 * A parsed version of one {@link VersionScheme}. Versions are ordered only against versions of the
 * same scheme; {@link #compareTo} throws {@link IllegalArgumentException} across schemes.
 *
 * <p>Implementations are immutable, and {@code compareTo} is a total order consistent with
 * {@code equals} and {@code hashCode}: two versions the ecosystem treats as equal (dpkg's {@code 1.0}
 * and {@code 0:1.0}, Maven's {@code 1.0} and {@code 1}) are {@code equals}.
 */
public interface Version extends Comparable<Version> {

  /** The scheme that parsed this version. */
  VersionScheme scheme();

  /** The text exactly as it was given to {@link VersionScheme#parse}. */
  String text();

  /**
   * The canonical spelling in the ecosystem (PEP 440's {@code 1.0rc1} for {@code 1.0-RC1}); parsing
   * it yields an equal version.
   */
  String normalized();
}
