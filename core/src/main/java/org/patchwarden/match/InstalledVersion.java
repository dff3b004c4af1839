package org.patchwarden.match;

import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.Version;
import org.patchwarden.version.VersionScheme;

/**
 * One installed version as text, parsed on demand in each scheme an advisory entry asks for, each
 * at most once (an entry's ranges are usually of one scheme; Go and {@code SEMVER} ranges of another).
 */
final class InstalledVersion {
  private static final Object INVALID = new Object();

  private final String text;
  private VersionScheme scheme1;
  private Object version1;
  private VersionScheme scheme2;
  private Object version2;

  InstalledVersion(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** The version in {@code scheme}, or null when the scheme rejects the text. */
  Version in(VersionScheme scheme) {
    if (scheme == scheme1) {
      return version1 == INVALID ? null : (Version) version1;
    }
    if (scheme == scheme2) {
      return version2 == INVALID ? null : (Version) version2;
    }
    Object parsed;
    if (text.isBlank()) {
      parsed = INVALID; // NB: dpkg compares an empty version (as "absent"), but nothing is installed at none
    } else {
      try {
        parsed = scheme.parse(text);
      } catch (InvalidVersionException e) {
        parsed = INVALID;
      }
    }
    if (scheme1 == null) {
      scheme1 = scheme;
      version1 = parsed;
    } else {
      // a third scheme for one version is not seen in real data; the second slot just turns over
      scheme2 = scheme;
      version2 = parsed;
    }
    return parsed == INVALID ? null : (Version) parsed;
  }
}
