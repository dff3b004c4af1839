package org.patchwarden.advisory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one source says about one vulnerability: an OSV entry, an NVD CVE, a CVE 5 record, a DSA.
 * Records from different sources that name each other (aliases) describe the same vulnerability and
 * are merged into one {@link Advisory} without losing who said what.
 *
 * @param source the feed it came from: {@code nvd}, {@code cve5}, {@code osv}, {@code debian-dsa},
 *     {@code debian-dla}, {@code debian-tracker}
 * @param id the source's identifier: {@code CVE-2024-3094}, {@code GHSA-…}, {@code GO-2024-0001},
 *     {@code PYSEC-…}, {@code DSA-5474-1}, {@code ALSA-2024:1234}
 * @param aliases identifiers of the same vulnerability elsewhere (never containing {@code id})
 * @param published null when the source does not say
 * @param modified null when the source does not say
 * @param withdrawn whether the source withdrew or rejected it
 * @param cwes CWE identifiers such as {@code CWE-79}
 * @param references URLs
 */
public record AdvisoryRecord(String source, String id, Set<String> aliases, String summary, String details,
    Instant published, Instant modified, boolean withdrawn, List<AffectedPackage> affected,
    List<Severity> severities, List<String> cwes, List<String> references) {

  public AdvisoryRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("advisory id must not be blank (source " + source + ")");
    }
    aliases = aliases.stream().filter(a -> !a.equals(id)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    summary = summary == null ? "" : summary;
    details = details == null ? "" : details;
    affected = List.copyOf(affected);
    severities = List.copyOf(severities);
    cwes = List.copyOf(cwes);
    references = List.copyOf(references);
  }
}
