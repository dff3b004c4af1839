package org.patchwarden.usecase;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Findings gathered for an export, most urgent first, with the vulnerabilities they name.
 *
 * @param generatedAt when the export was made
 * @param today the date overdue days count to
 * @param vulnerabilities by {@link ExportedVulnerability#id()}, sorted
 */
public record FindingExport(Instant generatedAt, LocalDate today, ExportFilter filter, List<ExportedFinding> findings,
    Map<String, ExportedVulnerability> vulnerabilities) {
  public FindingExport {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(filter, "filter");
    findings = List.copyOf(findings);
    vulnerabilities = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(vulnerabilities));
  }

  /** The vulnerability a finding names (a bare one when no feed describes it). */
  public ExportedVulnerability vulnerability(String id) {
    ExportedVulnerability v = vulnerabilities.get(id);
    return v != null ? v : new ExportedVulnerability(id, id.startsWith("CVE-") ? List.of(id) : List.of(), "", "",
        List.of(), List.of());
  }
}
