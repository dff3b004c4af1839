package org.patchwarden.formats.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.patchwarden.feed.FeedFormatException;

/** Reads the packages one inventory file format lists (an SBOM, a lockfile, a dependency listing). */
public interface InventoryReader {

  /** The limits this reader applies. */
  ReadLimits limits();

  /**
   * Reads the whole input.
   *
   * @param in the bytes; not closed here
   * @param source names the input in messages (a path)
   * @throws FeedFormatException when the input is not this format, is malformed or passes a limit
   * @throws UncheckedIOException when reading fails
   */
  CollectedPackages read(InputStream in, String source);

  /** Reads a file, refusing it before opening when it is larger than the byte cap. */
  default CollectedPackages read(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > limits().maxBytes()) {
        throw new FeedFormatException(source, "size " + size + " bytes",
            "larger than the limit of " + limits().describeBytes());
      }
      try (InputStream in = Files.newInputStream(file)) {
        return read(in, source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }
}
