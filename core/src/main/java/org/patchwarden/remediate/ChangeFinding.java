package org.patchwarden.remediate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.patchwarden.match.FindingKey;

/**
 * One finding a change fixes, as it was when planned, and what verification made of it.
 *
 * @param cveIds the CVEs of the finding (else its advisory id), for scanner evidence
 * @param advisoryEcosystem the ecosystem whose version scheme compares the versions, e.g. {@code Debian:11}
 * @param bySource whether matching compared the source package's version (Debian), not the binary's
 * @param installedVersion the version compared when planned
 * @param fixedVersion the finding's own fixed version
 * @param targetVersion the version the change installs: the highest fixed version of the package's findings
 * @param firstSeen when the finding was first seen, for time-to-fix metrics
 * @param tier the finding's tier when planned
 * @param team the asset's owner team when planned, or empty
 * @param outcome PENDING until verification checks it
 * @param checkedAt when verification last decided, or null
 * @param evidence why it passed or failed, empty while pending
 */
public record ChangeFinding(FindingKey key, List<String> cveIds, String advisoryEcosystem, boolean bySource,
    String installedVersion, String fixedVersion, String targetVersion, Instant firstSeen, String tier, String team,
    Outcome outcome, Instant checkedAt, String evidence) {

  /** Where verification stands for one finding. */
  public enum Outcome {
    /** Not checked against a newer inventory yet. */
    PENDING,
    /** The package is at or above the fixed version and no advisory still matches. */
    VERIFIED,
    /** The package is still below the fixed version, an advisory still matches, or a scanner still reports it. */
    FAILED
  }

  public ChangeFinding {
    Objects.requireNonNull(key, "key");
    cveIds = List.copyOf(cveIds);
    Objects.requireNonNull(advisoryEcosystem, "advisoryEcosystem");
    Objects.requireNonNull(installedVersion, "installedVersion");
    Objects.requireNonNull(fixedVersion, "fixedVersion");
    if (fixedVersion.isBlank()) {
      throw new IllegalArgumentException(key + ": a change fixes only findings with a fixed version");
    }
    Objects.requireNonNull(targetVersion, "targetVersion");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(tier, "tier");
    team = team == null ? "" : team;
    Objects.requireNonNull(outcome, "outcome");
    evidence = evidence == null ? "" : evidence;
    if (outcome != Outcome.PENDING && checkedAt == null) {
      throw new IllegalArgumentException(key + ": a checked finding needs the time of the check");
    }
  }

  /** This finding with a verification result. */
  public ChangeFinding checked(Outcome result, Instant at, String why) {
    return new ChangeFinding(key, cveIds, advisoryEcosystem, bySource, installedVersion, fixedVersion, targetVersion,
        firstSeen, tier, team, result, at, why);
  }

  /** This finding back to pending (the change is applied again). */
  public ChangeFinding pending() {
    return new ChangeFinding(key, cveIds, advisoryEcosystem, bySource, installedVersion, fixedVersion, targetVersion,
        firstSeen, tier, team, Outcome.PENDING, null, "");
  }

  public String assetName() {
    return key.assetName();
  }
}
