package org.patchwarden.formats.feed.osv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedSnapshot;

/** Picks the OSV reader for what a path holds: a directory tree, an {@code all.zip}, or one JSON/YAML record. */
public final class OsvFeeds {
  private OsvFeeds() {}

  /**
   * The snapshot of {@code path}; nothing is opened until it is drained, and a single file is closed
   * once read.
   *
   * @throws IllegalArgumentException when the path is neither a directory nor a {@code .zip},
   *     {@code .json}, {@code .yaml} or {@code .yml} file
   */
  public static FeedSnapshot<AdvisoryRecord> open(Path path) {
    return open(path, OsvDirectoryReader.DEFAULT_MAX_FILE_BYTES);
  }

  /**
   * As {@link #open(Path)}, with a cap on each record file (a zip's entries keep {@link OsvZipReader}'s
   * own cap).
   */
  public static FeedSnapshot<AdvisoryRecord> open(Path path, long maxFileBytes) {
    if (Files.isDirectory(path)) {
      return new OsvDirectoryReader(path, maxFileBytes);
    }
    if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      return new OsvZipReader(path);
    }
    OsvDirectoryReader.Format format = path.getFileName() == null ? null : OsvDirectoryReader.Format.of(path);
    if (format == null) {
      throw new IllegalArgumentException(path + ": not an OSV layout; expected a directory, a .zip, or a "
          + ".json/.yaml/.yml record file");
    }
    return sink -> {
      NewestModified newest = new NewestModified();
      OsvDirectoryReader.read(path, format, maxFileBytes, sink, newest);
      return newest.header();
    };
  }
}
