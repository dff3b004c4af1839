package org.patchwarden.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished run of a job.
 *
 * @param detail the job's summary, or the reason it failed
 */
public record JobRun(String job, String node, Instant startedAt, Instant finishedAt, boolean ok, String detail) {
  public JobRun {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    detail = detail == null ? "" : detail;
  }
}
