package org.patchwarden.app.cli;

import java.time.LocalDate;
import java.util.Map;
import org.patchwarden.advisory.VulnerabilityProfile;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.RemediationMetrics;

/**
 * The CLI's documented JSON shapes (docs/findings-json.md), for the REST API: a finding, change or
 * advisory reads the same from {@code --json} and from {@code /api/v1}.
 */
public final class JsonShapes {
  private JsonShapes() {}

  /** A finding with how it is tracked and its assessment (rationale included). */
  public static Map<String, Object> finding(PrioritisedFinding p, LocalDate today) {
    return FindingJson.prioritised(p, today);
  }

  /** A finding with its assessment and every signal behind it ({@code explain --json}). */
  public static Map<String, Object> explained(PrioritisedFinding p, LocalDate today) {
    return FindingJson.explained(p, today);
  }

  public static Map<String, Object> change(Change c) {
    return ChangeText.json(c);
  }

  public static Map<String, Object> audit(AuditEntry e) {
    return ChangeText.json(e);
  }

  public static Map<String, Object> metrics(RemediationMetrics m) {
    return ChangeText.json(m);
  }

  public static Map<String, Object> advisory(VulnerabilityProfile p) {
    return AdvisoryCommand.json(p);
  }
}
