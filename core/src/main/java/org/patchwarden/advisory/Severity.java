package org.patchwarden.advisory;

import java.util.Objects;

/**
 * A severity statement: a CVSS vector (and the score the source computed), or a distro rating.
 *
 * @param type {@code CVSS_V2}, {@code CVSS_V3} (3.0 and 3.1), {@code CVSS_V4}, or a source's own
 *     scale such as {@code DEBIAN_URGENCY}
 * @param vector the CVSS vector string, or the rating word for non-CVSS types
 * @param score the base score the source states, or null when it states none
 * @param by who made the statement (NVD, a CNA, CISA-ADP, the OSV database …), or empty
 */
public record Severity(String type, String vector, Double score, String by) {
  public Severity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(vector, "vector");
    by = by == null ? "" : by;
  }
}
