package org.patchwarden.assess;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Overdue findings and exposure windows on a given day, per finding, per asset and per owner team.
 *
 * <p>The exposure window of a finding runs from the earliest known start (the vulnerability's
 * first publication, or its KEV addition when earlier) to its fix, or to {@code today} while it is
 * open. Days overdue count only open findings: a fixed finding is no longer overdue, however late
 * it was fixed (its window still shows how long it was exposed).
 *
 * @param items every finding given, open ones first, most overdue first
 * @param byAsset one row per asset with open findings, most past-due first
 * @param byTeam one row per owner team ({@value #NO_OWNER} when unknown), most past-due first
 */
public record ExposureReport(LocalDate today, List<Item> items, List<Group> byAsset, List<Group> byTeam) {
  /** The team name of findings whose asset has no known owner. */
  public static final String NO_OWNER = "(no owner)";

  public ExposureReport {
    Objects.requireNonNull(today, "today");
    items = List.copyOf(items);
    byAsset = List.copyOf(byAsset);
    byTeam = List.copyOf(byTeam);
  }

  /**
   * One finding's standing.
   *
   * @param exposureStart null when no source dates the vulnerability
   * @param exposureEnd the fix date, or today while open
   * @param exposureDays days from start to end, or -1 when the start is unknown
   */
  public record Item(String findingKey, String assetName, String ownerTeam, String advisoryId, String tier,
      LocalDate dueDate, boolean open, long daysOverdue, LocalDate exposureStart, LocalDate exposureEnd,
      long exposureDays) {}

  /**
   * The open findings of one asset or team.
   *
   * @param pastDue open findings past their due date
   * @param longestExposureDays the longest exposure window so far among open findings, -1 when none is dated
   * @param overdueFindings keys of the past-due findings, most overdue first
   */
  public record Group(String name, int open, int pastDue, long maxDaysOverdue, long totalDaysOverdue,
      long longestExposureDays, List<String> overdueFindings) {
    public Group {
      overdueFindings = List.copyOf(overdueFindings);
    }
  }

  /** The report over open findings only. */
  public static ExposureReport ofOpen(Collection<Assessment> open, LocalDate today) {
    return of(open.stream().map(AssessedFinding::open).toList(), today);
  }

  /** The report over tracked findings, open and closed. */
  public static ExposureReport of(Collection<AssessedFinding> findings, LocalDate today) {
    List<Item> items = new ArrayList<>();
    for (AssessedFinding f : findings) {
      items.add(item(f, today));
    }
    items.sort(Comparator.comparing((Item i) -> !i.open())
        .thenComparing(Comparator.comparingLong(Item::daysOverdue).reversed())
        .thenComparing(Item::findingKey));
    List<Item> open = items.stream().filter(Item::open).toList();
    return new ExposureReport(today, items, groups(open, Item::assetName), groups(open, Item::ownerTeam));
  }

  private static Item item(AssessedFinding f, LocalDate today) {
    Assessment a = f.assessment();
    LocalDate end = f.isOpen() ? today : LocalDate.ofInstant(f.closedAt(), ZoneOffset.UTC);
    LocalDate start = a.signals().exposureStart().orElse(null);
    long exposure = start == null ? -1 : Math.max(0, ChronoUnit.DAYS.between(start, end));
    String team = a.signals().asset().ownerTeam().isEmpty() ? NO_OWNER : a.signals().asset().ownerTeam();
    return new Item(a.findingKey(), a.assetName(), team, a.advisoryId(), a.tier(), a.dueDate(), f.isOpen(),
        f.isOpen() ? a.daysOverdue(today) : 0, start, end, exposure);
  }

  private static List<Group> groups(List<Item> open, Function<Item, String> by) {
    Map<String, List<Item>> grouped = new TreeMap<>();
    for (Item i : open) {
      grouped.computeIfAbsent(by.apply(i), k -> new ArrayList<>()).add(i);
    }
    List<Group> out = new ArrayList<>();
    grouped.forEach((name, list) -> {
      List<Item> overdue = list.stream().filter(i -> i.daysOverdue() > 0).toList(); // already most overdue first
      out.add(new Group(name, list.size(), overdue.size(),
          overdue.stream().mapToLong(Item::daysOverdue).max().orElse(0),
          overdue.stream().mapToLong(Item::daysOverdue).sum(),
          list.stream().mapToLong(Item::exposureDays).max().orElse(-1),
          overdue.stream().map(Item::findingKey).toList()));
    });
    out.sort(Comparator.comparingInt(Group::pastDue).reversed()
        .thenComparing(Comparator.comparingLong(Group::totalDaysOverdue).reversed())
        .thenComparing(Group::name));
    return out;
  }
}
