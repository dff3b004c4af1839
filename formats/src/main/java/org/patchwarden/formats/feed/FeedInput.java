package org.patchwarden.formats.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One feed document found on disk, ready to be read and loaded as one full snapshot of its source.
 *
 * @param source the feed source it replaces, e.g. {@code cisa-kev}, {@code osv:go}
 * @param paths the files or directories that together make the document, in reading order
 * @param declaredVersion the version the document states, when the scanner could see it without
 *     parsing (KEV's catalogVersion), else empty
 */
public record FeedInput(FeedKind kind, String source, List<Path> paths, String declaredVersion) {
  public FeedInput {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(declaredVersion, "declaredVersion");
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a feed input needs at least one path");
    }
  }

  /** An input whose version is not known before reading. */
  public FeedInput(FeedKind kind, String source, List<Path> paths) {
    this(kind, source, paths, "");
  }

  /** The paths, for messages. */
  public String describe() {
    return paths.size() == 1 ? paths.get(0).toString() : paths.get(0) + " and " + (paths.size() - 1) + " more";
  }
}
