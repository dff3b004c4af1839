package org.patchwarden.formats.feed.debian;

import java.util.Map;

/**
 * Debian release codenames as OSV-style ecosystems ({@code bookworm} → {@code Debian:12}), spelled as
 * OSV's Debian records spell them.
 */
final class DebianReleases {
  private static final Map<String, String> NUMBERS = Map.ofEntries(
      Map.entry("woody", "3.0"),
      Map.entry("sarge", "3.1"),
      Map.entry("etch", "4"),
      Map.entry("lenny", "5"),
      Map.entry("squeeze", "6"),
      Map.entry("wheezy", "7"),
      Map.entry("jessie", "8"),
      Map.entry("stretch", "9"),
      Map.entry("buster", "10"),
      Map.entry("bullseye", "11"),
      Map.entry("bookworm", "12"),
      Map.entry("trixie", "13"),
      Map.entry("forky", "14"));

  private DebianReleases() {}

  /**
   * {@code Debian:<number>}, or {@code Debian:<codename>} for a codename without a number yet (or
   * never: {@code sid}), so that nothing the tracker says is dropped.
   */
  static String ecosystem(String codename) {
    return "Debian:" + NUMBERS.getOrDefault(codename, codename);
  }
}
