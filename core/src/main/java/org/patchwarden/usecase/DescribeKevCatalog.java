package org.patchwarden.usecase;

import java.util.List;
import java.util.Optional;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.FeedVersionStore;

/** Use case: what the current KEV catalog holds. */
public final class DescribeKevCatalog {
  private final KevStore kev;
  private final FeedVersionStore versions;

  public DescribeKevCatalog(KevStore kev, FeedVersionStore versions) {
    this.kev = kev;
    this.versions = versions;
  }

  /** The catalog's version, size and newest entries. */
  public record Description(FeedVersion version, int entries, List<KevEntry> newest) {}

  /** Empty when no catalog was ever loaded. */
  public Optional<Description> describe(int newest) {
    return versions.current(KevStore.SOURCE)
        .map(v -> new Description(v, kev.count(), kev.newest(newest)));
  }

  /** The entry for one CVE. */
  public Optional<KevEntry> find(String cveId) {
    return kev.find(cveId);
  }
}
