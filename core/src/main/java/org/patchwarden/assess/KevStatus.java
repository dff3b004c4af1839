package org.patchwarden.assess;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A vulnerability's place in CISA's Known Exploited Vulnerabilities catalog.
 *
 * @param dueDate CISA's remediation deadline; null when only a CVE record's CISA-ADP statement says
 *     the CVE is in KEV and the loaded catalog does not hold it
 * @param knownRansomware whether CISA knows of ransomware campaigns using it (false when unknown)
 * @param source {@code CISA KEV catalog}, or who else said so (e.g. {@code CISA-ADP})
 */
public record KevStatus(String cveId, LocalDate dateAdded, LocalDate dueDate, boolean knownRansomware,
    String source) {
  public KevStatus {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(source, "source");
  }

  /** The catalog's name as a source. */
  public static final String CATALOG = "CISA KEV catalog";
}
