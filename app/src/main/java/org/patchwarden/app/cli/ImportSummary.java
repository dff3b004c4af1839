package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.patchwarden.match.Finding;
import org.patchwarden.match.OpenCount;
import org.patchwarden.usecase.ScanAssets;
import org.patchwarden.usecase.ScanAssets.AssetReport;

/**
 * What {@code inventory import} prints for a fleet: totals, the assets with the most findings and
 * KEV-listed findings, and how many notes of each kind, instead of a line per asset and per note
 * that nobody reads at a thousand assets. {@code --verbose} prints the full listing.
 */
final class ImportSummary {
  /** Fleets up to this size get the full listing anyway. */
  static final int LISTED = 20;
  /** Assets shown in each top list. */
  static final int TOP = 10;

  private ImportSummary() {}

  /** One asset's figures in the summary. */
  record Row(AssetReport report, int findings, int kev) {}

  /**
   * Prints the summary of reports whose open findings are counted ({@link ScanAssets#scanCounted}):
   * an unchanged asset's findings are not read back, only counted.
   */
  static void print(PrintWriter out, List<ScanAssets.Counted> reports, Map<String, List<String>> notes) {
    List<Row> rows = new ArrayList<>(reports.size());
    int findings = 0;
    int kev = 0;
    int opened = 0;
    int closed = 0;
    int unchanged = 0;
    long packages = 0;
    int withFindings = 0;
    int withKev = 0;
    int noData = 0;
    for (ScanAssets.Counted c : reports) {
      AssetReport r = c.report();
      int k = c.open().kevListed();
      int found = c.open().findings();
      rows.add(new Row(r, found, k));
      findings += found;
      kev += k;
      opened += r.update().opened();
      closed += r.update().closed();
      unchanged += r.unchanged() ? 1 : 0;
      packages += r.packageCount();
      withFindings += found == 0 ? 0 : 1;
      withKev += k > 0 ? 1 : 0;
      noData += r.gaps().isEmpty() ? 0 : 1;
    }
    out.printf("imported %d assets: %d new inventory revisions, %d unchanged; %d packages%n", reports.size(),
        reports.size() - unchanged, unchanged, packages);
    out.printf("findings: %d on %d assets (%d new, %d fixed), %d KEV-listed on %d assets%n", findings, withFindings,
        opened, closed, kev, withKev);
    if (noData > 0) {
      out.printf("no data (packages no loaded advisory data covers): %d assets%n", noData);
    }
    top(out, "top assets by findings", rows, Comparator.comparingInt(Row::findings).reversed(), r -> r.findings() > 0);
    if (kev > 0) {
      top(out, "top assets by KEV-listed findings", rows, Comparator.comparingInt(Row::kev).reversed(),
          r -> r.kev() > 0);
    }
    Map<String, Integer> byKind = new TreeMap<>();
    notes.values().forEach(ns -> ns.forEach(n -> byKind.merge(kind(n), 1, Integer::sum)));
    if (!byKind.isEmpty()) {
      out.printf("notes: %d (%s); --verbose lists them%n", byKind.values().stream().mapToInt(Integer::intValue).sum(),
          String.join(", ", byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
    }
    out.println("(every asset and note: --verbose)");
  }

  private static void top(PrintWriter out, String title, List<Row> rows, Comparator<Row> order,
      java.util.function.Predicate<Row> shown) {
    List<Row> top = rows.stream().filter(shown)
        .sorted(order.thenComparing(r -> r.report().asset().name())).limit(TOP).toList();
    if (top.isEmpty()) {
      return;
    }
    out.println(title + ":");
    out.printf("  %-28s %4s %9s %9s %5s %6s %6s%n", "ASSET", "REV", "PACKAGES", "FINDINGS", "KEV", "NEW", "FIXED");
    for (Row r : top) {
      AssetReport a = r.report();
      out.printf("  %-28s %4d %9d %9d %5d %6d %6d%n", a.asset().name(), a.inventory().revision(),
          a.packageCount(), r.findings(), r.kev(), a.update().opened(), a.update().closed());
    }
  }

  /** A KEV-listed vulnerability, or a KEV-listed product found present. */
  static boolean isKev(Finding f, Set<String> kevIds) {
    return OpenCount.isKevListed(f, kevIds);
  }

  /** The kind of a note, for counting: what it says without the file and asset it names. */
  static String kind(String note) {
    if (note.contains("no packages read")) {
      return "inventory files with no packages";
    }
    if (note.contains("entries skipped")) {
      return "files with skipped entries";
    }
    if (note.startsWith("sub-folder")) {
      return "sub-folders ignored";
    }
    if (note.startsWith("hidden file")) {
      return "hidden files ignored";
    }
    if (note.startsWith("no folder")) {
      return "assets without a folder";
    }
    return "other";
  }
}
