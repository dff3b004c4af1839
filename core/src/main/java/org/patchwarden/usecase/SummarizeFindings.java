package org.patchwarden.usecase;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.patchwarden.access.User;
import org.patchwarden.assess.AssessedFinding;
import org.patchwarden.assess.Assessment;
import org.patchwarden.match.FindingFilter;

/**
 * Use case: the overview a dashboard or an API metrics call shows: open findings by tier, KEV
 * exposure, the overdue count and how open and overdue findings went over the last days. The trend is
 * derived from each finding's first-seen and closing dates (no history table is needed): a finding
 * counts as open on a day from the day it was first seen until the day before it closed.
 */
public final class SummarizeFindings {
  private final AssessFindings assess;
  private final Clock clock;

  public SummarizeFindings(AssessFindings assess, Clock clock) {
    this.assess = Objects.requireNonNull(assess, "assess");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The overview of the findings {@code viewer} may see: their teams' assets for analysts and viewers
   * (the owner team of each finding's asset, as {@link BrowseFindings} scopes), every asset for others.
   *
   * @param trendDays how many days the trend covers, ending today (at least 1)
   */
  public Overview summarize(User viewer, int trendDays) {
    return summarize(a -> viewer.sees(a.signals().asset().ownerTeam().isEmpty() ? null
        : a.signals().asset().ownerTeam()), trendDays);
  }

  /**
   * The overview over the findings whose assessment {@code visible} admits.
   *
   * @param trendDays how many days the trend covers, ending today (at least 1)
   */
  public Overview summarize(Predicate<Assessment> visible, int trendDays) {
    if (trendDays < 1 || trendDays > 3660) {
      throw new IllegalArgumentException("trend days must be 1..3660, got " + trendDays);
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<AssessedFinding> all = assess.assess(FindingFilter.all()).stream()
        .filter(f -> visible.test(f.assessment())).toList();
    Map<String, Integer> byTier = new LinkedHashMap<>();
    assess.tierNames().keySet().forEach(t -> byTier.put(t, 0));
    int kevOpen = 0;
    int overdue = 0;
    Set<String> kevAssets = new HashSet<>();
    for (AssessedFinding f : all) {
      if (!f.isOpen()) {
        continue;
      }
      Assessment a = f.assessment();
      byTier.merge(a.tier(), 1, Integer::sum);
      if (a.signals().inKev()) {
        kevOpen++;
        kevAssets.add(a.assetName());
      }
      if (a.overdue(today)) {
        overdue++;
      }
    }
    List<TierCount> tiers = new ArrayList<>();
    Map<String, String> names = assess.tierNames();
    byTier.forEach((id, n) -> tiers.add(new TierCount(id, names.getOrDefault(id, ""), n)));
    return new Overview(today, tiers, byTier.values().stream().mapToInt(Integer::intValue).sum(), kevOpen,
        kevAssets.size(), overdue, trend(all, today, trendDays));
  }

  private static List<TrendPoint> trend(List<AssessedFinding> all, LocalDate today, int days) {
    List<TrendPoint> out = new ArrayList<>(days);
    for (int i = days - 1; i >= 0; i--) {
      LocalDate day = today.minusDays(i);
      int open = 0;
      int overdue = 0;
      for (AssessedFinding f : all) {
        if (openOn(f, day)) {
          open++;
          if (f.assessment().overdue(day)) {
            overdue++;
          }
        }
      }
      out.add(new TrendPoint(day, open, overdue));
    }
    return out;
  }

  /** Open on {@code day}: first seen on or before it and not closed by its end (closed that day counts closed). */
  private static boolean openOn(AssessedFinding f, LocalDate day) {
    if (f.assessment().firstSeen().isAfter(day)) {
      return false;
    }
    return f.closedAt() == null || LocalDate.ofInstant(f.closedAt(), ZoneOffset.UTC).isAfter(day);
  }

  /**
   * The overview on {@code today}.
   *
   * @param byTier every tier of the policy, most urgent first, with its count of open findings
   * @param kevOpen open findings whose vulnerability is in CISA KEV
   * @param kevAssets assets with at least one such finding
   * @param overdue open findings past their due date
   * @param trend one point per day, oldest first, ending today
   */
  public record Overview(LocalDate today, List<TierCount> byTier, int open, int kevOpen, int kevAssets, int overdue,
      List<TrendPoint> trend) {
    public Overview {
      Objects.requireNonNull(today, "today");
      byTier = List.copyOf(byTier);
      trend = List.copyOf(trend);
    }
  }

  /** Open findings of one tier. */
  public record TierCount(String tier, String name, int open) {}

  /** Open and overdue findings at the end of one day. */
  public record TrendPoint(LocalDate day, int open, int overdue) {}
}
