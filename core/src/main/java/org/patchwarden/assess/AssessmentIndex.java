package org.patchwarden.assess;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.patchwarden.finding.FindingId;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/**
 * Port: the assessments of every tracked finding kept in the store as the keys a findings page
 * filters and sorts on, so that a page is a bounded query rather than an assessment of the fleet.
 * The index is derived: it holds the {@link #basis} it was computed from (feeds, policy), and a
 * reader rebuilds it when that differs from the current one.
 */
public interface AssessmentIndex {

  /**
   * One tracked finding's row: its identity, effective status and what {@link Assessment#BY_URGENCY}
   * and the page filters read.
   *
   * @param status as {@link TrackedFinding#status()} (NOT_AFFECTED for a marked open finding)
   * @param ownerTeam empty when the asset states none
   * @param epss null when no EPSS score is known
   * @param cvss null when no CVSS score is known
   */
  record Entry(FindingId id, FindingStatus status, String tier, int tierRank, LocalDate dueDate, boolean inKev,
      MissionImpact missionImpact, int criticality, Double epss, Double cvss, String findingKey, String ownerTeam,
      LocalDate firstSeen) {
    public Entry {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(dueDate, "dueDate");
      Objects.requireNonNull(missionImpact, "missionImpact");
      Objects.requireNonNull(findingKey, "findingKey");
      ownerTeam = ownerTeam == null ? "" : ownerTeam;
      Objects.requireNonNull(firstSeen, "firstSeen");
    }

    /** The row of a tracked finding and its assessment. */
    public static Entry of(TrackedFinding t, Assessment a) {
      Signals s = a.signals();
      return new Entry(FindingId.of(t.finding()), t.status(), a.tier(), a.tierRank(), a.dueDate(), s.inKev(),
          s.missionImpact(), s.asset().criticality(), s.epss() == null ? null : s.epss().score(),
          s.cvss() == null ? null : s.cvss().score(), a.findingKey(), s.asset().ownerTeam(), a.firstSeen());
    }
  }

  /** How a page is ordered; each order ends with {@link Assessment#BY_URGENCY} and then the finding's identity. */
  enum Order { URGENCY, DUE, FIRST_SEEN, ASSET }

  /**
   * Which rows; a null field does not filter.
   *
   * @param teams the owner teams whose findings may be listed; null for every team (and none)
   * @param cve matches the advisory id or any alias of the finding
   */
  record Query(String tier, String team, Set<String> teams, FindingStatus status, Boolean kev, String asset,
      String cve, Order order, long offset, int limit) {
    public Query {
      teams = teams == null ? null : Set.copyOf(teams);
      Objects.requireNonNull(order, "order");
      if (offset < 0 || limit < 1) {
        throw new IllegalArgumentException("offset " + offset + ", limit " + limit + ": expected 0+ and 1+");
      }
    }

    /** The same rows in the same order, from the first, one: what a whole listing is remembered under. */
    public Query listing() {
      return new Query(tier, team, teams, status, kev, asset, cve, order, 0, 1);
    }
  }

  /** One page's findings as the store tracks them, in the query's order. */
  List<TrackedFinding> page(Query query);

  /** How many rows match {@code query} (its order, offset and limit aside). */
  long count(Query query);

  /**
   * The identities of every row matching {@code query} in its order (offset and limit aside): a
   * reader that remembers them reads any page of the listing as {@link #findings} of a slice,
   * without the database ordering every row before the page again.
   */
  List<FindingId> identities(Query query);

  /** The tracked findings of {@code ids}, in their order; an id no finding has is left out. */
  List<TrackedFinding> findings(List<FindingId> ids);

  /**
   * Replaces the rows of {@code assetNames} by {@code entries} (which must be of those assets), in
   * the caller's transaction when there is one.
   */
  void replace(Collection<String> assetNames, List<Entry> entries);

  /** Removes every row and the basis: the index must be built again before it is read. */
  void clear();

  /** The basis the rows were computed from; empty when the index was never built or was cleared. */
  String basis();

  /** Records the basis of the rows now stored. */
  void recordBasis(String basis);

  /**
   * The basis and the generation of the index, read together. The generation moves with every
   * {@link #replace}, {@link #clear} and {@link #recordBasis}, in their transaction, by whichever
   * process writes: what was read from the index at one generation is still what it holds while the
   * generation stays the same.
   */
  Stamp stamp();

  /** What {@link #stamp} reads: the {@link #basis} (empty when none) and the generation. */
  record Stamp(String basis, long generation) {
    public Stamp {
      Objects.requireNonNull(basis, "basis");
    }
  }
}
