package org.patchwarden.app.feeds;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Moves staged content over the mirror copy and removes what a failed sync staged. */
final class Mirror {
  private Mirror() {}

  /**
   * Replaces {@code current} with {@code staged} (same directory, so renames). A file is swapped in
   * one atomic rename. A directory cannot be renamed over a non-empty one, so the old copy is first
   * renamed aside, the staged one renamed into place (put back if that fails), then the old removed.
   */
  static void replace(Path staged, Path current) throws IOException {
    if (!Files.isDirectory(staged)) {
      Files.move(staged, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = null;
    if (Files.exists(current)) {
      old = current.resolveSibling(current.getFileName() + ".old-" + System.nanoTime());
      Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staged, current, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, current, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    if (old != null) {
      delete(old);
    }
  }

  /** Deletes a file or a directory tree; what cannot be deleted stays (the next sync stages anew). */
  static void delete(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try {
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // a stray staging file or directory is harmless: never read, and staged anew next time
    }
  }
}
