package org.patchwarden.formats.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.patchwarden.feed.FeedFormatException;

/**
 * Lines of a text file read in a fixed buffer, each refused past a maximum length so that a file
 * without line breaks cannot exhaust memory. Ends of line: {@code \n} or {@code \r\n}.
 *
 * <p>Bytes that are not UTF-8 become U+FFFD instead of failing the file: package databases carry
 * free text (descriptions, maintainer names) that older packages wrote in Latin-1, and one such
 * byte must not hide every package. Readers validate the fields they keep, which excludes U+FFFD.
 */
public final class BoundedLineReader {
  private final Reader in;
  private final char[] buf = new char[8192];
  private int pos;
  private int end;
  private final String source;
  private final int maxLength;
  private final StringBuilder line = new StringBuilder();
  private int number;

  /**
   * @param in not closed here; the caller owns it
   * @param source names the input in error messages
   * @param maxLength longest line accepted, in characters
   */
  public BoundedLineReader(InputStream in, String source, int maxLength) {
    this.in = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    this.source = source;
    this.maxLength = maxLength;
  }

  /**
   * The next line without its end of line, or null at the end of the input.
   *
   * @throws FeedFormatException when the line is longer than the maximum
   * @throws UncheckedIOException when the input cannot be read
   */
  public String next() {
    line.setLength(0);
    number++;
    try {
      while (true) {
        if (pos == end) {
          end = in.read(buf, 0, buf.length);
          pos = 0;
          if (end < 0) {
            end = 0;
            break;
          }
        }
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
          pos++;
        }
        if (line.length() + (pos - start) > maxLength) {
          throw new FeedFormatException(source, "line " + number,
              "longer than " + maxLength + " characters (the limit for this file)");
        }
        line.append(buf, start, pos - start);
        if (pos < end) {
          pos++; // the '\n'
          return stripCr();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (line.isEmpty()) {
      number--; // no line there: keep number() at the last real line for end-of-file messages
      return null;
    }
    return stripCr();
  }

  /** The number of the line last returned, from 1; at the end of the input, the last line's. */
  public int number() {
    return number;
  }

  private String stripCr() {
    int n = line.length();
    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
  }
}
