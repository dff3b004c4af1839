package org.patchwarden.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the due jobs of one node. Each call of {@link #runDue} claims due jobs from the shared store
 * one at a time, so that when several nodes tick at once each run happens on exactly one of them.
 * The caller supplies the ticking (a thread in the server, a direct call in tests).
 */
public final class Scheduler {
  private final JobStore store;
  private final String node;
  private final Clock clock;
  private final Map<String, ScheduledJob> jobs = new LinkedHashMap<>();

  /**
   * Registers {@code jobs} in the store; a job new to the store is first due at once.
   *
   * @param node this process, as runs and leases name it (host and pid)
   */
  public Scheduler(JobStore store, String node, Clock clock, List<ScheduledJob> jobs) {
    this.store = Objects.requireNonNull(store, "store");
    this.node = Objects.requireNonNull(node, "node");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (ScheduledJob j : jobs) {
      if (this.jobs.put(j.name(), j) != null) {
        throw new IllegalArgumentException("job " + j.name() + " given twice");
      }
      store.register(j.name(), j.interval(), now());
    }
  }

  public String node() {
    return node;
  }

  /** The jobs this node runs. */
  public List<ScheduledJob> jobs() {
    return List.copyOf(jobs.values());
  }

  /**
   * Claims and runs every job due now, one after another; a job that throws is recorded as failed
   * and the others still run. Returns the runs this node made.
   */
  public List<JobRun> runDue() {
    List<JobRun> done = new ArrayList<>();
    while (true) {
      Instant start = now();
      Optional<JobClaim> claim = store.claim(jobs.keySet(), node, start);
      if (claim.isEmpty()) {
        return done;
      }
      JobClaim c = claim.get();
      ScheduledJob job = jobs.get(c.job());
      boolean ok;
      String detail;
      try {
        detail = job.work().get();
        ok = true;
      } catch (RuntimeException e) {
        ok = false;
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      Instant end = now();
      store.finish(c, end, ok, detail);
      done.add(new JobRun(c.job(), node, c.claimedAt(), end, ok, detail));
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
