package org.patchwarden.formats.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Downloads feed documents over HTTP(S): conditional GET with the previous validators, retries with
 * exponential backoff on transient failures, a size cap that also holds after gzip decompression
 * (so a gzip bomb is refused), and a total deadline so that a trickling server cannot hang a sync.
 * The body lands in a temporary file, never in memory and never over the last good copy.
 */
public final class HttpFeedFetcher implements AutoCloseable {
  /** Sleeps between retries; tests pass one that does not really sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final HttpClient client;
  private final FetchPolicy policy;
  private final Sleeper sleeper;
  private final ScheduledExecutorService watchdog;
  private final String userAgent;

  public HttpFeedFetcher(FetchPolicy policy, Sleeper sleeper, String userAgent) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.userAgent = userAgent;
    this.client = HttpClient.newBuilder()
        .connectTimeout(policy.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "feed-fetch-deadline");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Fetches {@code url} into a new file in {@code dir}.
   *
   * @param progress receives the number of body bytes read so far
   * @throws FetchException when every attempt failed or the body broke a limit
   */
  public FetchResult fetch(String url, Validators previous, Path dir, LongConsumer progress) {
    return fetch(url, Map.of(), previous, dir, progress);
  }

  /**
   * Fetches {@code url} into a new file in {@code dir}, sending {@code headers} as well (an API key;
   * header values never appear in messages).
   *
   * @throws FetchException when every attempt failed or the body broke a limit
   */
  public FetchResult fetch(String url, Map<String, String> headers, Validators previous, Path dir,
      LongConsumer progress) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new FetchException("invalid URL '" + url + "': " + e.getMessage());
    }
    Duration backoff = policy.firstBackoff();
    FetchException last = null;
    for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
      try {
        return once(uri, headers, previous, dir, progress);
      } catch (Transient e) {
        last = new FetchException(url + ": " + e.getMessage() + " (attempt " + attempt + " of " + policy.attempts() + ")", e.getCause());
        if (attempt < policy.attempts()) {
          try {
            sleeper.sleep(backoff);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new FetchException(url + ": interrupted while waiting to retry", ie);
          }
          backoff = backoff.multipliedBy(2);
        }
      }
    }
    throw last;
  }

  /** A failure worth retrying. */
  private static final class Transient extends Exception {
    private static final long serialVersionUID = 1L;

    Transient(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private FetchResult once(URI uri, Map<String, String> headers, Validators previous, Path dir,
      LongConsumer progress) throws Transient {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(policy.totalTimeout())
        .header("User-Agent", userAgent)
        .header("Accept-Encoding", "gzip")
        .GET();
    headers.forEach(request::header);
    if (previous.etag() != null) {
      request.header("If-None-Match", previous.etag());
    }
    if (previous.lastModified() != null) {
      request.header("If-Modified-Since", previous.lastModified());
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new Transient("connection failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(uri + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status == 304) {
      close(response.body());
      return new FetchResult.NotModified(uri.toString());
    }
    if (status == 429 || status >= 500) {
      close(response.body());
      throw new Transient("HTTP " + status, null);
    }
    if (status != 200) {
      close(response.body());
      throw new FetchException(uri + ": HTTP " + status + " (not retried)");
    }
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").toLowerCase(Locale.ROOT);
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > policy.maxBytes()) {
      close(response.body());
      throw new FetchException(uri + ": body of " + declared + " bytes exceeds the cap of " + policy.maxBytes() + " bytes");
    }
    Path file;
    try {
      Files.createDirectories(dir);
      file = Files.createTempFile(dir, "download-", ".part");
    } catch (IOException e) {
      close(response.body());
      throw new FetchException("cannot create a download file in " + dir + ": " + e.getMessage(), e);
    }
    AtomicBoolean expired = new AtomicBoolean();
    InputStream raw = response.body();
    ScheduledFuture<?> deadline = watchdog.schedule(() -> {
      expired.set(true);
      close(raw); // unblocks a read stuck on a trickling server
    }, policy.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try (InputStream body = encoding.equals("gzip") ? new GZIPInputStream(raw, 1 << 16) : raw;
         OutputStream out = Files.newOutputStream(file)) {
      long total = copyCapped(body, out, uri, progress);
      if (declared >= 0 && encoding.equals("identity") && total != declared) {
        throw new Transient("body truncated: got " + total + " of " + declared + " bytes", null);
      }
      return new FetchResult.Downloaded(uri.toString(), file, total, new Validators(
          response.headers().firstValue("ETag").orElse(null),
          response.headers().firstValue("Last-Modified").orElse(null)));
    } catch (IOException e) {
      delete(file);
      if (expired.get()) {
        throw new FetchException(uri + ": no complete body within " + policy.totalTimeout().toSeconds() + " s; cut off");
      }
      throw new Transient("body broken off: " + e.getMessage(), e);
    } catch (Transient | RuntimeException e) {
      delete(file);
      throw e;
    } finally {
      deadline.cancel(false);
    }
  }

  private long copyCapped(InputStream in, OutputStream out, URI uri, LongConsumer progress) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > policy.maxBytes()) {
        throw new FetchException(uri + ": body exceeds the cap of " + policy.maxBytes() + " bytes (after decompression)");
      }
      out.write(buffer, 0, n);
      progress.accept(total);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted");
    }
    return total;
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing a response we give up on; nothing to recover
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stray .part file in the download directory is harmless and overwritten next time
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    client.close();
  }
}
