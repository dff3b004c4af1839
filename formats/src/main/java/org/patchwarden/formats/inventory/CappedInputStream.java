package org.patchwarden.formats.inventory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.patchwarden.feed.FeedFormatException;

/**
 * An input stream that refuses to deliver more than a fixed number of bytes: reading past the cap
 * throws a {@link FeedFormatException} naming the source and the cap, so a parser above it never
 * sees a truncated document as if it were complete.
 */
public final class CappedInputStream extends FilterInputStream {
  private final long cap;
  private final String source;
  private long count;

  /** @param in not closed when this stream is closed: the caller owns it */
  public CappedInputStream(InputStream in, long cap, String source) {
    super(in);
    this.cap = cap;
    this.source = source;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    // Ask for one byte past the cap at most, so an input of exactly the cap still ends cleanly.
    long room = cap - count + 1;
    int n = in.read(buf, off, (int) Math.min(len, Math.max(1, room)));
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, cap - count + 1));
    advance(skipped);
    return skipped;
  }

  @Override
  public void close() {
    // NB: the caller opened the underlying stream and closes it; parsers close what they are given.
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Bytes delivered so far. */
  public long count() {
    return count;
  }

  private void advance(long n) {
    count += n;
    if (count > cap) {
      throw new FeedFormatException(source, "byte " + cap, "larger than the limit of "
          + ReadLimits.describe(cap) + "; refusing to read further");
    }
  }
}
