package org.patchwarden.match;

import java.util.Objects;

/**
 * The identity of a finding as users see it ({@link Finding#key()}, {@code finding_key} in JSON):
 * asset, ecosystem, installed package name and advisory id, whichever feeds made the claim.
 */
public record FindingKey(String assetName, String ecosystem, String packageName, String advisoryId) {
  public FindingKey {
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(advisoryId, "advisoryId");
  }

  /**
   * Reads {@code asset|ecosystem|package|advisory}. Asset names, ecosystems and advisory ids have no
   * {@code |}, so a package name that has one is still read whole.
   *
   * @throws IllegalArgumentException when the text does not have that shape
   */
  public static FindingKey parse(String text) {
    int first = text.indexOf('|');
    int second = first < 0 ? -1 : text.indexOf('|', first + 1);
    int last = text.lastIndexOf('|');
    if (first <= 0 || second <= first + 1 || last <= second + 1 || last == text.length() - 1) {
      throw new IllegalArgumentException("finding key '" + text + "' is not ASSET|ECOSYSTEM|PACKAGE|ADVISORY "
          + "(e.g. web-01|deb|openssl|DSA-5139-1; 'findings --json' prints each finding_key)");
    }
    return new FindingKey(text.substring(0, first), text.substring(first + 1, second),
        text.substring(second + 1, last), text.substring(last + 1));
  }

  /** The key of {@code f}. */
  public static FindingKey of(Finding f) {
    return new FindingKey(f.assetName(), f.installed().ecosystem(), f.installed().name(), f.advisoryId());
  }

  @Override
  public String toString() {
    return assetName + "|" + ecosystem + "|" + packageName + "|" + advisoryId;
  }
}
