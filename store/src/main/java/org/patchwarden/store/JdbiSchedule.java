package org.patchwarden.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.patchwarden.schedule.AgentCheckins;
import org.patchwarden.schedule.Event;
import org.patchwarden.schedule.EventStore;
import org.patchwarden.schedule.JobClaim;
import org.patchwarden.schedule.JobRun;
import org.patchwarden.schedule.JobStore;

/**
 * The schedule, events and check-ins in the V15 tables. A claim selects a due row {@code FOR UPDATE
 * SKIP LOCKED} on PostgreSQL, so that a second node passes over a row the first is claiming instead
 * of waiting for it, and moves its next run on in the same transaction; on SQLite the transaction
 * takes the database's single write lock at BEGIN (IMMEDIATE), which serializes claims.
 */
final class JdbiSchedule implements JobStore, EventStore, AgentCheckins {
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiSchedule(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public void register(String job, Duration interval, Instant firstDue) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO scheduled_jobs (name, interval_seconds, next_run) VALUES (:name, :interval, :due)
            ON CONFLICT (name) DO UPDATE SET interval_seconds = excluded.interval_seconds
            """)
        .bind("name", job).bind("interval", interval.toSeconds()).bind("due", SqlTime.format(firstDue))
        .execute());
  }

  @Override
  public Optional<JobClaim> claim(Collection<String> jobs, String node, Instant now) {
    if (jobs.isEmpty()) {
      return Optional.empty();
    }
    String at = SqlTime.format(now);
    String lock = dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    return jdbi.inTransaction(h -> {
      Optional<Map.Entry<String, Long>> due = h.createQuery("""
              SELECT name, interval_seconds FROM scheduled_jobs
               WHERE name IN (<jobs>) AND next_run <= :now AND (lease_until IS NULL OR lease_until <= :now)
               ORDER BY next_run, name LIMIT 1""" + lock)
          .bindList("jobs", List.copyOf(jobs)).bind("now", at)
          .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getLong("interval_seconds")))
          .findOne();
      if (due.isEmpty()) {
        return Optional.<JobClaim>empty();
      }
      Instant next = now.plusSeconds(due.get().getValue());
      h.createUpdate("""
              UPDATE scheduled_jobs SET next_run = :next, lease_owner = :node, lease_until = :next
               WHERE name = :name""")
          .bind("next", SqlTime.format(next)).bind("node", node).bind("name", due.get().getKey())
          .execute();
      return Optional.of(new JobClaim(due.get().getKey(), node, now, next));
    });
  }

  @Override
  public void finish(JobClaim claim, Instant finishedAt, boolean ok, String detail) {
    jdbi.useTransaction(h -> {
      h.createUpdate("""
              INSERT INTO job_runs (job_name, started_at, node, finished_at, ok, detail)
              VALUES (:job, :started, :node, :finished, :ok, :detail)""")
          .bind("job", claim.job()).bind("started", SqlTime.format(claim.claimedAt())).bind("node", claim.node())
          .bind("finished", SqlTime.format(finishedAt)).bind("ok", ok ? 1 : 0).bind("detail", detail == null ? "" : detail)
          .execute();
      // Only our own lease is released: after an expiry another node may hold the job now.
      h.createUpdate("""
              UPDATE scheduled_jobs SET lease_owner = NULL, lease_until = NULL
               WHERE name = :name AND lease_owner = :node AND lease_until = :until""")
          .bind("name", claim.job()).bind("node", claim.node()).bind("until", SqlTime.format(claim.leaseUntil()))
          .execute();
    });
  }

  @Override
  public List<JobRun> runs(String job, int limit) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT job_name, node, started_at, finished_at, ok, detail FROM job_runs
             WHERE job_name = :job ORDER BY started_at DESC, node LIMIT :limit""")
        .bind("job", job).bind("limit", limit)
        .map((rs, ctx) -> new JobRun(rs.getString("job_name"), rs.getString("node"),
            SqlTime.instant(rs.getString("started_at")), SqlTime.instant(rs.getString("finished_at")),
            rs.getInt("ok") == 1, rs.getString("detail")))
        .list());
  }

  @Override
  public boolean raise(Event event) {
    return jdbi.withHandle(h -> h.createUpdate("""
            INSERT INTO events (kind, subject, occasion, raised_at, detail)
            VALUES (:kind, :subject, :occasion, :at, :detail)
            ON CONFLICT (kind, subject, occasion) DO NOTHING""")
        .bind("kind", event.kind().label()).bind("subject", event.subject()).bind("occasion", event.occasion())
        .bind("at", SqlTime.format(event.raisedAt())).bind("detail", event.detail())
        .execute()) == 1;
  }

  @Override
  public List<Event> recent(int limit) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT kind, subject, occasion, raised_at, detail FROM events
             ORDER BY raised_at DESC, kind, subject, occasion LIMIT :limit""")
        .bind("limit", limit)
        .map((rs, ctx) -> new Event(Event.Kind.of(rs.getString("kind")), rs.getString("subject"),
            rs.getString("occasion"), SqlTime.instant(rs.getString("raised_at")), rs.getString("detail")))
        .list());
  }

  @Override
  public void checkedIn(String asset, Instant at, String agent) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO agent_checkins (asset_name, last_seen, agent) VALUES (:asset, :at, :agent)
            ON CONFLICT (asset_name) DO UPDATE SET last_seen = excluded.last_seen, agent = excluded.agent
             WHERE agent_checkins.last_seen < excluded.last_seen""")
        .bind("asset", asset).bind("at", SqlTime.format(at)).bind("agent", agent)
        .execute());
  }

  @Override
  public Map<String, Instant> lastCheckIns() {
    Map<String, Instant> out = new HashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT asset_name, last_seen FROM agent_checkins")
        .map((rs, ctx) -> Map.entry(rs.getString("asset_name"), SqlTime.instant(rs.getString("last_seen"))))
        .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }
}
