package org.patchwarden.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.patchwarden.feed.FeedFormatException;

/**
 * Lines of a UTF-8 text input read in fixed buffers, each refused past a maximum length so that an
 * input without line breaks cannot exhaust memory. Ends of line: {@code \n} or {@code \r\n}. Every
 * line-oriented reader of this module reads through it.
 *
 * <p>By default bytes that are not UTF-8 fail the input with a {@link FeedFormatException} naming
 * the line they are on ({@code not UTF-8 text}). {@link Builder#replaceMalformed()} turns them into
 * U+FFFD instead, for inputs such as package databases whose free text (descriptions, maintainer
 * names) older packages wrote in Latin-1: one such byte must not hide every package, and the readers
 * validate the fields they keep, which excludes U+FFFD.
 *
 * <p>Options: a byte cap ({@link Builder#maxBytes}, through {@link CappedInputStream}), dropping a
 * leading byte-order mark, and the reason an overlong line is refused with.
 */
public final class BoundedLines {
  private static final int BUFFER = 8192;

  private final InputStream in;
  private final String source;
  private final int maxLength;
  private final boolean dropByteOrderMark;
  private final String overlongReason;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip(); // read mode, empty
  private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip(); // read mode, empty
  private final StringBuilder line = new StringBuilder();
  private boolean inputEnded; // the stream has said end of input
  private boolean drained; // ... and every char it decodes to has been buffered
  private int malformedLength; // > 0: bytes that are not UTF-8 follow the chars still buffered
  private long bytesRead; // from the stream, so far
  private long malformedOffset; // of the first byte that is not UTF-8, from the input's start
  private boolean first = true;
  private int number;

  private BoundedLines(Builder b) {
    this.in = b.maxBytes > 0 ? new CappedInputStream(b.in, b.maxBytes, b.source) : b.in;
    this.source = b.source;
    this.maxLength = b.maxLength;
    this.dropByteOrderMark = b.dropByteOrderMark;
    this.overlongReason = b.overlongReason != null ? b.overlongReason
        : "longer than " + b.maxLength + " characters";
    CodingErrorAction onError = b.replaceMalformed ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
    this.decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
  }

  /**
   * Lines with the defaults: bytes that are not UTF-8 refused, no byte cap, a byte-order mark kept,
   * an overlong line refused as {@code longer than N characters}.
   *
   * @param in not closed here; the caller owns it
   * @param source names the input in error messages
   * @param maxLength longest line accepted, in characters, without its end of line
   */
  public static BoundedLines of(InputStream in, String source, int maxLength) {
    return over(in, source, maxLength).open();
  }

  /**
   * Options for a file a host or a person writes (a package database, os-release, an asset list):
   * bytes that are not UTF-8 become U+FFFD, and an overlong line is refused as {@code longer than N
   * characters (the limit for this file)}.
   */
  public static Builder lenient(InputStream in, String source, int maxLength) {
    return over(in, source, maxLength)
        .replaceMalformed()
        .overlongReason("longer than " + maxLength + " characters (the limit for this file)");
  }

  /** Lines with options to set; {@link Builder#open()} gives the reader. */
  public static Builder over(InputStream in, String source, int maxLength) {
    return new Builder(in, source, maxLength);
  }

  /**
   * The next line without its end of line, or null at the end of the input.
   *
   * @throws FeedFormatException when the line is longer than the maximum, holds bytes that are not
   *     UTF-8 (unless they are replaced), or the input is larger than the byte cap
   * @throws UncheckedIOException when the input cannot be read
   */
  public String next() {
    line.setLength(0);
    number++;
    try {
      while (chars.hasRemaining() || fill()) {
        char[] a = chars.array();
        int start = chars.position();
        int end = chars.limit();
        int i = start;
        while (i < end && a[i] != '\n') {
          i++;
        }
        if (line.length() + (i - start) > maxLength) {
          throw new FeedFormatException(source, "line " + number, overlongReason);
        }
        line.append(a, start, i - start);
        if (i < end) {
          chars.position(i + 1); // past the '\n'
          return finish();
        }
        chars.position(end);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (line.isEmpty()) {
      number--; // no line there: keep number() at the last real line for end-of-file messages
      return null;
    }
    return finish();
  }

  /** The number of the line last returned, from 1; at the end of the input, the last line's. */
  public int number() {
    return number;
  }

  /** Decodes the next chars into the (consumed) char buffer; false at the end of the input. */
  private boolean fill() throws IOException {
    if (malformedLength > 0) {
      throw notUtf8();
    }
    if (drained) {
      return false;
    }
    chars.clear();
    while (chars.position() == 0) {
      CoderResult result = decoder.decode(bytes, chars, inputEnded);
      if (result.isError()) {
        // Refusing: deliver the chars before the bad bytes first, so the error names their line.
        malformedLength = result.length();
        malformedOffset = bytesRead - bytes.remaining();
        if (chars.position() == 0) {
          throw notUtf8();
        }
        break;
      }
      if (result.isOverflow()) {
        break;
      }
      if (inputEnded) {
        decoder.flush(chars);
        drained = true;
        break;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        inputEnded = true;
      } else {
        bytesRead += n;
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
    chars.flip();
    return chars.hasRemaining();
  }

  private FeedFormatException notUtf8() {
    return new FeedFormatException(source, "line " + number + " (byte offset " + malformedOffset + ")",
        "not UTF-8 text",
        new MalformedInputException(malformedLength));
  }

  private String finish() {
    if (first) {
      first = false;
      if (dropByteOrderMark && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line.deleteCharAt(0);
      }
    }
    int n = line.length();
    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
  }

  /** The options of a {@link BoundedLines}. */
  public static final class Builder {
    private final InputStream in;
    private final String source;
    private final int maxLength;
    private long maxBytes;
    private boolean dropByteOrderMark;
    private boolean replaceMalformed;
    private String overlongReason;

    private Builder(InputStream in, String source, int maxLength) {
      if (maxLength <= 0) {
        throw new IllegalArgumentException("maximum line length must be positive: " + maxLength);
      }
      this.in = Objects.requireNonNull(in, "in");
      this.source = Objects.requireNonNull(source, "source");
      this.maxLength = maxLength;
    }

    /** Refuses an input larger than this many bytes, as {@link CappedInputStream} says. */
    public Builder maxBytes(long cap) {
      if (cap <= 0) {
        throw new IllegalArgumentException("byte cap must be positive: " + cap);
      }
      this.maxBytes = cap;
      return this;
    }

    /** Drops a byte-order mark (U+FEFF) that starts the first line, as some editors write one. */
    public Builder dropByteOrderMark() {
      this.dropByteOrderMark = true;
      return this;
    }

    /** Turns bytes that are not UTF-8 into U+FFFD instead of refusing the input. */
    public Builder replaceMalformed() {
      this.replaceMalformed = true;
      return this;
    }

    /** The reason an overlong line is refused with, instead of {@code longer than N characters}. */
    public Builder overlongReason(String reason) {
      this.overlongReason = Objects.requireNonNull(reason, "reason");
      return this;
    }

    public BoundedLines open() {
      return new BoundedLines(this);
    }
  }
}
