package org.patchwarden.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: the shared schedule of jobs. Several server processes on one database call {@link #claim}
 * at once; the store guarantees that one claim wins each due run (on PostgreSQL
 * {@code SELECT … FOR UPDATE SKIP LOCKED}; SQLite has one writer).
 */
public interface JobStore {
  /** Adds the job, first due at {@code firstDue}, or sets the interval of a job already known. */
  void register(String job, Duration interval, Instant firstDue);

  /**
   * Claims one of {@code jobs} that is due at {@code now} and not leased by a running node: its next
   * run moves to {@code now} plus its interval, and it is leased to {@code node} for its interval (a
   * node that dies mid-run blocks the job only until it would be due anyway). Empty when none is due.
   */
  Optional<JobClaim> claim(Collection<String> jobs, String node, Instant now);

  /** Records the run of a claim and releases its lease. */
  void finish(JobClaim claim, Instant finishedAt, boolean ok, String detail);

  /** The newest runs of a job, newest first, at most {@code limit}. */
  List<JobRun> runs(String job, int limit);
}
