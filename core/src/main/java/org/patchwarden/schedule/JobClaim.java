package org.patchwarden.schedule;

import java.time.Instant;
import java.util.Objects;

/** A job one node took for one run: no other node takes it until the run ends or the lease expires. */
public record JobClaim(String job, String node, Instant claimedAt, Instant leaseUntil) {
  public JobClaim {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
  }
}
