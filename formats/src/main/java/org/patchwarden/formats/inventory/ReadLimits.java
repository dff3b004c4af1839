package org.patchwarden.formats.inventory;

import java.io.InputStream;
import org.patchwarden.formats.BoundedLines;
import org.patchwarden.formats.CappedInputStream;

/**
 * Bounds every inventory reader applies to outside input, so that a hostile or broken file fails
 * with a message instead of exhausting memory.
 *
 * @param maxBytes largest input accepted, in bytes
 * @param maxPackages most packages (or entries: components, lock entries, lines) accepted
 * @param maxLineLength longest line of a text format, in characters
 */
public record ReadLimits(long maxBytes, int maxPackages, int maxLineLength) {
  /** 256 MiB, one million packages, 64 Ki characters a line: far above any real SBOM or lockfile. */
  public static final ReadLimits DEFAULT = new ReadLimits(256L << 20, 1_000_000, 1 << 16);
  /**
   * {@link #DEFAULT} with a 64 MiB cap, for the JSON readers (CycloneDX, SPDX, package-lock.json):
   * they stream, but hold one entry's tree at a time, and a tree takes several times its bytes, so a
   * 200 MB document could still exhaust memory where the cap ends it with a message naming the file.
   */
  public static final ReadLimits JSON_DOCUMENT = DEFAULT.withMaxBytes(64L << 20);

  public ReadLimits {
    if (maxBytes <= 0 || maxPackages <= 0 || maxLineLength <= 0) {
      throw new IllegalArgumentException("read limits must be positive: " + maxBytes + ", " + maxPackages
          + ", " + maxLineLength);
    }
  }

  /** These limits with another byte cap. */
  public ReadLimits withMaxBytes(long bytes) {
    return new ReadLimits(bytes, maxPackages, maxLineLength);
  }

  /** These limits with another package cap. */
  public ReadLimits withMaxPackages(int packages) {
    return new ReadLimits(maxBytes, packages, maxLineLength);
  }

  /** The byte cap for a message: {@code 256 MiB}, {@code 4 KiB}, {@code 100 bytes}. */
  public String describeBytes() {
    return CappedInputStream.describeBytes(maxBytes);
  }

  /**
   * The lines of a UTF-8 text input within these limits: the byte cap and the line length, bytes
   * that are not UTF-8 refused, a leading byte-order mark dropped.
   *
   * @param in not closed here; the caller owns it
   */
  public BoundedLines lines(InputStream in, String source) {
    return BoundedLines.over(in, source, maxLineLength).maxBytes(maxBytes).dropByteOrderMark().open();
  }
}
