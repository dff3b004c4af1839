package org.patchwarden.remediate;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the append-only audit log: who did what to which change or finding, when and why.
 *
 * @param seq assigned by the log, 0 before it is appended
 * @param subject {@code change:ID} or {@code finding:ASSET|ECOSYSTEM|PACKAGE|ADVISORY}
 * @param action e.g. {@code planned}, {@code approved}, {@code applied}, {@code verified}, {@code risk-accepted}
 */
public record AuditEntry(long seq, Instant at, String actor, String subject, String action, String detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(action, "action");
    detail = detail == null ? "" : detail;
  }

  /** An entry about change {@code id}, not yet appended. */
  public static AuditEntry change(long id, Instant at, String actor, String action, String detail) {
    return new AuditEntry(0, at, actor, "change:" + id, action, detail);
  }

  /** An entry about a finding, not yet appended. */
  public static AuditEntry finding(String findingKey, Instant at, String actor, String action, String detail) {
    return new AuditEntry(0, at, actor, "finding:" + findingKey, action, detail);
  }
}
