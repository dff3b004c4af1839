package org.patchwarden.formats.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard a download tries and how much it accepts.
 *
 * @param maxBytes the largest body accepted, after decompression; bigger bodies are refused
 * @param attempts tries in total for transient failures (connection errors, 5xx, 429)
 * @param firstBackoff wait before the second try; doubled before each further one
 * @param connectTimeout for opening the connection
 * @param totalTimeout for the whole exchange including the body: a server that trickles bytes is cut off
 */
public record FetchPolicy(long maxBytes, int attempts, Duration firstBackoff, Duration connectTimeout,
    Duration totalTimeout) {
  public FetchPolicy {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0, got " + maxBytes);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(totalTimeout, "totalTimeout");
  }

  /** 2 GiB, 4 attempts from 2 s backoff, 30 s to connect, 30 min in all: sane for the public feeds. */
  public static FetchPolicy defaults() {
    return new FetchPolicy(2L << 30, 4, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(30));
  }
}
