package org.patchwarden.advisory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Groups advisory records that describe the same vulnerability: two records belong together when
 * one's id or aliases meet the other's (transitively: GHSA ↔ CVE ↔ DSA). A union-find over
 * identifiers, linear in the number of identifiers.
 */
public final class AdvisoryMerger {
  private AdvisoryMerger() {}

  /** The merged advisories, ordered by preferred id. */
  public static List<Advisory> merge(Collection<AdvisoryRecord> records) {
    Map<String, String> parent = new HashMap<>();
    for (AdvisoryRecord r : records) {
      union(parent, r.id(), r.id());
      for (String alias : r.aliases()) {
        union(parent, r.id(), alias);
      }
    }
    Map<String, List<AdvisoryRecord>> groups = new HashMap<>();
    for (AdvisoryRecord r : records) {
      groups.computeIfAbsent(find(parent, r.id()), k -> new ArrayList<>()).add(r);
    }
    List<Advisory> out = new ArrayList<>(groups.size());
    for (List<AdvisoryRecord> group : groups.values()) {
      TreeSet<String> ids = new TreeSet<>();
      for (AdvisoryRecord r : group) {
        ids.add(r.id());
        ids.addAll(r.aliases());
      }
      group.sort(Comparator.comparing(AdvisoryRecord::source).thenComparing(AdvisoryRecord::id));
      String preferred = ids.stream().filter(i -> i.startsWith("CVE-")).findFirst().orElse(ids.first());
      out.add(new Advisory(preferred, ids, group));
    }
    out.sort(Comparator.comparing(Advisory::id));
    return out;
  }

  private static String find(Map<String, String> parent, String x) {
    String root = x;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    while (!x.equals(root)) { // path compression
      String next = parent.get(x);
      parent.put(x, root);
      x = next;
    }
    return root;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    parent.putIfAbsent(a, a);
    parent.putIfAbsent(b, b);
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }
}
