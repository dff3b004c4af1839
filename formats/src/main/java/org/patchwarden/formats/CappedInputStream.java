package org.patchwarden.formats;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.LongFunction;
import org.patchwarden.feed.FeedFormatException;

/**
 * An input stream that refuses to deliver more than a fixed number of bytes: reading past the cap
 * throws a {@link FeedFormatException} naming the source and the cap, so a parser above it never
 * sees a truncated document as if it were complete. Readers cap whole files, zip entries and
 * decompressed gzip data with it.
 *
 * <p>Closing it leaves the underlying stream open: the caller opened it and closes it (parsers close
 * what they are given, and a zip stream must stay open for its next entry).
 */
public final class CappedInputStream extends FilterInputStream {
  private final long cap;
  private final LongFunction<? extends RuntimeException> refusal;
  private long count;

  /**
   * Refuses past the cap with {@code <source> at byte <cap>: larger than the limit of <cap>;
   * refusing to read further}.
   *
   * @param in not closed when this stream is closed: the caller owns it
   */
  public CappedInputStream(InputStream in, long cap, String source) {
    this(in, cap, count -> new FeedFormatException(source, "byte " + cap, "larger than the limit of "
        + describeBytes(cap) + "; refusing to read further"));
  }

  /**
   * @param in not closed when this stream is closed: the caller owns it
   * @param refusal the exception to throw once more than {@code cap} bytes are read, given the
   *     number of bytes read by then (more than the cap by at most one read)
   */
  public CappedInputStream(InputStream in, long cap, LongFunction<? extends RuntimeException> refusal) {
    super(in);
    if (cap < 0) {
      throw new IllegalArgumentException("byte cap must not be negative: " + cap);
    }
    this.cap = cap;
    this.refusal = Objects.requireNonNull(refusal, "refusal");
  }

  /** A byte count for a message, in the largest whole unit: {@code 256 MiB}, {@code 4 KiB}, {@code 100 bytes}. */
  public static String describeBytes(long bytes) {
    if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
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
      throw refusal.apply(count);
    }
  }
}
