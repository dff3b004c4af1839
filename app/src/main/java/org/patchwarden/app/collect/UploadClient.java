package org.patchwarden.app.collect;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * Uploads an inventory document to the server's upload endpoint with the JDK's HttpClient. A 5xx,
 * 429, timeout or refused connection is retried with doubling pauses (the same Idempotency-Key, so a
 * retry of an upload the server did store is answered, not stored twice); 401 and 403 are not retried.
 */
public final class UploadClient {
  /** The upload endpoint, under the server's base URL. */
  public static final String PATH = "/api/v1/inventories";
  /** The answer header that says the server repeated the answer to an earlier upload with the same key. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** Pauses between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Why an upload failed: {@code exitCode} 2 for a refused token or request, 1 for a server or network failure. */
  public static final class UploadException extends RuntimeException {
    private final int exitCode;

    public UploadException(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  /** The server's answer to an accepted upload. */
  public record Answer(int status, String body, boolean replayed, int attempts) {}

  private final HttpClient http;
  private final URI endpoint;
  private final String token;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration firstPause;
  private final Sleeper sleeper;

  public UploadClient(HttpClient http, URI server, String token, Duration timeout, int maxAttempts,
      Duration firstPause, Sleeper sleeper) {
    this.http = Objects.requireNonNull(http, "http");
    this.endpoint = endpoint(server);
    this.token = Objects.requireNonNull(token, "token");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.maxAttempts = maxAttempts;
    this.firstPause = firstPause;
    this.sleeper = sleeper;
  }

  /** {@code server} plus {@link #PATH}, keeping a path prefix (a server behind a reverse proxy). */
  static URI endpoint(URI server) {
    String s = server.toString();
    if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme()) || server.getHost() == null) {
      throw new IllegalArgumentException("--server '" + s + "' is not an http(s) URL such as https://patchwarden.example:7070");
    }
    return URI.create(s.replaceAll("/+$", "") + PATH);
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Uploads the host's files as {@code asset}, with {@code key} as Idempotency-Key and {@code agent} as
   * User-Agent; returns the 2xx answer or throws {@link UploadException}.
   */
  public Answer upload(String asset, HostFiles files, String key, String agent) {
    Multipart body = Multipart.of(files.files(), "patchwarden-" + key.substring(key.indexOf(':') + 1, key.indexOf(':') + 25));
    URI target = URI.create(endpoint + "?asset=" + java.net.URLEncoder.encode(asset, java.nio.charset.StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", body.contentType())
        .header("Accept", "application/json, application/problem+json")
        .header("Idempotency-Key", key)
        .header("User-Agent", agent)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.body()))
        .build();
    Duration pause = firstPause;
    String last = "";
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        try {
          sleeper.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UploadException(1, "upload to " + endpoint + " interrupted");
        }
        pause = pause.multipliedBy(2);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        last = "no answer within " + timeout.toSeconds() + " s";
        continue;
      } catch (ConnectException e) {
        last = "cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")";
        continue;
      } catch (IOException e) {
        last = "I/O error: " + e.getMessage();
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UploadException(1, "upload to " + endpoint + " interrupted");
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        boolean replayed = response.headers().firstValue(REPLAYED_HEADER).map("true"::equalsIgnoreCase)
            .orElse(false);
        return new Answer(status, response.body(), replayed, attempt);
      }
      if (status == 401) {
        throw new UploadException(2, endpoint + " refused the token (401 Unauthorized): check --token"
            + " (an API token from 'patchwarden' admin, shown once when created)");
      }
      if (status == 403) {
        throw new UploadException(2, endpoint + " answered 403 Forbidden: the token's user may not upload"
            + " inventories for this asset (needs an analyst or admin token of the asset's team)" + detail(response));
      }
      if (status >= 500 || status == 429) {
        last = "HTTP " + status + detail(response);
        continue;
      }
      throw new UploadException(2, endpoint + " refused the upload: HTTP " + status + detail(response));
    }
    throw new UploadException(1, "upload to " + endpoint + " failed after " + maxAttempts + " attempt(s): " + last);
  }

  /** The problem+json detail (or the start of the body) for a message. */
  private static String detail(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    if (body.isEmpty()) {
      return "";
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
        .matcher(body);
    String text = m.find() ? m.group(1) : body;
    return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
  }
}
