package org.patchwarden.formats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.patchwarden.feed.FeedFormatException;

/**
 * Visits the regular files of a directory tree one at a time, in sorted path order, so that a feed
 * laid out as many files reads deterministically (same order on every file system) and in memory
 * proportional to one directory listing, not to the whole tree.
 */
public final class SortedFileWalk {
  /** Largest single file a directory-layout reader accepts; real feed files are well under 1 MiB. */
  public static final long MAX_FILE_BYTES = 64L << 20;

  private SortedFileWalk() {}

  /**
   * Calls {@code visitor} for every regular file under {@code root} whose name ends with {@code
   * suffix}, descending only into directories that {@code descend} accepts. Symbolic links to
   * directories are not followed, so a link loop cannot make the walk endless.
   *
   * @throws UncheckedIOException naming the directory that cannot be listed
   */
  public static void walk(Path root, String suffix, Predicate<Path> descend, Consumer<Path> visitor) {
    if (!Files.isDirectory(root)) {
      throw new UncheckedIOException(new IOException("not a directory: " + root));
    }
    visit(root, name -> name.endsWith(suffix), descend, visitor);
  }

  /** Like {@link #walk}, into every directory, for files whose name {@code accept}s. */
  public static void forEachFile(Path root, Predicate<String> accept, Consumer<Path> visitor) {
    if (!Files.isDirectory(root)) {
      throw new UncheckedIOException(new IOException("not a directory: " + root));
    }
    visit(root, accept, dir -> true, visitor);
  }

  private static void visit(Path dir, Predicate<String> accept, Predicate<Path> descend, Consumer<Path> visitor) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      listing.forEach(children::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    // Sort by file name, not by Path order, whose tie-breaks are file-system specific.
    children.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path child : children) {
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        if (descend.test(child)) {
          visit(child, accept, descend, visitor);
        }
      } else if (Files.isRegularFile(child) && accept.test(child.getFileName().toString())) {
        visitor.accept(child);
      }
    }
  }

  /**
   * Refuses a file larger than {@link #MAX_FILE_BYTES} before it is parsed.
   *
   * @throws FeedFormatException naming the file
   */
  public static void checkSize(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (size > MAX_FILE_BYTES) {
      throw new FeedFormatException(file.toString(), "whole file",
          size + " bytes exceeds the limit of " + MAX_FILE_BYTES + " bytes per file");
    }
  }
}
