package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.util.List;
import org.patchwarden.usecase.CompleteMatching;

/**
 * The matching a killed command left owed ({@link CompleteMatching}): commands that write complete
 * it before their own work, read commands warn that their findings may be stale. Lines go to
 * stderr, so that stdout stays a clean table or JSON document.
 */
final class OwedMatching {
  private OwedMatching() {}

  /** Completes what is owed and says so; a failure leaves it owed (durably) and is only warned about. */
  static void complete(PatchwardenCommand root) {
    PrintWriter err = root.terminal().err();
    try {
      describe(root.app().completeMatching().complete()).forEach(err::println);
    } catch (RuntimeException e) {
      err.println("warning: could not complete the matching an interrupted command left: " + e.getMessage()
          + "; run 'patchwarden feeds rematch'");
    }
  }

  /** Warns, one line per kind, when findings may be stale because matching is owed. */
  static void warn(PatchwardenCommand root) {
    root.app().owedMatching().warnings().forEach(w -> root.terminal().err().println("warning: " + w));
  }

  /** What completing did, for people; empty when nothing was owed. */
  static List<String> describe(CompleteMatching.Completion c) {
    var owed = c.completed();
    if (owed.isEmpty()) {
      return List.of();
    }
    var u = c.update();
    String what = (owed.rematches().isEmpty() ? "" : "re-match of " + String.join(", ",
        owed.rematches().stream().map(p -> p.source() + " " + p.version()).toList()))
        + (owed.rematches().isEmpty() || owed.incompleteAssets().isEmpty() ? "" : "; ")
        + (owed.incompleteAssets().isEmpty() ? "" : "match of " + owed.incompleteAssets().size()
            + " asset(s) whose newest inventory had no findings");
    return List.of("completed matching left by an interrupted command (" + what + "): " + u.opened()
        + " new findings, " + u.stillOpen() + " still open, " + u.closed() + " closed");
  }
}
