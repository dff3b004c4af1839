package org.patchwarden.baseline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Evidence that a change's patch was tried on a test environment that mirrors production: a version
 * of the test baseline matched the production baseline within the drift policy, and a version (the
 * same or a later one) has every package of the change at or above its target version.
 *
 * @param changeId the change it is evidence for
 * @param test the test baseline, as {@code name}
 * @param matchedVersion the test baseline version whose diff against production was within policy, or 0 when none was
 * @param patchedVersion the test baseline version checked for the patch
 * @param production the production baseline's {@code name@version}
 * @param verdict the drift verdict of the matched version (or of the patched one when none matched), in words
 * @param missing what the patched version lacks: {@code package version is below target}; empty when patched
 * @param recordedBy who asked for it
 */
public record StagingEvidence(long changeId, String test, int matchedVersion, int patchedVersion, String production,
    String verdict, List<String> missing, Instant recordedAt, String recordedBy) {
  public StagingEvidence {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(production, "production");
    verdict = verdict == null ? "" : verdict;
    missing = List.copyOf(missing);
    Objects.requireNonNull(recordedAt, "recordedAt");
    recordedBy = recordedBy == null ? "" : recordedBy;
  }

  /** Whether a test version matched production and the patched version has the patch. */
  public boolean satisfied() {
    return matchedVersion > 0 && matchedVersion <= patchedVersion && missing.isEmpty();
  }

  /** One line for people: what was compared, the verdict, and when. */
  public String describe() {
    String matched = matchedVersion > 0 ? test + "@" + matchedVersion + " matched " + production + " within policy"
        : "no version of " + test + " up to @" + patchedVersion + " matched " + production + " within policy";
    String patched = missing.isEmpty() ? "patch present on " + test + "@" + patchedVersion
        : "patch missing on " + test + "@" + patchedVersion + ": " + String.join("; ", missing);
    return (satisfied() ? "satisfied: " : "NOT satisfied: ") + matched + " (" + verdict + "); " + patched
        + "; recorded " + recordedAt + (recordedBy.isEmpty() ? "" : " by " + recordedBy);
  }
}
