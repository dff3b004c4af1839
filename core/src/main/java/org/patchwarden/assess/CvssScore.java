package org.patchwarden.assess;

import java.util.Objects;

/**
 * The CVSS statement an assessment uses, with the base score computed from its vector.
 *
 * @param version {@code 4.0}, {@code 3.1}, {@code 3.0} or {@code 2.0}
 * @param score the score computed from the vector, or the stated score when the vector cannot be
 *     computed ({@code computed} is then false and {@code note} says why)
 * @param statedScore the score the source states, or null
 * @param by who stated it (e.g. {@code nvd@nist.gov}, a CNA's short name, {@code CISA-ADP})
 * @param cveId the vulnerability the statement is about
 * @param note empty, or why the score differs from the stated one or was not computed
 */
public record CvssScore(String version, String vector, double score, Double statedScore, String by, String cveId,
    boolean computed, String note) {
  public CvssScore {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(vector, "vector");
    by = by == null ? "" : by;
    cveId = cveId == null ? "" : cveId;
    note = note == null ? "" : note;
  }
}
