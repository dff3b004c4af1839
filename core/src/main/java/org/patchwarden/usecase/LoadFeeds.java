package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.AttackMapping;
import org.patchwarden.advisory.AttackMappingStore;
import org.patchwarden.advisory.AttackObject;
import org.patchwarden.advisory.AttackStore;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.EpssStore;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.feed.LoadMode;
import org.patchwarden.ssvc.SsvcObject;
import org.patchwarden.ssvc.SsvcStore;

/**
 * Use case: make a feed document the current version of its source. Every load is atomic (a
 * malformed document leaves the previous version current), an unchanged document writes nothing,
 * and a changed one records which records changed.
 */
public final class LoadFeeds {
  private final KevStore kev;
  private final AdvisoryStore advisories;
  private final EpssStore epss;
  private final AttackStore attack;
  private final AttackMappingStore mappings;
  private final SsvcStore ssvc;
  private final Clock clock;
  private final LoadMode mode;
  private final boolean refuseOlder;
  private final double maxRemovalShare;

  public LoadFeeds(KevStore kev, AdvisoryStore advisories, EpssStore epss, AttackStore attack,
      AttackMappingStore mappings, SsvcStore ssvc, Clock clock) {
    this(kev, advisories, epss, attack, mappings, ssvc, clock, LoadMode.REPLACE, false, 1);
  }

  private LoadFeeds(KevStore kev, AdvisoryStore advisories, EpssStore epss, AttackStore attack,
      AttackMappingStore mappings, SsvcStore ssvc, Clock clock, LoadMode mode, boolean refuseOlder, double maxRemovalShare) {
    this.kev = kev;
    this.advisories = advisories;
    this.epss = epss;
    this.attack = attack;
    this.mappings = mappings;
    this.ssvc = ssvc;
    this.clock = clock;
    this.mode = mode;
    this.refuseOlder = refuseOlder;
    this.maxRemovalShare = maxRemovalShare;
  }

  /**
   * These loads with {@code mode} (replace the source, or add to it), refusing documents dated
   * before the current version when {@code refuseOlder}; {@link UpdateFeed} decides both.
   */
  public LoadFeeds with(LoadMode mode, boolean refuseOlder) {
    return with(mode, refuseOlder, 1);
  }

  /** As {@link #with(LoadMode, boolean)}, refusing a replacement that removes more than {@code maxRemovalShare}. */
  public LoadFeeds with(LoadMode mode, boolean refuseOlder, double maxRemovalShare) {
    return new LoadFeeds(kev, advisories, epss, attack, mappings, ssvc, clock, mode, refuseOlder, maxRemovalShare);
  }

  /** The KEV catalog. */
  public FeedUpdate kev(FeedSnapshot<KevEntry> snapshot, String origin, String contentHash) {
    return kev.replace(snapshot, document(KevStore.SOURCE, origin, contentHash));
  }

  /** An advisory source: {@code nvd}, {@code cve5}, {@code osv:…}, {@code debian-…}. */
  public FeedUpdate advisories(String source, FeedSnapshot<AdvisoryRecord> snapshot, String origin, String contentHash) {
    return advisories.replace(snapshot, document(source, origin, contentHash));
  }

  /** An EPSS daily file. */
  public FeedUpdate epss(FeedSnapshot<EpssScore> snapshot, String origin, String contentHash) {
    return epss.replace(snapshot, document(EpssStore.SOURCE, origin, contentHash));
  }

  /** An ATT&CK domain: {@code attack:enterprise-attack} … */
  public FeedUpdate attack(String source, FeedSnapshot<AttackObject> snapshot, String origin, String contentHash) {
    return attack.replace(snapshot, document(source, origin, contentHash));
  }

  /** The KEV → ATT&CK mappings. */
  public FeedUpdate attackMappings(FeedSnapshot<AttackMapping> snapshot, String origin, String contentHash) {
    return mappings.replace(snapshot, document(AttackMappingStore.SOURCE, origin, contentHash));
  }

  /** The SSVC decision points and tables. */
  public FeedUpdate ssvc(FeedSnapshot<SsvcObject> snapshot, String origin, String contentHash) {
    return ssvc.replace(snapshot, document(SsvcStore.SOURCE, origin, contentHash));
  }

  private FeedDocument document(String source, String origin, String contentHash) {
    // Stores keep microseconds; truncating here makes the returned version equal the stored one.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return new FeedDocument(source, origin, contentHash, now, mode, refuseOlder, maxRemovalShare);
  }
}
