package org.patchwarden.formats.feed.osv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.feed.FeedHeader;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.formats.CappedInputStream;

/**
 * Reads a directory tree of OSV records ({@code golang/vulndb data/osv/}, {@code
 * AlmaLinux/osv-database advisories/}, {@code pypa/advisory-database vulns/}), one file at a time in
 * sorted path order.
 *
 * <p>{@code .json} files are read as JSON, {@code .yaml}/{@code .yml} as YAML; other files
 * ({@code LICENSE}, {@code README.md}) are skipped, as are hidden entries ({@code .git}, {@code
 * .github} whose workflow YAML is not OSV). Symbolic links to directories are not followed, so a
 * link cycle cannot loop.
 *
 * <p>Every file is emitted, so one id may come more than once: AlmaLinux copies some advisories
 * byte for byte into several release directories (19 ids, 20 extra files, in the shared snapshot).
 * Remembering the ids seen would make memory grow with the tree, so keeping one per (source, id)
 * is left to the consumer.
 */
public final class OsvDirectoryReader implements FeedSnapshot<AdvisoryRecord> {
  /** Deeper trees are refused: real layouts are 1–3 levels deep. */
  static final int MAX_DEPTH = 16;

  /**
   * Default cap on one record file, the same as on a zip entry: real records are kilobytes, the
   * largest about 1 MB; a record's tree takes many times its bytes (a 64 MiB record exhausts a
   * 256 MiB heap), so a 200 MB file must end in a message, not OutOfMemoryError.
   */
  public static final long DEFAULT_MAX_FILE_BYTES = OsvZipReader.DEFAULT_MAX_ENTRY_BYTES;

  private final Path root;
  private final long maxFileBytes;

  public OsvDirectoryReader(Path root) {
    this(root, DEFAULT_MAX_FILE_BYTES);
  }

  /** @param maxFileBytes largest record file accepted */
  public OsvDirectoryReader(Path root, long maxFileBytes) {
    this.root = root;
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public FeedHeader drainTo(Consumer<? super AdvisoryRecord> sink) {
    if (!Files.isDirectory(root)) {
      throw new UncheckedIOException(new IOException("not a directory: " + root));
    }
    NewestModified newest = new NewestModified();
    walk(root, 0, sink, newest);
    return newest.header();
  }

  private void walk(Path dir, int depth, Consumer<? super AdvisoryRecord> sink, NewestModified newest) {
    if (depth > MAX_DEPTH) {
      throw new UncheckedIOException(new IOException("directory tree deeper than " + MAX_DEPTH + " levels at " + dir));
    }
    // Only this directory's names are held, so memory follows the widest directory, not the tree.
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (!p.getFileName().toString().startsWith(".")) {
          entries.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    entries.sort(null);
    for (Path p : entries) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        walk(p, depth + 1, sink, newest);
      } else {
        Format f = Format.of(p);
        if (f != null) {
          read(p, f, maxFileBytes, sink, newest);
        }
      }
    }
  }

  static void read(Path file, Format format, long maxBytes, Consumer<? super AdvisoryRecord> sink,
      NewestModified newest) {
    try (InputStream in = new CappedInputStream(new BufferedInputStream(Files.newInputStream(file)), maxBytes,
        file.toString())) {
      switch (format) {
        case JSON -> OsvJsonReader.read(in, file.toString(), sink, newest);
        case YAML -> OsvYamlReader.read(in, file.toString(), sink, newest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The record formats, told apart by file name. */
  enum Format {
    JSON, YAML;

    /** The format of a record file, or null when the file is no OSV record. */
    static Format of(Path p) {
      String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".json")) {
        return JSON;
      }
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        return YAML;
      }
      return null;
    }
  }
}
