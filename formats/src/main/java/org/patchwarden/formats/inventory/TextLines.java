package org.patchwarden.formats.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.patchwarden.feed.FeedFormatException;

/**
 * Lines of a UTF-8 text file, each refused past a maximum length and the whole refused past a byte
 * cap, so that a file without line breaks cannot exhaust memory. Ends of line: {@code \n} or
 * {@code \r\n}; a leading byte-order mark is dropped.
 */
public final class TextLines {
  private final Reader in;
  private final char[] buf = new char[8192];
  private int pos;
  private int end;
  private final String source;
  private final int maxLength;
  private final StringBuilder line = new StringBuilder();
  private int number;
  private boolean first = true;

  /** @param in not closed here; the caller owns it */
  public TextLines(InputStream in, String source, ReadLimits limits) {
    this.in = new InputStreamReader(new CappedInputStream(in, limits.maxBytes(), source),
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
    this.source = source;
    this.maxLength = limits.maxLineLength();
  }

  /** The next line without its end-of-line, or null at the end of the input. */
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
          throw new FeedFormatException(source, "line " + number, "longer than " + maxLength + " characters");
        }
        line.append(buf, start, pos - start);
        if (pos < end) {
          pos++; // the '\n'
          return finish();
        }
      }
    } catch (CharacterCodingException e) {
      throw new FeedFormatException(source, "line " + number, "not UTF-8 text", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return line.isEmpty() ? null : finish();
  }

  /** The number of the line last returned, from 1. */
  public int number() {
    return number;
  }

  private String finish() {
    if (first) {
      first = false;
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line.deleteCharAt(0);
      }
    }
    int n = line.length();
    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
  }
}
