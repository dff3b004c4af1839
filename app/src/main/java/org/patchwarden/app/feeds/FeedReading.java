package org.patchwarden.app.feeds;

import java.util.function.Consumer;
import org.patchwarden.feed.FeedContent;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.feed.ContentHash;
import org.patchwarden.formats.feed.FeedDocumentReader;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.feed.FeedKind;
import org.patchwarden.usecase.UpdateFeed;

/**
 * Hands a feed document found on disk, through its reader, to {@link UpdateFeed}, which decides
 * whether and how it loads and re-matches. The content hash is taken first, so that an unchanged
 * document is recognised before it is parsed.
 */
public final class FeedReading implements FeedLoader {
  private final UpdateFeed update;
  private final Consumer<Long> recordCounter;

  /**
   * @param recordCounter receives the running record count while a document is read (for progress)
   */
  public FeedReading(UpdateFeed update, Consumer<Long> recordCounter) {
    this.update = update;
    this.recordCounter = recordCounter;
  }

  @Override
  public UpdateFeed.Outcome load(FeedInput input, String origin, boolean replace) {
    String source = input.source();
    var request = new UpdateFeed.Request(source, content(input.kind()), input.declaredVersion(), replace);
    return update.update(request, load -> {
      String hash = ContentHash.of(input.paths());
      return switch (FeedDocumentReader.open(input)) {
        case FeedDocumentReader.Kev k -> load.kev(counted(k.snapshot()), origin, hash);
        case FeedDocumentReader.Epss e -> load.epss(counted(e.snapshot()), origin, hash);
        case FeedDocumentReader.Advisories a -> load.advisories(source, counted(a.snapshot()), origin, hash);
        case FeedDocumentReader.Attack a -> load.attack(source, counted(a.snapshot()), origin, hash);
        case FeedDocumentReader.Mappings m -> load.attackMappings(counted(m.snapshot()), origin, hash);
        case FeedDocumentReader.Ssvc s -> load.ssvc(counted(s.snapshot()), origin, hash);
      };
    });
  }

  /** What the loading policy needs to know of a format. */
  static FeedContent content(FeedKind kind) {
    return switch (kind) {
      case KEV_JSON, KEV_CSV -> FeedContent.KEV;
      case EPSS_CSV -> FeedContent.EPSS;
      case OSV, CVE5, NVD_API -> FeedContent.ADVISORY_RECORDS;
      case DEBIAN_DSA, DEBIAN_DLA, DEBIAN_TRACKER_JSON -> FeedContent.ADVISORY_LIST;
      case ATTACK_STIX, ATTACK_MAPPINGS, SSVC -> FeedContent.REFERENCE;
    };
  }

  private <T> FeedSnapshot<T> counted(FeedSnapshot<T> snapshot) {
    return sink -> {
      long[] n = {0};
      return snapshot.drainTo(record -> {
        sink.accept(record);
        if ((++n[0] & 1023) == 0) {
          recordCounter.accept(n[0]);
        }
      });
    };
  }
}
