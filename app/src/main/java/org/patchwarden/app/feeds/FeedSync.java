package org.patchwarden.app.feeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.function.LongConsumer;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.formats.feed.FeedInput;
import org.patchwarden.formats.fetch.FetchResult;
import org.patchwarden.formats.fetch.HttpFeedFetcher;
import org.patchwarden.formats.fetch.Validators;

/**
 * Syncs upstream feeds into the store through a local mirror directory: conditional download, load
 * (which validates the content and swaps it in atomically), and only then the downloaded file
 * replaces the last good copy and the validators are kept. A broken download never replaces good
 * data, in the store or in the mirror.
 */
public final class FeedSync implements AutoCloseable {
  /** What happened to one upstream. */
  public sealed interface Outcome {
    Upstream upstream();

    /** 304: our data is current. */
    record NotModified(Upstream upstream) implements Outcome {}

    /** Downloaded and loaded. */
    record Loaded(Upstream upstream, long bytes, FeedUpdate update) implements Outcome {}

    /** Download or load failed; the store and mirror are as before. */
    record Failed(Upstream upstream, String reason) implements Outcome {}
  }

  private final HttpFeedFetcher fetcher;
  private final FeedLoader loader;
  private final Path mirror;
  private final Clock clock;

  public FeedSync(HttpFeedFetcher fetcher, FeedLoader loader, Path mirror, Clock clock) {
    this.fetcher = fetcher;
    this.loader = loader;
    this.mirror = mirror;
    this.clock = clock;
  }

  /** Syncs one upstream; never throws for a failure of the upstream itself. */
  public Outcome sync(Upstream upstream, LongConsumer progress) {
    Path dir = mirror.resolve(upstream.name());
    SyncState state = SyncState.read(dir, upstream.url());
    String now = clock.instant().toString();
    FetchResult result;
    try {
      Validators validators = Files.isRegularFile(dir.resolve(upstream.fileName()))
          ? new Validators(state.etag(), state.lastModified()) : Validators.none();
      result = fetcher.fetch(upstream.url(), validators, dir, progress);
    } catch (RuntimeException e) {
      new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), e.getMessage()).write(dir);
      return new Outcome.Failed(upstream, e.getMessage());
    }
    if (result instanceof FetchResult.NotModified) {
      new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), null).write(dir);
      return new Outcome.NotModified(upstream);
    }
    FetchResult.Downloaded downloaded = (FetchResult.Downloaded) result;
    try {
      FeedUpdate update = loader.load(new FeedInput(upstream.kind(), upstream.source(), List.of(downloaded.file())),
          upstream.url());
      Files.move(downloaded.file(), dir.resolve(upstream.fileName()), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      new SyncState(upstream.url(), downloaded.validators().etag(), downloaded.validators().lastModified(), now, now, null)
          .write(dir);
      return new Outcome.Loaded(upstream, downloaded.bytes(), update);
    } catch (RuntimeException | IOException e) {
      delete(downloaded.file());
      String reason = e instanceof IOException io ? new UncheckedIOException(io).getMessage() : e.getMessage();
      new SyncState(upstream.url(), state.etag(), state.lastModified(), now, state.lastLoaded(), reason).write(dir);
      return new Outcome.Failed(upstream, reason);
    }
  }

  @Override
  public void close() {
    fetcher.close();
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stray partial download is overwritten by the next sync
    }
  }
}
