package org.patchwarden.usecase;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeConflict;
import org.patchwarden.remediate.ChangeStore;

/** Reads a change, applies a transition and saves it with its audit entries, again when someone else saved it first. */
final class ChangeTransitions {
  /** How often a transition that lost a race is tried on the newer change. */
  static final int ATTEMPTS = 5;

  private ChangeTransitions() {}

  /** The transition's result and what to audit. */
  record Step(Change next, List<AuditEntry> audit) {}

  static Change run(ChangeStore changes, long id, Function<Change, Step> transition) {
    for (int attempt = 1; ; attempt++) {
      Change current = changes.find(id).orElseThrow(() -> new NoSuchElementException(
          "no change " + id + " ('change list' shows them)"));
      Step step = transition.apply(current);
      if (step.next().equals(current)) {
        return current;
      }
      try {
        return changes.update(step.next(), step.audit());
      } catch (ChangeConflict e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
