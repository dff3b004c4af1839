package org.patchwarden.formats.scanner;

/**
 * Bounds a scanner report reader applies, so that a hostile or broken report fails with a message
 * instead of exhausting memory or the stack.
 *
 * @param maxBytes largest report accepted, in bytes
 * @param maxDepth deepest element nesting accepted (real reports nest about ten deep)
 * @param maxTextLength longest text of one element the reader keeps (an address, a CVE list)
 */
public record ScannerReadLimits(long maxBytes, int maxDepth, int maxTextLength) {
  /** 256 MiB, 64 levels, 1 Mi characters: far above any real report. */
  public static final ScannerReadLimits DEFAULT = new ScannerReadLimits(256L << 20, 64, 1 << 20);

  public ScannerReadLimits {
    if (maxBytes <= 0 || maxDepth <= 0 || maxTextLength <= 0) {
      throw new IllegalArgumentException("scanner read limits must be positive: " + maxBytes + ", " + maxDepth
          + ", " + maxTextLength);
    }
  }

  /** These limits with another byte cap. */
  public ScannerReadLimits withMaxBytes(long bytes) {
    return new ScannerReadLimits(bytes, maxDepth, maxTextLength);
  }

  /** These limits with another nesting cap. */
  public ScannerReadLimits withMaxDepth(int depth) {
    return new ScannerReadLimits(maxBytes, depth, maxTextLength);
  }
}
