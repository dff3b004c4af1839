package org.patchwarden.app.feeds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.formats.fetch.FetchException;
import org.patchwarden.formats.fetch.FetchResult;
import org.patchwarden.formats.fetch.HttpFeedFetcher;
import org.patchwarden.formats.fetch.Validators;

/**
 * Stages the NVD CVE API 2.0 ({@link Upstream.Layout#PAGED_NVD}): every page, {@code
 * startIndex=0, P, 2P …} until {@code totalResults}, into a fresh staging directory as {@code
 * page-000000.json …}, with {@link NvdPaging#pause()} between requests. Each page is checked as it
 * arrives: complete JSON, the {@code startIndex} asked for, the same {@code totalResults} as the
 * first page, and exactly {@code min(resultsPerPage, totalResults - startIndex)} CVEs, so that the
 * pages together hold exactly {@code totalResults} CVEs. Any failed page fails the whole stage.
 * The API has no validators: every sync downloads every page.
 */
final class NvdPages implements Stage {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpFeedFetcher fetcher;
  private final NvdPaging paging;
  private final HttpFeedFetcher.Sleeper sleeper;

  NvdPages(HttpFeedFetcher fetcher, NvdPaging paging, HttpFeedFetcher.Sleeper sleeper) {
    this.fetcher = fetcher;
    this.paging = paging;
    this.sleeper = sleeper;
  }

  @Override
  public Optional<Staged> fetch(Upstream upstream, Validators previous, Path dir, LongConsumer progress) {
    Path staging = null;
    try {
      Files.createDirectories(dir);
      staging = Files.createTempDirectory(dir, upstream.fileName() + ".staging-");
      Map<String, String> headers = paging.apiKey() == null ? Map.of() : Map.of("apiKey", paging.apiKey());
      String separator = upstream.url().contains("?") ? "&" : "?";
      int start = 0;
      Integer total = null;
      long bytes = 0;
      for (int pages = 0; total == null || start < total; pages++) {
        if (pages == paging.maxPages()) {
          throw new FetchException(upstream.url() + ": more than " + paging.maxPages() + " pages for "
              + total + " results; refusing to go on");
        }
        if (pages > 0) {
          pause(upstream);
        }
        String url = upstream.url() + separator + "startIndex=" + start + "&resultsPerPage=" + paging.resultsPerPage();
        long before = bytes;
        if (!(fetcher.fetch(url, headers, Validators.none(), staging, n -> progress.accept(before + n))
            instanceof FetchResult.Downloaded page)) {
          throw new FetchException(url + ": 304 Not Modified to an unconditional request");
        }
        Path file = Files.move(page.file(), staging.resolve("page-%06d.json".formatted(pages)));
        bytes += page.bytes();
        Header header = Header.read(file, url);
        header.check(url, start, total);
        total = header.totalResults();
        start += header.count();
      }
      return Optional.of(new Staged(staging, bytes, Validators.none()));
    } catch (IOException e) {
      Mirror.delete(staging);
      throw new UncheckedIOException("cannot stage NVD pages in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      Mirror.delete(staging);
      throw e;
    }
  }

  private void pause(Upstream upstream) {
    try {
      sleeper.sleep(paging.pause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(upstream.url() + ": interrupted while pausing between pages", e);
    }
  }

  /** The paging fields of one response page and how many CVEs it holds. */
  private record Header(int totalResults, int resultsPerPage, int startIndex, int count) {
    /** Streams the page (a page is tens of MB), skipping the CVEs themselves. */
    static Header read(Path file, String url) {
      Integer total = null;
      Integer perPage = null;
      Integer start = null;
      int count = -1;
      try (JsonParser p = JSON.createParser(file.toFile())) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new FetchException(url + ": not an NVD CVE API response (expected a JSON object)");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "totalResults" -> total = number(p, value, url, field);
            case "resultsPerPage" -> perPage = number(p, value, url, field);
            case "startIndex" -> start = number(p, value, url, field);
            case "vulnerabilities" -> {
              if (value != JsonToken.START_ARRAY) {
                throw new FetchException(url + ": vulnerabilities is not an array");
              }
              count = 0;
              while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
                count++;
              }
            }
            default -> p.skipChildren();
          }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
          throw new FetchException(url + ": the page does not end where its JSON object ends");
        }
      } catch (IOException e) {
        throw new FetchException(url + ": not a complete NVD CVE API response: "
            + e.getMessage().lines().findFirst().orElse(""), e);
      }
      if (total == null || perPage == null || start == null || count < 0) {
        throw new FetchException(url + ": not an NVD CVE API response (needs totalResults, resultsPerPage,"
            + " startIndex and vulnerabilities)");
      }
      return new Header(total, perPage, start, count);
    }

    private static int number(JsonParser p, JsonToken value, String url, String field) throws IOException {
      if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
        throw new FetchException(url + ": " + field + " is not a count");
      }
      return p.getIntValue();
    }

    /** @param total the first page's totalResults, or null for the first page */
    void check(String url, int expectedStart, Integer total) {
      if (startIndex != expectedStart) {
        throw new FetchException(url + ": the page starts at " + startIndex + ", not at " + expectedStart);
      }
      if (total != null && totalResults != total) {
        throw new FetchException(url + ": totalResults changed from " + total + " to " + totalResults
            + " during the sync; try again");
      }
      int expected = Math.min(resultsPerPage, Math.max(0, totalResults - startIndex));
      if (count != expected) {
        throw new FetchException(url + ": the page holds " + count + " CVEs but resultsPerPage " + resultsPerPage
            + ", startIndex " + startIndex + " and totalResults " + totalResults + " promise " + expected
            + " (truncated or altered page?)");
      }
      if (count == 0 && startIndex < totalResults) {
        throw new FetchException(url + ": an empty page before totalResults " + totalResults + " was reached");
      }
    }
  }
}
