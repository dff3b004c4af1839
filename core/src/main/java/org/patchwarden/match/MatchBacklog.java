package org.patchwarden.match;

import java.util.List;

/**
 * Port: matching work that a committed change still owes, recorded durably by the store in the
 * change's own transaction, so that a process killed between a commit and its matching leaves
 * something to complete rather than findings that silently look current.
 *
 * <p>A feed version's pending re-match is written when the version is committed; an inventory
 * revision is "match incomplete" from when it is stored until the transaction that records its
 * findings ({@link FindingStore#recordScan}).
 */
public interface MatchBacklog {

  /** Feed versions committed whose re-match has not completed, oldest first. */
  List<PendingRematch> pendingRematches();

  /** The re-match of {@code pending} recorded its findings: forget it. */
  void rematchDone(PendingRematch pending);

  /** Names of the assets whose newest inventory revision has no recorded findings yet, ordered by name. */
  List<String> incompleteAssets();
}
