package org.patchwarden.finding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingKey;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingsUpdate;

/**
 * The rules by which tracked findings change when matching runs again over a scope (one asset's
 * findings for a scan, some advisories' findings for a re-match):
 *
 * <ul>
 *   <li>a finding found for the first time opens, first seen now; when a finding with the same key
 *       from another feed is marked not affected, it inherits the mark;
 *   <li>an open finding found again stays open, its evidence refreshed;
 *   <li>a FIXED or RETRACTED finding found again reopens and keeps its first-seen time: due dates
 *       count from when the exposure was first known and never restart;
 *   <li>an open finding not found again closes the way the caller says ({@link Closing});
 *   <li>FIXED and RETRACTED findings not found again stay as they are;
 *   <li>a mark is never changed here: marked findings follow the same rules but count only as
 *       not affected.
 * </ul>
 */
public final class FindingLifecycle {
  private FindingLifecycle() {}

  /** A finding to insert, with the mark it inherits from a sibling of another feed, or null. */
  public record Insert(Finding finding, FindingMark inheritedMark) {
    public Insert {
      Objects.requireNonNull(finding, "finding");
    }
  }

  /** A stored finding found again, with the newest evidence; its first-seen time is kept. */
  public record Update(Finding finding) {
    public Update {
      Objects.requireNonNull(finding, "finding");
    }

    public FindingId id() {
      return FindingId.of(finding);
    }
  }

  /**
   * What to write, and what it amounts to.
   *
   * @param refreshes open findings found again
   * @param reopens fixed or retracted findings found again: open again
   * @param closes open findings not found again: they close as {@code closing} says
   */
  public record Plan(List<Insert> inserts, List<Update> refreshes, List<Update> reopens, List<FindingId> closes,
      Closing closing, FindingsUpdate counts) {
    public Plan {
      inserts = List.copyOf(inserts);
      refreshes = List.copyOf(refreshes);
      reopens = List.copyOf(reopens);
      closes = List.copyOf(closes);
      Objects.requireNonNull(closing, "closing");
      Objects.requireNonNull(counts, "counts");
    }
  }

  /**
   * Plans the changes for a scope.
   *
   * @param stored every tracked finding in the scope, in any status
   * @param found everything matching found in the scope now; of two findings with the same
   *     {@link FindingId} (one package name twice, e.g. two architectures) the last one counts
   * @param closing how open findings not found again close
   */
  public static Plan plan(Collection<FindingState> stored, List<Finding> found, Closing closing) {
    Map<FindingId, FindingState> before = new HashMap<>();
    Map<FindingKey, FindingMark> marks = new HashMap<>();
    for (FindingState s : stored) {
      before.put(s.id(), s);
      if (s.mark() != null) {
        marks.putIfAbsent(s.id().key(), s.mark());
      }
    }
    Map<FindingId, Finding> now = new LinkedHashMap<>();
    for (Finding f : found) {
      now.put(FindingId.of(f), f);
    }
    List<Insert> inserts = new ArrayList<>();
    List<Update> refreshes = new ArrayList<>();
    List<Update> reopens = new ArrayList<>();
    List<FindingId> closes = new ArrayList<>();
    int opened = 0;
    int stillOpen = 0;
    int closed = 0;
    int reopened = 0;
    int notAffected = 0;
    for (Map.Entry<FindingId, Finding> e : now.entrySet()) {
      Finding f = e.getValue();
      FindingState s = before.get(e.getKey());
      if (s == null) {
        FindingMark inherited = marks.get(e.getKey().key());
        inserts.add(new Insert(f, inherited));
        if (inherited != null) {
          notAffected++;
        } else {
          opened++;
        }
        continue;
      }
      Update u = new Update(f);
      boolean wasOpen = s.status() == FindingStatus.OPEN;
      (wasOpen ? refreshes : reopens).add(u);
      if (s.mark() != null) {
        notAffected++;
      } else if (wasOpen) {
        stillOpen++;
      } else {
        opened++;
        reopened++;
      }
    }
    for (FindingState s : stored) {
      if (s.status() == FindingStatus.OPEN && !now.containsKey(s.id())) {
        closes.add(s.id());
        if (s.mark() == null) {
          closed++;
        }
      }
    }
    return new Plan(inserts, refreshes, reopens, closes, closing,
        new FindingsUpdate(opened, stillOpen, closed, reopened, notAffected));
  }
}
