package org.patchwarden.app.feeds;

import java.time.Clock;
import org.patchwarden.store.Database;
import org.patchwarden.usecase.LoadFeeds;
import org.patchwarden.usecase.RematchAdvisories;
import org.patchwarden.usecase.UpdateFeed;

/** The loading policy wired on a test database, as {@code App} wires it. */
final class FeedLoading {
  private FeedLoading() {}

  static FeedReading reading(Database db, LoadFeeds load, Clock clock) {
    RematchAdvisories rematch = new RematchAdvisories(db.assetStore(), db.advisoryStore(), db.findingStore(),
        db.feedVersionStore(), db.kevStore(), clock, db.matchBacklog());
    return new FeedReading(new UpdateFeed(load, db.feedVersionStore(), db.advisoryStore(), rematch, clock), n -> {});
  }
}
