package org.patchwarden.remediate;

import java.util.List;
import java.util.Optional;

/**
 * Port: changes, with optimistic versioning so that two approvers or two verifications racing on
 * one change never lose an update. Each write appends its audit entries in the same transaction.
 */
public interface ChangeStore {
  /**
   * Stores a new change; {@code audit} entries of change 0 are written for the id it gets.
   *
   * @return the change with its id, at version 1
   */
  Change insert(Change change, List<AuditEntry> audit);

  /**
   * Replaces the stored change, which must still be at {@code change.version()}.
   *
   * @return the change at its new version
   * @throws ChangeConflict when someone saved it since: nothing was written
   * @throws java.util.NoSuchElementException when there is no such change
   */
  Change update(Change change, List<AuditEntry> audit);

  Optional<Change> find(long id);

  /** Every change, newest first. */
  List<Change> list();

  /** Risk acceptances, newest first, expired ones included. */
  List<RiskAcceptance> riskAcceptances();

  /** Records a risk acceptance with its audit entry. */
  void accept(RiskAcceptance acceptance, AuditEntry audit);
}
