package org.patchwarden.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How old a loaded feed's data is: by the data's own date (KEV catalog release, EPSS score date,
 * newest OSV or NVD modification) where the document states one, else by when it was loaded: a
 * catalog loaded today from a months-old mirror is still months old.
 *
 * @param since the date the age counts from
 * @param byDataDate whether {@code since} is the data's own date (else the load time)
 * @param days whole days from {@code since} to now
 */
public record FeedAge(Instant since, boolean byDataDate, long days) {

  /** The age of {@code v} at {@code now}. */
  public static FeedAge of(FeedVersion v, Instant now) {
    boolean dated = v.released() != null;
    Instant since = dated ? v.released() : v.loadedAt();
    return new FeedAge(since, dated, Math.max(0, Duration.between(since, now).toDays()));
  }

  /** A line for {@code feeds status} when older than {@code limitDays}, else empty. */
  public Optional<String> staleness(int limitDays) {
    if (days <= limitDays) {
      return Optional.empty();
    }
    String what = byDataDate ? "data dated " + since.toString().substring(0, 10) : "loaded";
    return Optional.of("STALE: " + what + " " + days + " days ago (limit " + limitDays + ")");
  }
}
