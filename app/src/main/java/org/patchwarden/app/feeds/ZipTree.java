package org.patchwarden.app.feeds;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.formats.feed.FeedKind;
import org.patchwarden.formats.fetch.FetchException;
import org.patchwarden.formats.fetch.FetchResult;
import org.patchwarden.formats.fetch.HttpFeedFetcher;
import org.patchwarden.formats.fetch.Validators;
import org.patchwarden.formats.ZipEntryNames;

/**
 * Stages a zip of a repository ({@link Upstream.Layout#ZIP_TREE}, a GitHub archive whose entries
 * all sit under one top directory such as {@code SSVC-main/}): a conditional download, then only
 * the entries under the feed's data subtrees are extracted into a fresh staging directory, keeping
 * each subtree's last directory ({@code SSVC-main/data/json/decision_points/ssvc/x.json} → {@code
 * decision_points/ssvc/x.json}). The archive is refused as a whole for an entry whose name is
 * absolute or climbs out with {@code ..}, for more entries than {@link ZipLimits#maxEntries()}, an
 * extracted entry over {@link ZipLimits#maxEntryBytes()} (counted while inflating) or more than
 * {@link ZipLimits#maxTotalBytes()} in all, and when no entry falls under the subtrees. The
 * downloaded archive itself is not kept.
 */
final class ZipTree implements Stage {
  private final HttpFeedFetcher fetcher;
  private final ZipLimits limits;

  ZipTree(HttpFeedFetcher fetcher, ZipLimits limits) {
    this.fetcher = fetcher;
    this.limits = limits;
  }

  /** The subtrees of the repository that hold a kind's data, below the archive's top directory. */
  static List<String> subtrees(FeedKind kind) {
    return switch (kind) {
      case SSVC -> List.of("data/json/decision_points/", "data/json/decision_tables/");
      default -> throw new IllegalArgumentException("no repository subtrees known for " + kind);
    };
  }

  @Override
  public Optional<Staged> fetch(Upstream upstream, Validators previous, Path dir, LongConsumer progress) {
    FetchResult result = fetcher.fetch(upstream.url(), previous, dir, progress);
    if (!(result instanceof FetchResult.Downloaded zip)) {
      return Optional.empty();
    }
    Path staging = null;
    try {
      staging = Files.createTempDirectory(dir, upstream.fileName() + ".staging-");
      extract(zip.file(), staging, subtrees(upstream.kind()), upstream.url());
      return Optional.of(new Staged(staging, zip.bytes(), zip.validators()));
    } catch (IOException e) {
      Mirror.delete(staging);
      throw new UncheckedIOException(upstream.url() + ": not a readable zip archive: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      Mirror.delete(staging);
      throw e;
    } finally {
      Mirror.delete(zip.file());
    }
  }

  private void extract(Path zip, Path staging, List<String> subtrees, String url) throws IOException {
    int entries = 0;
    int kept = 0;
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        if (++entries > limits.maxEntries()) {
          throw new FetchException(url + ": the archive has more than " + limits.maxEntries() + " entries");
        }
        String name = entry.getName();
        checkName(name, url);
        String relative = keptPath(name, subtrees);
        if (relative == null || entry.isDirectory()) {
          continue;
        }
        Path target = staging.resolve(relative).normalize();
        if (!target.startsWith(staging) || target.equals(staging)) {
          throw new FetchException(url + ": entry '" + name + "' points outside the extraction directory");
        }
        Files.createDirectories(target.getParent());
        total += copyCapped(in, target, name, url);
        if (total > limits.maxTotalBytes()) {
          throw new FetchException(url + ": the extracted entries exceed the cap of " + limits.maxTotalBytes() + " bytes");
        }
        kept++;
      }
    }
    if (kept == 0) {
      throw new FetchException(url + ": the archive holds no files under */" + String.join(" or */", subtrees)
          + "; is this the right repository archive?");
    }
  }

  /** Refuses absolute names and names that climb with {@code ..}, whether kept or not. */
  private static void checkName(String name, String url) {
    if (ZipEntryNames.unsafe(name)) {
      throw new FetchException(url + ": unsafe entry name '" + name + "' (absolute or with ..); archive refused");
    }
  }

  /** {@code top/data/json/decision_points/a/b.json} → {@code decision_points/a/b.json}; null when not kept. */
  private static String keptPath(String name, List<String> subtrees) {
    int slash = name.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    String below = name.substring(slash + 1);
    for (String subtree : subtrees) {
      if (below.startsWith(subtree) && below.length() > subtree.length()) {
        String parent = subtree.substring(0, subtree.lastIndexOf('/', subtree.length() - 2) + 1);
        return below.substring(parent.length());
      }
    }
    return null;
  }

  private long copyCapped(InputStream in, Path target, String name, String url) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > limits.maxEntryBytes()) {
          throw new FetchException(url + ": entry '" + name + "' exceeds the cap of " + limits.maxEntryBytes()
              + " bytes (after decompression)");
        }
        out.write(buffer, 0, n);
      }
    }
    return total;
  }
}
