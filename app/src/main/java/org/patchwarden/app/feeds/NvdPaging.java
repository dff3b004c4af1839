package org.patchwarden.app.feeds;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code feeds sync} pages through the NVD CVE API 2.0.
 *
 * @param resultsPerPage asked for per request (NVD's maximum is 2000)
 * @param pause wait between two requests. NVD allows 5 requests in a rolling 30 s window without
 *     an API key and asks such clients to wait 6 s between requests; with a key 50 in 30 s
 * @param apiKey sent as the {@code apiKey} header, or null; never shown by {@link #toString()}
 * @param maxPages a sync that would take more requests is refused (a server that never ends)
 */
public record NvdPaging(int resultsPerPage, Duration pause, String apiKey, int maxPages) {
  public NvdPaging {
    if (resultsPerPage < 1 || resultsPerPage > 2000) {
      throw new IllegalArgumentException("resultsPerPage must be 1..2000, got " + resultsPerPage);
    }
    Objects.requireNonNull(pause, "pause");
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be >= 1, got " + maxPages);
    }
  }

  /** 2000 per page, at most 1000 pages, 6 s apart without a key and 0.6 s apart with one. */
  public static NvdPaging defaults(String apiKey) {
    return new NvdPaging(2000, apiKey == null ? Duration.ofSeconds(6) : Duration.ofMillis(600), apiKey, 1000);
  }

  @Override
  public String toString() {
    return "NvdPaging[resultsPerPage=" + resultsPerPage + ", pause=" + pause + ", apiKey="
        + (apiKey == null ? "none" : "(set)") + ", maxPages=" + maxPages + "]";
  }
}
