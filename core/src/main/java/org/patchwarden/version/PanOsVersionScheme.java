package org.patchwarden.version;

/**
 * Palo Alto Networks PAN-OS versions ({@link PanOsVersion}): {@code 10.2.9}, {@code 10.2.9-h1}.
 * Ranges use the vers constraint syntax ({@code >=10.2.0|<10.2.9-h1}).
 *
 * <p>A hotfix is a build of one maintenance release only: {@code 10.2.7-h34} fixes the {@code
 * 10.2.7} line, while {@code 10.2.8} and {@code 10.2.9} come later in version order without that
 * fix ({@link #hotfixLineEnd}). Advisories state fixes that way ("fixed in 10.2.7-h34, 10.2.10-h36,
 * 10.2.18-h6").
 */
public final class PanOsVersionScheme implements VersionScheme {
  static final String NAME = "pan-os";
  /** Longest number accepted: nine digits keep every value and the next one in a long. */
  private static final int MAX_DIGITS = 9;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PanOsVersion parse(String text) {
    if (text == null) {
      throw new InvalidVersionException(NAME, null, "null");
    }
    long[] parts = new long[4];
    int part = 0;
    int i = 0;
    int n = text.length();
    while (true) {
      int start = i;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        throw new InvalidVersionException(NAME, text, part == 3 ? "expected the hotfix number after -h"
            : "expected a number at position " + (i + 1) + " (major.minor.maintenance, then -hN)");
      }
      if (i - start > MAX_DIGITS) {
        throw new InvalidVersionException(NAME, text, "a number longer than " + MAX_DIGITS + " digits");
      }
      parts[part] = Long.parseLong(text, start, i, 10);
      part++;
      if (i == n) {
        break;
      }
      char c = text.charAt(i);
      if (part < 3 && c == '.') {
        i++;
      } else if (part == 3 && c == '-' && i + 1 < n && (text.charAt(i + 1) == 'h' || text.charAt(i + 1) == 'H')) {
        i += 2;
      } else {
        throw new InvalidVersionException(NAME, text, part < 3 ? "expected major.minor.maintenance"
            : part == 3 ? "only a hotfix -hN may follow major.minor.maintenance" : "nothing may follow the hotfix");
      }
    }
    if (part < 3) {
      throw new InvalidVersionException(NAME, text, "expected major.minor.maintenance");
    }
    if (part == 4 && parts[3] == 0) {
      throw new InvalidVersionException(NAME, text, "hotfixes count from -h1");
    }
    return new PanOsVersion(this, text, parts[0], parts[1], parts[2], parts[3]);
  }

  /**
   * Where a status change at {@code at} stops applying: for a hotfix ({@code 10.2.7-h34}) the next
   * maintenance release ({@code 10.2.8}), which does not carry the hotfix; for a maintenance release
   * ({@code 12.1.7}) nowhere (null): later releases carry it.
   */
  public PanOsVersion hotfixLineEnd(PanOsVersion at) {
    return at.isHotfix() ? at.nextMaintenanceRelease() : null;
  }
}
