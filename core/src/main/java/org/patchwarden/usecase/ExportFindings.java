package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.remediate.RemediationStatus;

/**
 * Use case: the findings of the fleet or of a filter, with their assessments, where each stands in
 * the remediation loop, its VEX statement and the vulnerabilities they name: what every export
 * format ({@code patchwarden export}, {@code /api/v1/export}) writes.
 */
public final class ExportFindings {
  /** The statuses only the remediation loop knows (the others are the finding's own). */
  private static final Set<RemediationStatus> REMEDIATION = java.util.EnumSet.of(RemediationStatus.PLANNED,
      RemediationStatus.APPLIED, RemediationStatus.VERIFIED, RemediationStatus.FAILED, RemediationStatus.RISK_ACCEPTED,
      RemediationStatus.FALSE_POSITIVE);

  private final AssessFindings assess;
  private final ListChanges changes;
  private final Function<Collection<String>, Map<String, Optional<VulnerabilityProfile>>> profiles;
  private final Clock clock;

  /** @param profiles looks many vulnerabilities up at once, e.g. {@code DescribeVulnerability::describeAll} */
  public ExportFindings(AssessFindings assess, ListChanges changes,
      Function<Collection<String>, Map<String, Optional<VulnerabilityProfile>>> profiles, Clock clock) {
    this.assess = Objects.requireNonNull(assess, "assess");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The findings {@code filter} selects, most urgent first.
   *
   * @throws IllegalArgumentException when the filter names an unknown asset, tier or status (a
   *     filter that can match nothing is a mistake, not an empty export)
   */
  public FindingExport export(ExportFilter filter) {
    return export(filter, team -> true);
  }

  /**
   * As {@link #export(ExportFilter)}, keeping only findings on assets whose owner team {@code
   * visible} accepts (the team is null when the asset states none): what a server caller may see.
   */
  public FindingExport export(ExportFilter filter, java.util.function.Predicate<String> visible) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    LocalDate today = LocalDate.ofInstant(now, clock.getZone());
    if (filter.asset() != null && !assess.knowsAsset(filter.asset())) {
      List<String> known = assess.assetNames();
      throw new IllegalArgumentException("asset '" + filter.asset() + "' is not a known asset; known: "
          + (known.isEmpty() ? "none (scan or import first)"
              : String.join(", ", known.subList(0, Math.min(10, known.size()))) + (known.size() > 10 ? " …" : "")));
    }
    String tier = tier(filter.tier());
    RemediationStatus remediation = null;
    FindingStatus wanted = null;
    if (filter.status() != null) {
      remediation = RemediationStatus.parse(filter.status()).filter(REMEDIATION::contains).orElse(null);
      wanted = remediation != null ? null : findingStatus(filter.status());
    }
    List<PrioritisedFinding> list = assess.prioritise(new FindingFilter(filter.asset(), filter.packageName(),
        filter.cve(), wanted)).stream()
        .filter(p -> visible.test(p.assessment().signals().asset().ownerTeam().isEmpty() ? null
            : p.assessment().signals().asset().ownerTeam()))
        .filter(p -> tier == null || p.assessment().tier().equals(tier))
        .filter(p -> filter.team() == null || p.assessment().signals().asset().ownerTeam().equalsIgnoreCase(filter.team().strip()))
        .filter(p -> !filter.kevOnly() || p.assessment().signals().inKev())
        .filter(p -> !filter.overdueOnly() || p.tracked().status() == FindingStatus.OPEN && p.assessment().overdue(today))
        .toList();
    Map<String, RemediationStatus> statuses = changes.statuses(list.stream().map(PrioritisedFinding::tracked).toList());
    List<ExportedFinding> out = new ArrayList<>(list.size());
    for (PrioritisedFinding p : list) {
      RemediationStatus s = statuses.getOrDefault(p.finding().key(), RemediationStatus.OPEN);
      if (remediation != null && s != remediation) {
        continue;
      }
      out.add(new ExportedFinding(p, s, VexStatement.of(p.tracked(), s)));
    }
    return new FindingExport(now, today, filter, out, vulnerabilities(out));
  }

  private String tier(String tier) {
    if (tier == null) {
      return null;
    }
    List<String> tiers = assess.tiers();
    return tiers.stream().filter(t -> t.equalsIgnoreCase(tier.strip())).findFirst().orElseThrow(() ->
        new IllegalArgumentException("tier '" + tier + "' is not a tier of the policy; expected one of "
            + String.join(", ", tiers)));
  }

  private static FindingStatus findingStatus(String status) {
    return switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "open" -> FindingStatus.OPEN;
      case "fixed" -> FindingStatus.FIXED;
      case "retracted" -> FindingStatus.RETRACTED;
      case "not_affected", "not-affected" -> FindingStatus.NOT_AFFECTED;
      case "all" -> null;
      default -> throw new IllegalArgumentException("status '" + status + "' is not open, fixed, retracted, "
          + "not_affected, all, planned, applied, verified, failed, risk-accepted or false-positive");
    };
  }

  private Map<String, ExportedVulnerability> vulnerabilities(List<ExportedFinding> findings) {
    Set<String> ids = new LinkedHashSet<>();
    findings.forEach(f -> ids.add(f.finding().advisoryId()));
    Map<String, Optional<VulnerabilityProfile>> found = ids.isEmpty() ? Map.of() : profiles.apply(ids);
    Map<String, ExportedVulnerability> out = new LinkedHashMap<>();
    for (ExportedFinding f : findings) {
      String id = f.finding().advisoryId();
      if (!out.containsKey(id)) {
        Advisory a = found.getOrDefault(id, Optional.empty()).map(VulnerabilityProfile::advisory).orElse(null);
        out.put(id, describe(id, f, a));
      }
    }
    return out;
  }

  private static ExportedVulnerability describe(String id, ExportedFinding f, Advisory a) {
    TreeSet<String> cves = new TreeSet<>(f.assessment().signals().cveIds());
    if (id.startsWith("CVE-")) {
      cves.add(id);
    }
    if (a == null) {
      return new ExportedVulnerability(id, List.copyOf(cves), "", "", List.of(), List.of());
    }
    List<AdvisoryRecord> records = a.records().stream().filter(r -> !r.withdrawn()).toList();
    // the record of the id itself speaks first; then the longest text wins
    Comparator<AdvisoryRecord> own = Comparator.comparing(r -> !r.id().equals(id));
    String title = records.stream().filter(r -> !r.summary().isBlank()).sorted(own).map(r -> oneLine(r.summary()))
        .findFirst().orElse("");
    String description = records.stream().map(AdvisoryRecord::details).filter(d -> !d.isBlank())
        .max(Comparator.comparingInt(String::length)).orElse("");
    TreeSet<String> cwes = new TreeSet<>();
    LinkedHashSet<String> refs = new LinkedHashSet<>();
    records.stream().sorted(own).forEach(r -> {
      cwes.addAll(r.cwes());
      refs.addAll(r.references());
    });
    if (title.isEmpty() && !description.isEmpty()) {
      title = oneLine(description);
    }
    return new ExportedVulnerability(id, List.copyOf(cves), title, description, List.copyOf(cwes), List.copyOf(refs));
  }

  private static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 199) + "…";
  }
}
