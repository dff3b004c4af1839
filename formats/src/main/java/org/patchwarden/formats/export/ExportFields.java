package org.patchwarden.formats.export;

import java.util.List;
import java.util.Locale;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.usecase.ExportedFinding;

/** Values every export format spells the same way. */
final class ExportFields {
  static final String TOOL = "Patchwarden";
  /**
   * The CSAF publisher namespace. NB: CSAF wants the publisher's own domain, which an export cannot
   * know; a URN claims no one else's.
   */
  static final String PUBLISHER_NAMESPACE = "urn:patchwarden";

  private ExportFields() {}

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The finding's CVE ids, else its advisory id alone. */
  static List<String> cves(ExportedFinding f) {
    List<String> cves = f.assessment().signals().cveIds();
    return cves.isEmpty() && f.finding().advisoryId().startsWith("CVE-") ? List.of(f.finding().advisoryId()) : cves;
  }

  /** The CVSS score, or null when no source states one. */
  static CvssScore cvss(ExportedFinding f) {
    return f.assessment().signals().cvss();
  }

  /** A package as one line: {@code ecosystem:name@version}. */
  static String pkg(ExportedFinding f) {
    return f.finding().installed().ecosystem() + ":" + f.finding().installed().name() + "@"
        + f.finding().installed().version();
  }
}
