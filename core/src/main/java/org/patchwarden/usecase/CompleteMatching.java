package org.patchwarden.usecase;

import java.util.ArrayList;
import java.util.List;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.MatchBacklog;
import org.patchwarden.match.PendingRematch;

/**
 * Use case: finishes the matching that a killed process left owed, so that findings equal what a
 * full match of the stored data gives. A feed version committed without its re-match is re-matched
 * (its changed records, then the KEV-product step); an inventory revision stored without findings
 * is matched as its scan would have. Commands that write run it first; read commands report the
 * backlog instead, since their findings may be stale.
 */
public final class CompleteMatching {
  private final MatchBacklog backlog;
  private final AssetStore assets;
  private final RematchAdvisories rematch;
  private final ScanAssets scan;

  public CompleteMatching(MatchBacklog backlog, AssetStore assets, RematchAdvisories rematch, ScanAssets scan) {
    this.backlog = backlog;
    this.assets = assets;
    this.rematch = rematch;
    this.scan = scan;
  }

  /**
   * The matching still owed.
   *
   * @param incompleteAssets assets whose newest inventory has no recorded findings ("match incomplete")
   */
  public record Backlog(List<PendingRematch> rematches, List<String> incompleteAssets) {
    public Backlog {
      rematches = List.copyOf(rematches);
      incompleteAssets = List.copyOf(incompleteAssets);
    }

    public boolean isEmpty() {
      return rematches.isEmpty() && incompleteAssets.isEmpty();
    }

    /** One line per kind of owed work, for people, each naming how to complete it. */
    public List<String> warnings() {
      List<String> lines = new ArrayList<>();
      if (!rematches.isEmpty()) {
        lines.add("findings may be stale: re-match of "
            + String.join(", ", rematches.stream().map(p -> p.source() + " " + p.version()).toList())
            + " pending, run 'patchwarden feeds rematch'");
      }
      if (!incompleteAssets.isEmpty()) {
        lines.add("match incomplete for " + incompleteAssets.size() + " asset(s) (" + names(incompleteAssets)
            + "): their newest inventory has no recorded findings, run 'patchwarden feeds rematch'");
      }
      return lines;
    }

    private static String names(List<String> assets) {
      int shown = Math.min(5, assets.size());
      String list = String.join(", ", assets.subList(0, shown));
      return shown < assets.size() ? list + ", …" : list;
    }
  }

  /**
   * What completing did.
   *
   * @param update the findings opened, kept and closed by all of it together
   */
  public record Completion(Backlog completed, FindingsUpdate update) {}

  /** The matching still owed, without doing it. */
  public Backlog backlog() {
    return backlogOf(backlog);
  }

  /**
   * The matching {@code backlog} records as owed: what read commands warn about, without the
   * re-match and scan machinery that completing it needs (and that costs a read command's start).
   */
  public static Backlog backlogOf(MatchBacklog backlog) {
    return new Backlog(backlog.pendingRematches(), backlog.incompleteAssets());
  }

  /**
   * Completes every pending re-match, then matches every incomplete inventory. A pending note is
   * forgotten only once its re-match recorded its findings, so a failure here leaves it for the
   * next run.
   */
  public Completion complete() {
    Backlog owed = backlog();
    FindingsUpdate total = new FindingsUpdate(0, 0, 0);
    for (PendingRematch p : owed.rematches()) {
      if (UpdateFeed.isAdvisorySource(p.source())) {
        total = total.plus(rematch.afterLoad(p.source(), p.version()));
      }
    }
    if (!owed.rematches().isEmpty()) {
      total = total.plus(rematch.kevProducts());
      owed.rematches().forEach(backlog::rematchDone);
    }
    List<Inventory> incomplete = new ArrayList<>();
    for (String name : owed.incompleteAssets()) {
      assets.currentInventory(name).ifPresent(incomplete::add);
    }
    total = total.plus(scan.completeMatch(incomplete));
    return new Completion(owed, total);
  }
}
