package org.patchwarden.formats.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Visits the files of a feed mirror directory in sorted path order, so that every load of the same
 * tree pushes records in the same order. Only one directory's listing is held at a time (a
 * cvelistV5 checkout has 300,000 files; their paths are never collected together).
 */
public final class SortedFileWalk {
  private SortedFileWalk() {}

  /**
   * Calls {@code action} for every regular file under {@code root} whose file name {@code accept}s,
   * depth first, each directory's entries sorted by name. Symbolically linked directories are not
   * entered: a mirror has no reason to contain them and a link cycle would never end.
   *
   * @throws UncheckedIOException naming the directory that cannot be listed
   */
  public static void forEachFile(Path root, Predicate<String> accept, Consumer<Path> action) {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
      dir.forEach(entries::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path entry : entries) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        forEachFile(entry, accept, action);
      } else if (Files.isRegularFile(entry) && accept.test(entry.getFileName().toString())) {
        action.accept(entry);
      }
    }
  }
}
