package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.patchwarden.assess.Assessment;
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

  /** One asset's figures in the summary: a few numbers, so that a fleet's rows cost little memory. */
  record Row(String asset, int revision, int packages, int findings, int kev, int opened, int closed) {}

  /**
   * The summary's figures, taken report by report as an import's groups are written: only a row of
   * numbers per asset is kept, not its inventory or findings.
   */
  static final class Tally {
    private final List<Row> rows = new ArrayList<>();
    private int findings;
    private int kev;
    private int opened;
    private int closed;
    private int unchanged;
    private long packages;
    private int withFindings;
    private int withKev;
    private int noData;

    /** Takes one counted report ({@link ScanAssets#scanCounted}: an unchanged asset's findings counted, not read). */
    void add(ScanAssets.Counted c) {
      AssetReport r = c.report();
      int k = c.open().kevListed();
      int found = c.open().findings();
      rows.add(new Row(r.asset().name(), r.inventory().revision(), r.packageCount(), found, k, r.update().opened(),
          r.update().closed()));
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

    /** The assets {@link #print} lists in its top tables: those whose most urgent finding it shows. */
    Set<String> topAssets() {
      Set<String> names = new java.util.LinkedHashSet<>();
      byFindings().forEach(r -> names.add(r.asset()));
      byKev().forEach(r -> names.add(r.asset()));
      return names;
    }

    private List<Row> byFindings() {
      return top(rows, Comparator.comparingInt(Row::findings).reversed(), r -> r.findings() > 0);
    }

    private List<Row> byKev() {
      return kev == 0 ? List.of() : top(rows, Comparator.comparingInt(Row::kev).reversed(), r -> r.kev() > 0);
    }

    void print(PrintWriter out, Map<String, List<String>> notes) {
      print(out, notes, Map.of(), java.time.LocalDate.MIN);
    }

    /**
     * @param urgent the most urgent open finding of (some of) the {@link #topAssets}, by asset: the
     *     MOST URGENT column (tier, due date, advisory; '-' for an asset not in it)
     * @param today what the due dates are compared with (overdue or not)
     */
    void print(PrintWriter out, Map<String, List<String>> notes, Map<String, Assessment> urgent,
        java.time.LocalDate today) {
      out.printf("imported %d assets: %d new inventory revisions, %d unchanged; %d packages%n", rows.size(),
          rows.size() - unchanged, unchanged, packages);
      out.printf("findings: %d on %d assets (%d new, %d fixed), %d KEV-listed on %d assets%n", findings,
          withFindings, opened, closed, kev, withKev);
      if (noData > 0) {
        out.printf("no data (packages no loaded advisory data covers): %d assets%n", noData);
      }
      table(out, "top assets by findings", byFindings(), urgent, today);
      table(out, "top assets by KEV-listed findings", byKev(), urgent, today);
      Map<String, Integer> byKind = new TreeMap<>();
      notes.values().forEach(ns -> ns.forEach(n -> byKind.merge(kind(n), 1, Integer::sum)));
      if (!byKind.isEmpty()) {
        out.printf("notes: %d (%s); --verbose lists them%n",
            byKind.values().stream().mapToInt(Integer::intValue).sum(),
            String.join(", ", byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
      }
      out.println("(every asset and note: --verbose)");
    }
  }

  /**
   * Prints the summary of reports whose open findings are counted ({@link ScanAssets#scanCounted}):
   * an unchanged asset's findings are not read back, only counted.
   */
  static void print(PrintWriter out, List<ScanAssets.Counted> reports, Map<String, List<String>> notes) {
    Tally t = new Tally();
    reports.forEach(t::add);
    t.print(out, notes);
  }

  private static List<Row> top(List<Row> rows, Comparator<Row> order, java.util.function.Predicate<Row> shown) {
    return rows.stream().filter(shown).sorted(order.thenComparing(Row::asset)).limit(TOP).toList();
  }

  private static void table(PrintWriter out, String title, List<Row> top, Map<String, Assessment> urgent,
      java.time.LocalDate today) {
    if (top.isEmpty()) {
      return;
    }
    out.println(title + ":");
    out.printf("  %-28s %4s %9s %9s %5s %6s %6s  %s%n", "ASSET", "REV", "PACKAGES", "FINDINGS", "KEV", "NEW", "FIXED",
        "MOST URGENT");
    for (Row r : top) {
      out.printf("  %-28s %4d %9d %9d %5d %6d %6d  %s%n", r.asset(), r.revision(), r.packages(), r.findings(), r.kev(),
          r.opened(), r.closed(), mostUrgent(urgent.get(r.asset()), today));
    }
  }

  /** A finding's tier, due date (marked when past) and advisory, in a few columns' width. */
  static String mostUrgent(Assessment a, java.time.LocalDate today) {
    if (a == null) {
      return "-";
    }
    return a.tier() + " due " + a.dueDate() + (a.overdue(today) ? " (overdue)" : "") + " " + a.advisoryId();
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
