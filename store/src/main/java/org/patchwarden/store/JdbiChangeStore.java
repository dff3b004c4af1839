package org.patchwarden.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.match.FindingKey;
import org.patchwarden.remediate.Approval;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.AuditLog;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeConflict;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.ChangeStore;
import org.patchwarden.remediate.ChangeWindow;
import org.patchwarden.remediate.RiskAcceptance;

/**
 * Changes in the {@code changes}, {@code change_findings} and {@code change_approvals} tables, risk
 * acceptances, and the append-only {@code audit_log}: this class has INSERT and SELECT statements
 * for the audit log and no other.
 */
final class JdbiChangeStore implements ChangeStore, AuditLog {
  /** How often a transaction that lost a race for a new id (unique violation) is run again. */
  private static final int ID_ATTEMPTS = 8;

  private final Jdbi jdbi;

  JdbiChangeStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Change insert(Change change, List<AuditEntry> audit) {
    return withNewIds(h -> {
      long id = h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM changes").mapTo(Long.class).one();
      Change stored = change.stored(id, 1);
      bindState(h.createUpdate("""
              INSERT INTO changes (id, version, title, tier, assets, window_start, window_end, required_approvals,
                                   planned_by, planned_at, state, state_at, state_by, state_detail, applied_at,
                                   applied_by, deadline)
              VALUES (:id, 1, :title, :tier, :assets, :ws, :we, :req, :by, :at, :state, :stateAt, :stateBy,
                      :detail, :appliedAt, :appliedBy, :deadline)
              """)
          .bind("id", id).bind("title", stored.title()).bind("tier", stored.tier())
          .bind("assets", String.join("\n", stored.assets()))
          .bind("ws", stored.window() == null ? null : SqlTime.format(stored.window().start()))
          .bind("we", stored.window() == null ? null : SqlTime.format(stored.window().end()))
          .bind("req", stored.requiredApprovals()).bind("by", stored.plannedBy())
          .bind("at", SqlTime.format(stored.plannedAt())), stored)
          .execute();
      PreparedBatch batch = h.prepareBatch("""
          INSERT INTO change_findings (change_id, position, asset_name, ecosystem, package_name, advisory_id, cve_ids,
                                       advisory_ecosystem, by_source, installed_version, fixed_version, target_version,
                                       first_seen, tier, team, outcome, checked_at, evidence)
          VALUES (:id, :pos, :asset, :eco, :pkg, :adv, :cves, :aeco, :bySource, :installed, :fixed, :target,
                  :firstSeen, :tier, :team, :outcome, :checkedAt, :evidence)
          """);
      for (int i = 0; i < stored.findings().size(); i++) {
        ChangeFinding f = stored.findings().get(i);
        batch.bind("id", id).bind("pos", i).bind("asset", f.key().assetName()).bind("eco", f.key().ecosystem())
            .bind("pkg", f.key().packageName()).bind("adv", f.key().advisoryId())
            .bind("cves", String.join(" ", f.cveIds())).bind("aeco", f.advisoryEcosystem())
            .bind("bySource", f.bySource() ? 1 : 0).bind("installed", f.installedVersion())
            .bind("fixed", f.fixedVersion()).bind("target", f.targetVersion())
            .bind("firstSeen", SqlTime.format(f.firstSeen())).bind("tier", f.tier()).bind("team", f.team())
            .bind("outcome", f.outcome().name()).bind("checkedAt", SqlTime.format(f.checkedAt()))
            .bind("evidence", f.evidence()).add();
      }
      batch.execute();
      insertApprovals(h, stored, Set.of());
      appendIn(h, audit.stream().map(a -> a.subject().equals("change:0")
          ? AuditEntry.change(id, a.at(), a.actor(), a.action(), a.detail()) : a).toList());
      return stored;
    });
  }

  @Override
  public Change update(Change change, List<AuditEntry> audit) {
    return withNewIds(h -> {
      int rows = bindState(h.createUpdate("""
              UPDATE changes SET version = version + 1, state = :state, state_at = :stateAt, state_by = :stateBy,
                     state_detail = :detail, applied_at = :appliedAt, applied_by = :appliedBy, deadline = :deadline
               WHERE id = :id AND version = :version
              """)
          .bind("id", change.id()).bind("version", change.version()), change)
          .execute();
      if (rows == 0) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM changes WHERE id = :id").bind("id", change.id())
            .mapTo(Integer.class).one() > 0;
        if (!exists) {
          throw new NoSuchElementException("no change " + change.id());
        }
        throw new ChangeConflict(change.id(), change.version());
      }
      PreparedBatch batch = h.prepareBatch("""
          UPDATE change_findings SET outcome = :outcome, checked_at = :checkedAt, evidence = :evidence
           WHERE change_id = :id AND position = :pos
          """);
      for (int i = 0; i < change.findings().size(); i++) {
        ChangeFinding f = change.findings().get(i);
        batch.bind("outcome", f.outcome().name()).bind("checkedAt", SqlTime.format(f.checkedAt()))
            .bind("evidence", f.evidence()).bind("id", change.id()).bind("pos", i).add();
      }
      batch.execute();
      Set<String> had = new HashSet<>(h.createQuery("SELECT approver FROM change_approvals WHERE change_id = :id")
          .bind("id", change.id()).mapTo(String.class).list());
      insertApprovals(h, change, had);
      appendIn(h, audit);
      return change.stored(change.id(), change.version() + 1);
    });
  }

  @Override
  public Optional<Change> find(long id) {
    return jdbi.withHandle(h -> read(h, "WHERE id = :id", id).stream().findFirst());
  }

  @Override
  public List<Change> list() {
    return jdbi.withHandle(h -> read(h, "", 0));
  }

  @Override
  public List<RiskAcceptance> riskAcceptances() {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT finding_key, reason, approver, accepted_at, until_at FROM risk_acceptances ORDER BY id DESC
            """)
        .map((rs, ctx) -> new RiskAcceptance(FindingKey.parse(rs.getString("finding_key")), rs.getString("reason"),
            rs.getString("approver"), SqlTime.instant(rs.getString("accepted_at")),
            SqlTime.instant(rs.getString("until_at"))))
        .list());
  }

  @Override
  public void accept(RiskAcceptance a, AuditEntry audit) {
    withNewIds(h -> {
      long id = h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM risk_acceptances").mapTo(Long.class).one();
      h.createUpdate("""
              INSERT INTO risk_acceptances (id, finding_key, reason, approver, accepted_at, until_at)
              VALUES (:id, :key, :reason, :approver, :at, :until)
              """)
          .bind("id", id).bind("key", a.key().toString()).bind("reason", a.reason()).bind("approver", a.approver())
          .bind("at", SqlTime.format(a.at())).bind("until", SqlTime.format(a.until()))
          .execute();
      appendIn(h, List.of(audit));
      return null;
    });
  }

  @Override
  public void append(List<AuditEntry> entries) {
    withNewIds(h -> {
      appendIn(h, entries);
      return null;
    });
  }

  @Override
  public List<AuditEntry> list(String subject) {
    return jdbi.withHandle(h -> h.createQuery("SELECT seq, at, actor, subject, action, detail FROM audit_log"
            + (subject == null ? "" : " WHERE subject = :subject") + " ORDER BY seq")
        .bindMap(subject == null ? Map.of() : Map.of("subject", subject))
        .map((rs, ctx) -> new AuditEntry(rs.getLong("seq"), SqlTime.instant(rs.getString("at")), rs.getString("actor"),
            rs.getString("subject"), rs.getString("action"), rs.getString("detail")))
        .list());
  }

  /** The only statement that writes the audit log: an INSERT. */
  private static void appendIn(Handle h, List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    long seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM audit_log").mapTo(Long.class).one();
    PreparedBatch batch = h.prepareBatch("""
        INSERT INTO audit_log (seq, at, actor, subject, action, detail)
        VALUES (:seq, :at, :actor, :subject, :action, :detail)
        """);
    for (AuditEntry e : entries) {
      batch.bind("seq", ++seq).bind("at", SqlTime.format(e.at())).bind("actor", e.actor())
          .bind("subject", e.subject()).bind("action", e.action()).bind("detail", e.detail()).add();
    }
    batch.execute();
  }

  private static void insertApprovals(Handle h, Change change, Set<String> had) {
    for (Approval a : change.approvals()) {
      if (had.contains(a.by())) {
        continue;
      }
      h.createUpdate("""
              INSERT INTO change_approvals (change_id, approver, approved_at, rule) VALUES (:id, :by, :at, :rule)
              """)
          .bind("id", change.id()).bind("by", a.by()).bind("at", SqlTime.format(a.at())).bind("rule", a.rule())
          .execute();
    }
  }

  /** Binds the state columns of {@code c} as text, so that nulls are typed on every database. */
  private static org.jdbi.v3.core.statement.Update bindState(org.jdbi.v3.core.statement.Update u, Change c) {
    stateColumns(c).forEach((k, v) -> u.bind(k, v));
    return u;
  }

  /** The state columns of {@code c}, as text (null binds as a typed VARCHAR null on every database). */
  private static Map<String, String> stateColumns(Change c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("state", c.state().name());
    String at = null;
    String by = null;
    String detail = "";
    switch (c.state()) {
      case ChangeState.Planned p -> { }
      case ChangeState.Approved a -> at = SqlTime.format(a.at());
      case ChangeState.Applied a -> {
        at = SqlTime.format(a.at());
        by = a.by();
      }
      case ChangeState.Verified v -> at = SqlTime.format(v.at());
      case ChangeState.VerificationFailed f -> {
        at = SqlTime.format(f.at());
        detail = f.evidence();
      }
      case ChangeState.Unverified u -> at = SqlTime.format(u.deadline());
      case ChangeState.Cancelled x -> {
        at = SqlTime.format(x.at());
        by = x.by();
        detail = x.reason();
      }
    }
    m.put("stateAt", at);
    m.put("stateBy", by);
    m.put("detail", detail);
    m.put("appliedAt", c.applied() == null ? null : SqlTime.format(c.applied().at()));
    m.put("appliedBy", c.applied() == null ? null : c.applied().by());
    m.put("deadline", c.applied() == null ? null : SqlTime.format(c.applied().deadline()));
    return m;
  }

  private static ChangeState state(String name, Instant at, String by, String detail, ChangeState.Applied applied) {
    return switch (name) {
      case "planned" -> new ChangeState.Planned();
      case "approved" -> new ChangeState.Approved(at);
      case "applied" -> applied;
      case "verified" -> new ChangeState.Verified(at);
      case "verification-failed" -> new ChangeState.VerificationFailed(at, detail);
      case "unverified" -> new ChangeState.Unverified(at);
      case "cancelled" -> new ChangeState.Cancelled(at, by, detail);
      default -> throw new IllegalStateException("changes.state '" + name + "' is not a known state");
    };
  }

  /** A row of {@code changes} before its findings and approvals are read. */
  private record Row(long id, int version, String title, String tier, List<String> assets, ChangeWindow window,
      int required, String plannedBy, Instant plannedAt, String state, Instant stateAt, String stateBy, String detail,
      ChangeState.Applied applied) {}

  private static List<Change> read(Handle h, String where, long id) {
    List<Row> rows = h.createQuery("SELECT * FROM changes " + where + " ORDER BY id DESC")
        .bindMap(where.isEmpty() ? Map.of() : Map.of("id", id))
        .map((rs, ctx) -> {
          String ws = rs.getString("window_start");
          String appliedAt = rs.getString("applied_at");
          return new Row(rs.getLong("id"), rs.getInt("version"), rs.getString("title"), rs.getString("tier"),
              Arrays.asList(rs.getString("assets").split("\n")),
              ws == null ? null : new ChangeWindow(SqlTime.instant(ws), SqlTime.instant(rs.getString("window_end"))),
              rs.getInt("required_approvals"), rs.getString("planned_by"),
              SqlTime.instant(rs.getString("planned_at")), rs.getString("state"),
              SqlTime.instant(rs.getString("state_at")), rs.getString("state_by"), rs.getString("state_detail"),
              appliedAt == null ? null : new ChangeState.Applied(SqlTime.instant(appliedAt),
                  rs.getString("applied_by"), SqlTime.instant(rs.getString("deadline"))));
        })
        .list();
    List<Change> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      List<ChangeFinding> findings = h.createQuery(
              "SELECT * FROM change_findings WHERE change_id = :id ORDER BY position")
          .bind("id", r.id())
          .map((rs, ctx) -> new ChangeFinding(
              new FindingKey(rs.getString("asset_name"), rs.getString("ecosystem"), rs.getString("package_name"),
                  rs.getString("advisory_id")),
              rs.getString("cve_ids").isEmpty() ? List.of() : List.of(rs.getString("cve_ids").split(" ")),
              rs.getString("advisory_ecosystem"), rs.getInt("by_source") == 1, rs.getString("installed_version"),
              rs.getString("fixed_version"), rs.getString("target_version"),
              SqlTime.instant(rs.getString("first_seen")), rs.getString("tier"), rs.getString("team"),
              ChangeFinding.Outcome.valueOf(rs.getString("outcome")), SqlTime.instant(rs.getString("checked_at")),
              rs.getString("evidence")))
          .list();
      List<Approval> approvals = h.createQuery(
              "SELECT approver, approved_at, rule FROM change_approvals WHERE change_id = :id ORDER BY approved_at, approver")
          .bind("id", r.id())
          .map((rs, ctx) -> new Approval(rs.getString("approver"), SqlTime.instant(rs.getString("approved_at")),
              rs.getString("rule")))
          .list();
      out.add(new Change(r.id(), r.version(), r.title(), r.tier(), r.assets(), r.window(), r.required(), r.plannedBy(),
          r.plannedAt(), approvals, state(r.state(), r.stateAt(), r.stateBy(), r.detail(), r.applied()), r.applied(),
          findings));
    }
    return out;
  }

  /**
   * Runs {@code work} in a transaction, again when it lost a race for a new id or audit sequence
   * number to another writer (a unique violation: PostgreSQL lets two transactions read the same MAX).
   */
  private <T> T withNewIds(HandleCallback<T, RuntimeException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (ChangeConflict | NoSuchElementException e) {
        throw e;
      } catch (RuntimeException e) {
        if (attempt >= ID_ATTEMPTS || !uniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && ("23505".equals(s.getSQLState())
          || s.getMessage() != null && s.getMessage().contains("UNIQUE constraint failed"))) {
        return true;
      }
    }
    return false;
  }
}
