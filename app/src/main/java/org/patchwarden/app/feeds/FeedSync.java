package org.patchwarden.app.feeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.fetch.FetchResult;
import org.patchwarden.formats.fetch.HttpFeedFetcher;
import org.patchwarden.formats.fetch.Validators;
import org.patchwarden.usecase.UpdateFeed;

/**
 * Syncs upstream feeds into the store through a local mirror directory {@code mirror/<name>/}:
 * the new content is staged beside the last good copy (a conditional download of one file, every
 * page of the NVD API, or the data subtrees extracted from a repository zip; see {@link
 * Upstream.Layout}), loaded (which validates the content and swaps it in atomically), and only
 * then it replaces the mirror copy and the validators are kept. A broken download never replaces
 * good data, in the store or in the mirror.
 */
public final class FeedSync implements AutoCloseable {
  /** What happened to one upstream. */
  public sealed interface Outcome {
    Upstream upstream();

    /** 304: our data is current. */
    record NotModified(Upstream upstream) implements Outcome {}

    /** Downloaded and loaded (the re-match may still have failed: see {@code result.rematch()}). */
    record Loaded(Upstream upstream, long bytes, UpdateFeed.Outcome.Loaded result) implements Outcome {
      /** What the load changed. */
      public FeedUpdate update() {
        return result.update();
      }
    }

    /** Downloaded, but older than the current version: refused; the store and mirror are as before. */
    record Older(Upstream upstream, String version, String current) implements Outcome {}

    /** Download or load failed; the store and mirror are as before. */
    record Failed(Upstream upstream, String reason) implements Outcome {}
  }

  private final HttpFeedFetcher fetcher;
  private final FeedLoader loader;
  private final Path mirror;
  private final Clock clock;
  private final Map<Upstream.Layout, Stage> stages = new EnumMap<>(Upstream.Layout.class);

  /** With anonymous NVD paging (6 s between requests) and the default zip limits. */
  public FeedSync(HttpFeedFetcher fetcher, FeedLoader loader, Path mirror, Clock clock) {
    this(fetcher, loader, mirror, clock, NvdPaging.defaults(null), d -> Thread.sleep(d.toMillis()), ZipLimits.defaults());
  }

  /** @param pause sleeps between NVD pages; tests pass one that does not really sleep */
  public FeedSync(HttpFeedFetcher fetcher, FeedLoader loader, Path mirror, Clock clock, NvdPaging nvd,
      HttpFeedFetcher.Sleeper pause, ZipLimits zip) {
    this.fetcher = fetcher;
    this.loader = loader;
    this.mirror = mirror;
    this.clock = clock;
    stages.put(Upstream.Layout.FILE, (upstream, previous, dir, progress) ->
        switch (fetcher.fetch(upstream.url(), previous, dir, progress)) {
          case FetchResult.NotModified nm -> Optional.empty();
          case FetchResult.Downloaded d -> Optional.of(new Stage.Staged(d.file(), d.bytes(), d.validators()));
        });
    stages.put(Upstream.Layout.PAGED_NVD, new NvdPages(fetcher, nvd, pause));
    stages.put(Upstream.Layout.ZIP_TREE, new ZipTree(fetcher, zip));
  }

  /** Syncs one upstream ({@link #fetch}, then {@link #load}); never throws for a failure of the upstream itself. */
  public Outcome sync(Upstream upstream, LongConsumer progress) {
    return load(fetch(upstream, progress));
  }

  /**
   * An upstream downloaded (and its download checked: limits, completeness) but not loaded: either
   * its outcome already (not modified, failed) or staged content for {@link #load}.
   */
  public static final class Fetched {
    private final Upstream upstream;
    private final Outcome done;
    private final Stage.Staged staged;
    private final SyncState state;
    private final String checkedAt;

    private Fetched(Upstream upstream, Outcome done, Stage.Staged staged, SyncState state, String checkedAt) {
      this.upstream = upstream;
      this.done = done;
      this.staged = staged;
      this.state = state;
      this.checkedAt = checkedAt;
    }

    public Upstream upstream() {
      return upstream;
    }

    /** Whether there is content to load (else the outcome is known: not modified, or failed). */
    public boolean changed() {
      return staged != null;
    }
  }

  /**
   * Downloads one upstream into its mirror directory without touching the store: what a server does
   * before taking the writer lock, so that the lock is held for the load only, not for the network.
   */
  public Fetched fetch(Upstream upstream, LongConsumer progress) {
    Path dir = mirror.resolve(upstream.name());
    Path current = dir.resolve(upstream.fileName());
    SyncState state = SyncState.read(dir, upstream.url());
    String now = clock.instant().toString();
    Optional<Stage.Staged> staged;
    try {
      Validators validators = Files.exists(current)
          ? new Validators(state.etag(), state.lastModified()) : Validators.none();
      staged = stages.get(upstream.layout()).fetch(upstream, validators, dir, progress);
    } catch (RuntimeException e) {
      new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), e.getMessage()).write(dir);
      return new Fetched(upstream, new Outcome.Failed(upstream, e.getMessage()), null, state, now);
    }
    if (staged.isEmpty()) {
      new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), null).write(dir);
      return new Fetched(upstream, new Outcome.NotModified(upstream), null, state, now);
    }
    return new Fetched(upstream, null, staged.get(), state, now);
  }

  /**
   * Loads what {@link #fetch} staged (which validates it and swaps it in atomically), then keeps it
   * as the mirror copy; a refused or failed load leaves the store and the mirror as they were.
   */
  public Outcome load(Fetched fetched) {
    if (fetched.done != null) {
      return fetched.done;
    }
    Upstream upstream = fetched.upstream;
    Path dir = mirror.resolve(upstream.name());
    Path current = dir.resolve(upstream.fileName());
    SyncState state = fetched.state;
    String now = fetched.checkedAt;
    Stage.Staged content = fetched.staged;
    try {
      // An upstream document is the whole of its source (a full catalog, all.zip, every NVD page).
      UpdateFeed.Outcome outcome = loader.load(
          new FeedInput(upstream.kind(), upstream.source(), List.of(content.path())), upstream.url(), true);
      if (outcome instanceof UpdateFeed.Outcome.Older older) {
        Mirror.delete(content.path());
        new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), older.version()
            + " older than the current " + older.current()).write(dir);
        return new Outcome.Older(upstream, older.version(), older.current());
      }
      if (outcome instanceof UpdateFeed.Outcome.Refused refused) {
        Mirror.delete(content.path());
        new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), refused.reason())
            .write(dir);
        return new Outcome.Failed(upstream, refused.reason() + " (--force loads it anyway)");
      }
      UpdateFeed.Outcome.Loaded update = (UpdateFeed.Outcome.Loaded) outcome;
      Mirror.replace(content.path(), current);
      new SyncState(upstream.url(), content.validators().etag(), content.validators().lastModified(), now, now, null)
          .write(dir);
      return new Outcome.Loaded(upstream, content.bytes(), update);
    } catch (RuntimeException | IOException e) {
      Mirror.delete(content.path());
      String reason = e instanceof IOException io ? new UncheckedIOException(io).getMessage() : e.getMessage();
      new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), reason).write(dir);
      return new Outcome.Failed(upstream, reason);
    }
  }

  @Override
  public void close() {
    fetcher.close();
  }
}
