package org.patchwarden.advisory;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One entry of CISA's Known Exploited Vulnerabilities catalog, every field as published.
 *
 * @param cveId the CVE, e.g. {@code CVE-2025-48384}
 * @param dateAdded when CISA added it to the catalog
 * @param dueDate CISA's remediation deadline for federal agencies
 * @param ransomwareUse {@code Known} or {@code Unknown}, as CISA spells it
 * @param cwes CWE identifiers, possibly empty
 */
public record KevEntry(
    String cveId,
    String vendorProject,
    String product,
    String vulnerabilityName,
    LocalDate dateAdded,
    String shortDescription,
    String requiredAction,
    LocalDate dueDate,
    String ransomwareUse,
    String notes,
    List<String> cwes) {

  public KevEntry {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(vendorProject, "vendorProject");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(vulnerabilityName, "vulnerabilityName");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(shortDescription, "shortDescription");
    Objects.requireNonNull(requiredAction, "requiredAction");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(ransomwareUse, "ransomwareUse");
    notes = notes == null ? "" : notes;
    cwes = List.copyOf(cwes);
  }

  /** Whether CISA knows of ransomware campaigns using this vulnerability. */
  public boolean knownRansomwareUse() {
    return ransomwareUse.equalsIgnoreCase("Known");
  }
}
