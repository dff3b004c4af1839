package org.patchwarden.exercise;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwarden.match.Finding;

/**
 * The CVEs a scenario's {@code cves: {top: N}} follows: those of the fleet's findings, KEV-listed
 * first, then those found on more assets, then by id, so that one store always gives the same choice.
 */
public final class TopCves {
  private TopCves() {}

  /**
   * The first {@code n} CVEs of {@code findings} in that order.
   *
   * @param kev the CVE ids of the KEV catalog
   */
  public static List<String> choose(List<Finding> findings, Set<String> kev, int n) {
    Map<String, Set<String>> assetsByCve = new TreeMap<>();
    for (Finding f : findings) {
      for (String cve : cves(f)) {
        assetsByCve.computeIfAbsent(cve, c -> new TreeSet<>()).add(f.assetName());
      }
    }
    Comparator<String> order = Comparator.comparing((String c) -> !kev.contains(c))
        .thenComparing(Comparator.comparingInt((String c) -> assetsByCve.get(c).size()).reversed())
        .thenComparing(Comparator.naturalOrder());
    return assetsByCve.keySet().stream().sorted(order).limit(n).toList();
  }

  /** The CVE ids a finding names: its advisory's id when a CVE, and its CVE aliases. */
  public static Set<String> cves(Finding f) {
    Set<String> out = new TreeSet<>();
    if (f.advisoryId().startsWith("CVE-")) {
      out.add(f.advisoryId());
    }
    f.aliases().stream().filter(a -> a.startsWith("CVE-")).forEach(out::add);
    return out;
  }
}
