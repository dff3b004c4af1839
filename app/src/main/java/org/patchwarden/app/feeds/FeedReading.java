package org.patchwarden.app.feeds;

import java.util.function.Consumer;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.formats.feed.ContentHash;
import org.patchwarden.formats.feed.FeedDocumentReader;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.usecase.LoadFeeds;

/**
 * Hands a feed document found on disk, through its reader, to {@link LoadFeeds}. The content hash
 * is taken first, so that an unchanged document is recognised before it is parsed.
 */
public final class FeedReading implements FeedLoader {
  private final LoadFeeds load;
  private final Consumer<Long> recordCounter;

  /**
   * @param recordCounter receives the running record count while a document is read (for progress)
   */
  public FeedReading(LoadFeeds load, Consumer<Long> recordCounter) {
    this.load = load;
    this.recordCounter = recordCounter;
  }

  @Override
  public FeedUpdate load(FeedInput input, String origin) {
    String hash = ContentHash.of(input.paths());
    String source = input.source();
    return switch (FeedDocumentReader.open(input)) {
      case FeedDocumentReader.Kev k -> load.kev(counted(k.snapshot()), origin, hash);
      case FeedDocumentReader.Epss e -> load.epss(counted(e.snapshot()), origin, hash);
      case FeedDocumentReader.Advisories a -> load.advisories(source, counted(a.snapshot()), origin, hash);
      case FeedDocumentReader.Attack a -> load.attack(source, counted(a.snapshot()), origin, hash);
      case FeedDocumentReader.Mappings m -> load.attackMappings(counted(m.snapshot()), origin, hash);
      case FeedDocumentReader.Ssvc s -> load.ssvc(counted(s.snapshot()), origin, hash);
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
