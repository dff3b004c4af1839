package org.patchwarden.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchwarden.remediate.Approval;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.PackageUpgrade;
import org.patchwarden.remediate.RemediationCommands;
import org.patchwarden.remediate.RemediationMetrics;

/** How changes, audit entries and remediation metrics are printed, as text and as JSON (docs/remediation.md). */
final class ChangeText {
  static final String CHANGE_SCHEMA = "patchwarden.change/1";
  static final String AUDIT_SCHEMA = "patchwarden.audit/1";
  static final String METRICS_SCHEMA = "patchwarden.remediation-metrics/1";

  private ChangeText() {}

  /** Who acts: {@code --by}, else $USER; a usage error when neither names anyone. */
  static String who(PatchwardenCommand root, String by, String command) {
    String who = by != null ? by : root.terminal().env().getOrDefault("USER", "");
    if (who.isBlank()) {
      throw new CliException(2, command + ": say who with --by NAME ($USER is not set)");
    }
    return who.strip();
  }

  /** An instant from {@code 2026-12-01T20:00:00Z} or a date ({@code 2026-12-01}, its start in UTC). */
  static Instant instant(String text, String option) {
    String t = text.strip();
    try {
      return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new CliException(2, option + " '" + text + "' is not a date (2026-12-01) or a UTC time (2026-12-01T20:00:00Z)");
    }
  }

  static String state(Change c) {
    return switch (c.state()) {
      case ChangeState.Planned p -> "planned, waiting for " + (c.requiredApprovals()
          - c.approvals().stream().filter(a -> !a.automatic()).count()) + " approval(s)";
      case ChangeState.Approved a -> "approved " + a.at();
      case ChangeState.Applied a -> "applied by " + a.by() + " " + a.at() + ", verify by " + a.deadline()
          + " (" + c.pending() + " finding(s) pending)";
      case ChangeState.Verified v -> "verified " + v.at();
      case ChangeState.VerificationFailed f -> "VERIFICATION FAILED " + f.at() + ": " + f.evidence();
      case ChangeState.Unverified u -> "UNVERIFIED: deadline " + u.deadline() + " passed with " + c.pending()
          + " finding(s) not rescanned";
      case ChangeState.Cancelled x -> "cancelled by " + x.by() + " " + x.at() + ": " + x.reason();
    };
  }

  static void line(PrintWriter out, Change c) {
    out.printf("%-5d %-20s %-4s %-32s %4d  %s%n", c.id(), c.state().name(), c.tier().isEmpty() ? "-" : c.tier(),
        String.join(",", c.assets()), c.findings().size(), c.title());
  }

  static void table(PrintWriter out, List<Change> changes) {
    out.printf("%-5s %-20s %-4s %-32s %4s  %s%n", "ID", "STATE", "TIER", "ASSETS", "FIND", "TITLE");
    changes.forEach(c -> line(out, c));
  }

  static void show(PrintWriter out, Change c) {
    out.printf("change %d: %s%n", c.id(), c.title());
    out.printf("  state:     %s%n", state(c));
    out.printf("  planned:   by %s %s%s%n", c.plannedBy(), c.plannedAt(), c.window() == null ? "" : ", window " + c.window());
    out.printf("  approvals: %d needed%s%n", c.requiredApprovals(), c.approvals().isEmpty() ? ""
        : "; " + String.join("; ", c.approvals().stream().map(ChangeText::approval).toList()));
    out.println("  upgrades:");
    for (PackageUpgrade u : RemediationCommands.upgrades(c)) {
      out.printf("    %s: %s %s -> %s%n", u.asset(), u.packageName(), u.installedVersion(), u.targetVersion());
    }
    out.println("  commands per asset:");
    String asset = "";
    for (var command : RemediationCommands.forUpgrades(RemediationCommands.upgrades(c))) {
      if (!command.asset().equals(asset)) {
        asset = command.asset();
        out.printf("    %s:%n", asset);
      }
      out.printf("      %s%s%n", command.shell() ? "" : "# ", command.text());
    }
    out.println("  findings:");
    for (ChangeFinding f : c.findings()) {
      out.printf("    %-9s %s (%s → %s)%s%n", f.outcome().name().toLowerCase(java.util.Locale.ROOT), f.key(),
          f.installedVersion(), f.fixedVersion(), f.evidence().isEmpty() ? "" : "\n              " + f.evidence());
    }
  }

  private static String approval(Approval a) {
    return a.by() + " " + a.at() + (a.automatic() ? " (" + a.rule() + ")" : "");
  }

  static Map<String, Object> json(Change c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("title", c.title());
    m.put("tier", c.tier());
    m.put("state", c.state().name());
    m.put("state_text", state(c));
    m.put("assets", c.assets());
    m.put("window_start", c.window() == null ? "" : c.window().start().toString());
    m.put("window_end", c.window() == null ? "" : c.window().end().toString());
    m.put("planned_by", c.plannedBy());
    m.put("planned_at", c.plannedAt().toString());
    m.put("required_approvals", c.requiredApprovals());
    m.put("approvals", c.approvals().stream().map(a -> Map.of("by", a.by(), "at", a.at().toString(), "rule", a.rule()))
        .toList());
    m.put("applied_at", c.applied() == null ? "" : c.applied().at().toString());
    m.put("applied_by", c.applied() == null ? "" : c.applied().by());
    m.put("deadline", c.applied() == null ? "" : c.applied().deadline().toString());
    m.put("upgrades", RemediationCommands.upgrades(c).stream().map(u -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("asset", u.asset());
      x.put("ecosystem", u.ecosystem());
      x.put("package", u.packageName());
      x.put("from_version", u.installedVersion());
      x.put("to_version", u.targetVersion());
      x.put("command", RemediationCommands.command(u));
      return x;
    }).toList());
    m.put("commands", RemediationCommands.forUpgrades(RemediationCommands.upgrades(c)).stream().map(x -> {
      Map<String, Object> y = new LinkedHashMap<>();
      y.put("asset", x.asset());
      y.put("tool", x.tool());
      y.put("shell", x.shell());
      y.put("text", x.text());
      return y;
    }).toList());
    m.put("findings", c.findings().stream().map(f -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("finding_key", f.key().toString());
      x.put("cve_ids", f.cveIds());
      x.put("installed_version", f.installedVersion());
      x.put("fixed_version", f.fixedVersion());
      x.put("target_version", f.targetVersion());
      x.put("tier", f.tier());
      x.put("team", f.team());
      x.put("first_seen", f.firstSeen().toString());
      x.put("outcome", f.outcome().name().toLowerCase(java.util.Locale.ROOT));
      x.put("checked_at", f.checkedAt() == null ? "" : f.checkedAt().toString());
      x.put("evidence", f.evidence());
      return x;
    }).toList());
    return m;
  }

  static Map<String, Object> json(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", e.seq());
    m.put("at", e.at().toString());
    m.put("actor", e.actor());
    m.put("subject", e.subject());
    m.put("action", e.action());
    m.put("detail", e.detail());
    return m;
  }

  static void audit(PrintWriter out, List<AuditEntry> entries) {
    for (AuditEntry e : entries) {
      out.printf("%5d %s %-14s %-22s %-44s %s%n", e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail());
    }
  }

  /** Days with one decimal, e.g. {@code 3.5 d}. */
  static String days(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f d", d.toSeconds() / 86400.0);
  }

  static void metrics(PrintWriter out, RemediationMetrics m) {
    out.println("Time from first seen to verified fixed:");
    out.printf("  %-8s %-22s %6s %10s %10s%n", "BY", "GROUP", "FIXED", "MEAN", "P90");
    m.byTier().forEach(r -> out.printf("  %-8s %-22s %6d %10s %10s%n", "tier", r.name(), r.count(), days(r.mean()), days(r.p90())));
    m.byTeam().forEach(r -> out.printf("  %-8s %-22s %6d %10s %10s%n", "team", r.name(), r.count(), days(r.mean()), days(r.p90())));
    if (m.byTier().isEmpty()) {
      out.println("  (no finding verified fixed yet)");
    }
    out.printf("Verification pass rate: %.0f%% (%d findings verified fixed, %d failed verification checks)%n",
        m.passRate() * 100, m.verifiedFindings(), m.failedFindings());
    out.printf("Changes that failed verification: %d; unverified (deadline passed without a rescan): %d%n",
        m.failedChanges(), m.unverifiedChanges());
    out.printf("Time in approval: mean %s, p90 %s over %d approved change(s); %d waiting%n",
        hours(m.approval().mean()), hours(m.approval().p90()), m.approval().count(), m.awaitingApproval());
  }

  private static String hours(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f h", d.toSeconds() / 3600.0);
  }

  static Map<String, Object> json(RemediationMetrics m) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", METRICS_SCHEMA);
    doc.put("by_tier", m.byTier().stream().map(ChangeText::row).toList());
    doc.put("by_team", m.byTeam().stream().map(ChangeText::row).toList());
    doc.put("verified_findings", m.verifiedFindings());
    doc.put("failed_findings", m.failedFindings());
    doc.put("pass_rate", m.passRate());
    doc.put("failed_changes", m.failedChanges());
    doc.put("unverified_changes", m.unverifiedChanges());
    doc.put("approval", row(m.approval()));
    doc.put("awaiting_approval", m.awaitingApproval());
    return doc;
  }

  private static Map<String, Object> row(RemediationMetrics.Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("count", r.count());
    m.put("mean_seconds", r.mean().toSeconds());
    m.put("p90_seconds", r.p90().toSeconds());
    return m;
  }
}
