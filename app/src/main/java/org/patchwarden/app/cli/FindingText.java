package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.assess.FixGroup;

/**
 * How prioritised findings and fix groups read on a terminal, shared by {@code findings}, {@code
 * assess}, {@code plan} and the demo: every line names the package, the installed version, the
 * version that closes it and the CVEs; assumptions are numbered and listed once at the end.
 */
final class FindingText {
  private static final int CVES_SHOWN = 4;

  private FindingText() {}

  /** The most urgent {@code limit} findings, three lines each, then the assumptions legend. */
  static void prioritised(PrintWriter out, List<PrioritisedFinding> list, LocalDate today, int limit) {
    Legend legend = new Legend();
    int n = 0;
    for (PrioritisedFinding p : list) {
      if (n++ >= limit) {
        out.printf("%n… %d more (--top N, or 'patchwarden findings --tier T…')%n", list.size() - limit);
        break;
      }
      Assessment a = p.assessment();
      out.printf("%n%s %-9s %s  %s  due %s%s%n  %s%n  %s%s%n", a.tier(), a.tierName(), a.assetName(),
          change(p.finding()), a.dueDate(), overdue(a.overdue(today), a.daysOverdue(today)), advisory(a),
          withoutAssumptions(a), legend.refs(a.assumptions()));
    }
    if (list.isEmpty()) {
      out.println("No findings to assess.");
    }
    legend.print(out);
  }

  /** One line per finding, most urgent first, with tier and due columns; then the assumptions legend. */
  /**
   * The "NO DATA" section below a table: assets whose packages no loaded data covers, so that an
   * asset without findings is not read as clean. Prints nothing when there are none.
   */
  static void noData(PrintWriter out, List<CoverageGap> gaps) {
    if (gaps.isEmpty()) {
      return;
    }
    out.println();
    out.println("NO DATA (no finding here does not mean clean):");
    gaps.forEach(g -> out.printf("  %s: %d %s: %s%n", g.assetName(), g.packages(),
        g.packages() == 1 ? "package" : "packages", g.reason()));
  }

  static void table(PrintWriter out, List<PrioritisedFinding> list, LocalDate today) {
    Legend legend = new Legend();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("TIER", "DUE", "OVERDUE", "ASSET", "PACKAGE", "INSTALLED", "FIXED IN", "ADVISORY", "CVES",
        "STATUS", "ASSUMED"));
    for (PrioritisedFinding p : list) {
      Assessment a = p.assessment();
      Finding f = p.finding();
      rows.add(List.of(a.tier() + " " + a.tierName(), a.dueDate().toString(), a.overdue(today) && p.tracked().status() == FindingStatus.OPEN
              ? a.daysOverdue(today) + " d" : "", f.assetName(), f.installed().name(), f.installed().version(),
          fixedIn(f), f.advisoryId(),
          cves(a.signals().cveIds(), ""), p.tracked().status().name().toLowerCase(Locale.ROOT),
          legend.keys(a.assumptions())));
    }
    printRows(out, rows);
    out.printf("%d findings%n", list.size());
    for (PrioritisedFinding p : list) {
      if (p.tracked().mark() != null) {
        var m = p.tracked().mark();
        out.printf("not affected: %s: %s (marked by %s at %s)%n", p.assessment().findingKey(), m.reason(), m.by(), m.at());
      }
    }
    legend.print(out);
  }

  /** The fix groups, most urgent first, two lines each. */
  static void plan(PrintWriter out, List<FixGroup> groups, LocalDate today, int limit) {
    int n = 0;
    for (FixGroup g : groups) {
      if (n++ >= limit) {
        out.printf("… %d more fix groups ('patchwarden plan' lists them all)%n", groups.size() - limit);
        break;
      }
      out.printf("%s %s: %s, due %s%s%n    %s%n", g.topTier(), g.assetName(), action(g), g.earliestDue(),
          overdue(g.overdue(today), java.time.temporal.ChronoUnit.DAYS.between(g.earliestDue(), today)),
          cves(g.cveIds(), ""));
    }
    if (groups.isEmpty()) {
      out.println("No open findings: nothing to fix.");
    }
  }

  /** What to do about a group, in words: "upgrade chromium 1.0 to 1.2 closes 7 findings (3 KEV)". */
  static String action(FixGroup g) {
    String count = findings(g.findings().size()) + " (" + g.kevFindings() + " KEV)";
    return switch (g.action()) {
      case UPGRADE -> "upgrade " + g.packageName() + " " + g.installedVersion() + " to " + g.targetVersion()
          + " closes " + count;
      case NO_FIX_YET -> "no fix available yet for " + g.packageName() + " " + g.installedVersion() + ": " + count;
      case VERIFY -> "verify " + g.packageName() + " " + g.installedVersion() + " (KEV-listed product, affected"
          + " versions unknown): " + count;
    };
  }

  private static String findings(int n) {
    return n + (n == 1 ? " finding" : " findings");
  }

  /** "chromium 98.0-1 → 99.0-1", or "… (no fix yet)". */
  static String change(Finding f) {
    String base = f.installed().name() + " " + f.installed().version();
    if (f.confidence() == Confidence.PRODUCT_ONLY) {
      return base + " (affected versions unknown: verify)";
    }
    return base + " → " + fixedIn(f);
  }

  /** The version that closes a finding, or why none is named: no fix published, or versions to verify. */
  static String fixedIn(Finding f) {
    if (!f.fixedVersion().isEmpty()) {
      return f.fixedVersion();
    }
    return f.confidence() == Confidence.PRODUCT_ONLY ? "verify versions" : "no fix yet";
  }

  /** "DSA-5079-1: CVE-2022-0452, …", or just the CVE when the advisory is that CVE. */
  static String advisory(Assessment a) {
    List<String> cves = a.signals().cveIds();
    return cves.equals(List.of(a.advisoryId())) ? a.advisoryId() : a.advisoryId() + ": " + cves(cves, a.advisoryId());
  }

  /** The first few ids and how many more; {@code fallback} when there are none. */
  static String cves(List<String> ids, String fallback) {
    if (ids.isEmpty()) {
      return fallback;
    }
    List<String> shown = ids.subList(0, Math.min(CVES_SHOWN, ids.size()));
    return String.join(", ", shown) + (ids.size() > shown.size() ? " +" + (ids.size() - shown.size()) : "");
  }

  private static String overdue(boolean overdue, long days) {
    return overdue ? " (OVERDUE " + days + " d)" : "";
  }

  /** The rationale without its "Assumed: …" tail, which the legend carries once for all lines. */
  static String withoutAssumptions(Assessment a) {
    String tail = ". Assumed: " + String.join("; ", a.assumptions());
    String r = a.rationale();
    return !a.assumptions().isEmpty() && r.endsWith(tail) ? r.substring(0, r.length() - tail.length()) : r;
  }

  private static void printRows(PrintWriter out, List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i + 1 < row.size() ? String.format("%-" + width[i] + "s  ", row.get(i)) : row.get(i));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Numbers each distinct assumption once ("A1", "A2" …) so that lines refer to it instead of repeating it. */
  private static final class Legend {
    private final Map<String, String> keys = new LinkedHashMap<>();

    String keys(List<String> assumptions) {
      TreeSet<Integer> ids = new TreeSet<>();
      for (String s : assumptions) {
        ids.add(Integer.parseInt(keys.computeIfAbsent(s, k -> "A" + (keys.size() + 1)).substring(1)));
      }
      return String.join(",", ids.stream().map(i -> "A" + i).toList());
    }

    String refs(List<String> assumptions) {
      return assumptions.isEmpty() ? "" : " [assumed: " + keys(assumptions) + "]";
    }

    void print(PrintWriter out) {
      if (keys.isEmpty()) {
        return;
      }
      out.println();
      out.println("Assumed (set asset context or feeds to replace these):");
      keys.forEach((text, key) -> out.println("  " + key + "  " + text));
    }
  }
}
