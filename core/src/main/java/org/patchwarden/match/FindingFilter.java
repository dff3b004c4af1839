package org.patchwarden.match;

/**
 * Which tracked findings to list; a null field does not filter.
 *
 * @param advisory matches the advisory id or any alias (e.g. a CVE id)
 * @param packageName matches the installed package name or the matched (source) name
 */
public record FindingFilter(String assetName, String packageName, String advisory, FindingStatus status) {
  /** Every finding. */
  public static FindingFilter all() {
    return new FindingFilter(null, null, null, null);
  }
}
