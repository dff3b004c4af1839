package org.patchwarden.assess;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.match.Confidence;

/**
 * Everything an assessment of one finding may weigh, each value with where it came from; see
 * {@link SignalCollector} for how each is chosen.
 *
 * @param findingKey the finding's identity ({@code Finding.key()})
 * @param cveIds the vulnerabilities the finding's advisory covers, sorted (a DSA may fix several)
 * @param confidence how strong the finding's evidence is
 * @param cvss null when no source states a CVSS vector or score
 * @param epss the highest EPSS score among the CVEs, or null when EPSS scores none of them
 * @param kev null when none of the CVEs is in CISA KEV
 * @param tactics ATT&CK tactics reached, strong ones first (see {@link TacticReach#strong()})
 * @param fixedVersion empty when no fix is known
 * @param published the earliest publication date any source gives, or null
 * @param assumptions what was assumed for missing signals, in words, e.g. {@code "criticality
 *     unknown, treated as 2"}
 */
public record Signals(String findingKey, String assetName, String advisoryId, List<String> cveIds,
    Confidence confidence, CvssScore cvss, EpssScore epss, KevStatus kev, List<TacticReach> tactics,
    Sourced<Exploitation> exploitation, Sourced<Boolean> automatable, Sourced<TechnicalImpact> technicalImpact,
    String fixedVersion, Instant published, AssetContext asset, List<String> assumptions) {

  public Signals {
    Objects.requireNonNull(findingKey, "findingKey");
    Objects.requireNonNull(assetName, "assetName");
    Objects.requireNonNull(advisoryId, "advisoryId");
    cveIds = List.copyOf(cveIds);
    Objects.requireNonNull(confidence, "confidence");
    tactics = List.copyOf(tactics);
    Objects.requireNonNull(exploitation, "exploitation");
    Objects.requireNonNull(automatable, "automatable");
    Objects.requireNonNull(technicalImpact, "technicalImpact");
    fixedVersion = fixedVersion == null ? "" : fixedVersion;
    Objects.requireNonNull(asset, "asset");
    assumptions = List.copyOf(assumptions);
  }

  /** Whether a fixed version is known. */
  public boolean fixAvailable() {
    return !fixedVersion.isEmpty();
  }

  /** Whether any CVE of the finding is in CISA KEV. */
  public boolean inKev() {
    return kev != null;
  }

  /** Tactics reached by exploitation or primary impact: those a policy's {@code tactics_any} sees. */
  public List<TacticReach> strongTactics() {
    return tactics.stream().filter(TacticReach::strong).toList();
  }

  /** Tactics only a secondary (or uncategorized) impact mapping names: listed, but weaker. */
  public List<TacticReach> weakTactics() {
    return tactics.stream().filter(t -> !t.strong()).toList();
  }

  /** SSVC Mission and Well-Being Impact of the asset context. */
  public MissionImpact missionImpact() {
    return MissionImpact.of(asset);
  }

  /**
   * When exposure began as far as the feeds know: the earlier of the first publication and the KEV
   * addition.
   */
  public Optional<LocalDate> exposureStart() {
    LocalDate pub = published == null ? null : LocalDate.ofInstant(published, ZoneOffset.UTC);
    LocalDate added = kev == null ? null : kev.dateAdded();
    if (pub == null) {
      return Optional.ofNullable(added);
    }
    return Optional.of(added == null || pub.isBefore(added) ? pub : added);
  }
}
