package org.patchwarden.baseline;

import java.util.List;
import java.util.Optional;

/** Port: versioned baselines, and the staging evidence recorded for changes. */
public interface BaselineStore {
  /**
   * Stores {@code baseline} as the next version of its name (1 for a new name), atomically.
   *
   * @return the baseline with its version
   */
  Baseline save(Baseline baseline);

  /** One version of a baseline, with its assets, packages and settings. */
  Optional<Baseline> find(String name, int version);

  /** The newest version of a baseline. */
  Optional<Baseline> latest(String name);

  /** The referenced version, or the newest for a reference without one. */
  default Optional<Baseline> find(BaselineRef ref) {
    return ref.newest() ? latest(ref.name()) : find(ref.name(), ref.version());
  }

  /** Every stored version, by name then version. */
  List<BaselineSummary> list();

  /** Records staging evidence for a change; earlier evidence stays. */
  void recordEvidence(StagingEvidence evidence);

  /** The staging evidence recorded for a change, oldest first. */
  List<StagingEvidence> evidence(long changeId);
}
