package org.patchwarden.usecase;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.patchwarden.access.User;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.AssessmentIndex;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/**
 * Use case: findings with their assessment as a viewer may see them (only their teams' assets for
 * analysts and viewers), filtered by tier, team, status, KEV membership, asset and CVE, sorted and
 * cut into pages. What the server's findings list and the dashboard show.
 */
public final class BrowseFindings {
  /** The largest page a caller may ask for. */
  public static final int MAX_PAGE_SIZE = 500;

  private final AssessFindings assess;
  private final IndexAssessments indexing;

  /** Browses by assessing every finding on each call: for small stores and as the reference order. */
  public BrowseFindings(AssessFindings assess) {
    this.assess = assess;
    this.indexing = null;
  }

  /**
   * Browses through the assessment index: filter, order and page in the store, then assess only
   * the page's findings for what it shows.
   */
  public BrowseFindings(IndexAssessments indexing) {
    this.assess = indexing.assess();
    this.indexing = indexing;
  }

  /** How a page is ordered: by urgency (the default), due date, first seen, or asset name. */
  public enum Sort {
    URGENCY(Assessment.BY_URGENCY), DUE(Comparator.comparing(Assessment::dueDate).thenComparing(Assessment.BY_URGENCY)),
    FIRST_SEEN(Comparator.comparing(Assessment::firstSeen).thenComparing(Assessment.BY_URGENCY)),
    ASSET(Comparator.comparing(Assessment::assetName).thenComparing(Assessment.BY_URGENCY));

    final Comparator<Assessment> order;

    Sort(Comparator<Assessment> order) {
      this.order = order;
    }

    /** {@code urgency}, {@code due}, {@code first_seen} or {@code asset}; null for urgency. */
    public static Sort parse(String text) {
      if (text == null || text.isBlank()) {
        return URGENCY;
      }
      for (Sort s : values()) {
        if (s.name().equalsIgnoreCase(text.strip().replace('-', '_'))) {
          return s;
        }
      }
      throw new IllegalArgumentException("sort '" + text + "': expected urgency, due, first_seen or asset");
    }
  }

  /**
   * What to list; a null field does not filter.
   *
   * @param page 1-based
   * @param size 1 to {@link #MAX_PAGE_SIZE}
   */
  public record Query(String tier, String team, FindingStatus status, Boolean kev, String asset, String cve, Sort sort,
      int page, int size) {
    public Query {
      if (page < 1) {
        throw new IllegalArgumentException("page " + page + ": expected 1 or more");
      }
      if (size < 1 || size > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("page size " + size + ": expected 1 to " + MAX_PAGE_SIZE);
      }
      sort = sort == null ? Sort.URGENCY : sort;
    }
  }

  /** One page of findings and how many there are in all. */
  public record Page(List<PrioritisedFinding> items, int page, int size, int total) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * What every page depends on besides its query, its viewer's team scope and today's date: the
   * index's basis (policy and feeds) and generation (every write to the index moves it), the index
   * made current first; empty when browsing without the index. A page read after this call and kept
   * under the stamp is still the page while {@code stamp()} returns an equal stamp.
   */
  public java.util.Optional<AssessmentIndex.Stamp> stamp() {
    return indexing == null ? java.util.Optional.empty() : java.util.Optional.of(indexing.current());
  }

  /** The page of findings {@code viewer} may see that match {@code query}. */
  public Page browse(Query query, User viewer) {
    return indexing == null ? browseAll(query, viewer) : browseIndex(query, viewer);
  }

  private Page browseIndex(Query query, User viewer) {
    long generation = indexing.current().generation();
    String tier = null;
    if (query.tier() != null) {
      tier = assess.tiers().stream().filter(t -> t.equalsIgnoreCase(query.tier())).findFirst().orElse(null);
      if (tier == null) {
        return new Page(List.of(), query.page(), query.size(), 0);
      }
    }
    if (query.team() != null && query.team().isEmpty()) {
      return new Page(List.of(), query.page(), query.size(), 0); // no asset's team is "none stated"
    }
    AssessmentIndex.Query q = new AssessmentIndex.Query(tier, query.team(),
        viewer.role().seesAllTeams() ? null : viewer.teams(), query.status(), query.kev(), query.asset(),
        query.cve(), AssessmentIndex.Order.valueOf(query.sort().name()), (long) (query.page() - 1) * query.size(),
        query.size());
    List<org.patchwarden.finding.FindingId> listing = indexing.listing(q, generation);
    int from = (int) Math.min(q.offset(), listing.size());
    List<TrackedFinding> found = indexing.index().findings(listing.subList(from, Math.min(listing.size(), from + q.limit())));
    return new Page(assess.assessTracked(found), query.page(), query.size(), listing.size());
  }

  private Page browseAll(Query query, User viewer) {
    List<PrioritisedFinding> all = assess.prioritise(new FindingFilter(query.asset(), null, query.cve(), query.status()));
    Predicate<PrioritisedFinding> keep = p -> viewer.sees(team(p));
    if (query.tier() != null) {
      keep = keep.and(p -> p.assessment().tier().equalsIgnoreCase(query.tier()));
    }
    if (query.team() != null) {
      keep = keep.and(p -> query.team().equals(team(p)));
    }
    if (query.kev() != null) {
      keep = keep.and(p -> p.assessment().signals().inKev() == query.kev());
    }
    List<PrioritisedFinding> matching = all.stream().filter(keep)
        .sorted(Comparator.comparing(PrioritisedFinding::assessment, query.sort().order)).toList();
    int from = (int) Math.min((long) (query.page() - 1) * query.size(), matching.size());
    int to = Math.min(from + query.size(), matching.size());
    return new Page(matching.subList(from, to), query.page(), query.size(), matching.size());
  }

  /** The tiers of the policy, most urgent first. */
  public List<String> tiers() {
    return assess.tiers();
  }

  /** The owner team of the finding's asset, or null when none is stated. */
  private static String team(PrioritisedFinding p) {
    String t = p.assessment().signals().asset().ownerTeam();
    return t.isEmpty() ? null : t;
  }
}
