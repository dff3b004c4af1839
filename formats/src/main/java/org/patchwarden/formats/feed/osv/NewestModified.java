package org.patchwarden.formats.feed.osv;

import java.time.Instant;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedHeader;

/**
 * The header of an OSV document or collection: OSV has no catalog version, so the newest {@code
 * modified} among its records stands for it.
 */
final class NewestModified {
  private Instant newest;

  void see(AdvisoryRecord r) {
    if (r.modified() != null && (newest == null || r.modified().isAfter(newest))) {
      newest = r.modified();
    }
  }

  /** Version = the newest modified as ISO-8601; empty (the loader then uses the content hash) when none is stated. */
  FeedHeader header() {
    return newest == null ? new FeedHeader("", null) : new FeedHeader(newest.toString(), newest);
  }
}
