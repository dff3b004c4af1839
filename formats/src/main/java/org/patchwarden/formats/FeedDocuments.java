package org.patchwarden.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.patchwarden.feed.FeedFormatException;

/**
 * What a reader of documents of one kind reads: one stream, or files and directories of files,
 * each directory walked in sorted path order ({@link SortedFileWalk}) and each file opened only
 * while it is read.
 */
public final class FeedDocuments {
  private final InputStream in;
  private final String source;
  private final List<Path> paths;

  private FeedDocuments(InputStream in, String source, List<Path> paths) {
    this.in = in;
    this.source = source;
    this.paths = paths;
  }

  /**
   * One document.
   *
   * @param in its bytes; not closed here
   * @param source names it in error messages (a path or URL)
   */
  public static FeedDocuments stream(InputStream in, String source) {
    return new FeedDocuments(Objects.requireNonNull(in, "in"), Objects.requireNonNull(source, "source"), List.of());
  }

  /**
   * Document files and directories of them, read in the order given.
   *
   * @param none the message of the {@link IllegalArgumentException} when {@code paths} is empty
   */
  public static FeedDocuments files(List<Path> paths, String none) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(none);
    }
    return new FeedDocuments(null, null, List.copyOf(paths));
  }

  /** Reads one document given its bytes (not to be closed) and the name for error messages. */
  @FunctionalInterface
  public interface DocumentReader {
    void read(InputStream in, String name);
  }

  /**
   * Reads the stream, or each file given and each file under each directory given whose name
   * {@code accept}s.
   *
   * @param noneInDirectory the reason a directory without such a file is refused
   * @throws UncheckedIOException naming the file that cannot be opened or read
   */
  public void forEach(Predicate<String> accept, String noneInDirectory, DocumentReader reader) {
    if (in != null) {
      reader.read(in, source);
      return;
    }
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        boolean[] any = {false};
        SortedFileWalk.forEachFile(path, accept, file -> {
          any[0] = true;
          readFile(file, reader);
        });
        if (!any[0]) {
          throw new FeedFormatException(path.toString(), "directory", noneInDirectory);
        }
      } else {
        readFile(path, reader);
      }
    }
  }

  private static void readFile(Path file, DocumentReader reader) {
    try (InputStream fileIn = Files.newInputStream(file)) {
      reader.read(fileIn, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
