package org.patchwarden.advisory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups advisory records into vulnerabilities. A CVE id is the identity of one vulnerability, so
 * two CVEs are never merged. Other identifiers (GHSA, GO, PYSEC, DSA, ALSA …) that name each other
 * form one group, transitively; a group naming exactly one CVE joins that CVE's vulnerability, a
 * group naming several (a DSA that fixes seven CVEs) belongs to each of them, and a group naming
 * none is a vulnerability of its own. Linear in the number of identifiers.
 */
public final class AdvisoryMerger {
  private AdvisoryMerger() {}

  /** The merged advisories, ordered by preferred id. */
  public static List<Advisory> merge(Collection<AdvisoryRecord> records) {
    Map<String, String> parent = new HashMap<>();
    for (AdvisoryRecord r : records) {
      String first = null;
      for (String id : idsOf(r)) {
        if (!isCve(id)) {
          parent.putIfAbsent(id, id);
          if (first == null) {
            first = id;
          } else {
            union(parent, first, id);
          }
        }
      }
    }
    // Per group (root of its non-CVE ids): member records, non-CVE ids, CVEs named.
    Map<String, Group> groups = new LinkedHashMap<>();
    Map<String, Builder> byCve = new TreeMap<>();
    for (AdvisoryRecord r : records) {
      String root = null;
      for (String id : idsOf(r)) {
        if (!isCve(id)) {
          root = find(parent, id);
          break;
        }
      }
      if (root == null) {
        for (String id : idsOf(r)) {
          byCve.computeIfAbsent(id, Builder::new).add(r, Set.of());
        }
        continue;
      }
      Group g = groups.computeIfAbsent(root, k -> new Group());
      g.records.add(r);
      for (String id : idsOf(r)) {
        (isCve(id) ? g.cves : g.ids).add(id);
      }
    }
    List<Builder> standalone = new ArrayList<>();
    for (Group g : groups.values()) {
      if (g.cves.isEmpty()) {
        Builder b = new Builder(g.ids.first());
        g.records.forEach(r -> b.add(r, g.ids));
        standalone.add(b);
      } else {
        for (String cve : g.cves) {
          Builder b = byCve.computeIfAbsent(cve, Builder::new);
          g.records.forEach(r -> b.add(r, g.ids));
        }
      }
    }
    List<Advisory> out = new ArrayList<>();
    byCve.values().forEach(b -> out.add(b.build()));
    standalone.forEach(b -> out.add(b.build()));
    out.sort(Comparator.comparing(Advisory::id));
    return out;
  }

  /** Whether an identifier is a CVE id. */
  public static boolean isCve(String id) {
    return id.startsWith("CVE-");
  }

  private static List<String> idsOf(AdvisoryRecord r) {
    List<String> ids = new ArrayList<>(r.aliases().size() + 1);
    ids.add(r.id());
    r.aliases().stream().sorted().forEach(ids::add);
    return ids;
  }

  private static final class Group {
    final List<AdvisoryRecord> records = new ArrayList<>();
    final TreeSet<String> ids = new TreeSet<>();
    final TreeSet<String> cves = new TreeSet<>();
  }

  private static final class Builder {
    final String id;
    final TreeSet<String> ids = new TreeSet<>();
    final Set<AdvisoryRecord> records = new LinkedHashSet<>();

    Builder(String id) {
      this.id = id;
      ids.add(id);
    }

    void add(AdvisoryRecord r, Set<String> groupIds) {
      records.add(r);
      ids.addAll(groupIds);
    }

    Advisory build() {
      List<AdvisoryRecord> sorted = new ArrayList<>(records);
      sorted.sort(Comparator.comparing(AdvisoryRecord::source).thenComparing(AdvisoryRecord::id));
      return new Advisory(id, ids, sorted);
    }
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
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra, rb);
    }
  }
}
