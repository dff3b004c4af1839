package org.patchwarden.formats.feed.kev;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.patchwarden.feed.FeedFormatException;

/**
 * Splits RFC 4180 CSV text into records: quoted fields may hold commas, doubled quotes and line
 * breaks; a record longer than a fixed bound is refused, so that a file with an unclosed quote
 * cannot pull the rest of the input into memory.
 */
final class CsvRecordReader {
  private final Reader in;
  private final String source;
  private final int maxRecordChars;
  private int line = 1;
  private int recordLine;
  private int pending = -2; // one character of look-ahead; -2 = none
  private final char[] buffer = new char[1 << 14];
  private int position;
  private int limit;

  CsvRecordReader(Reader in, String source, int maxRecordChars) {
    this.in = in;
    this.source = source;
    this.maxRecordChars = maxRecordChars;
  }

  /** The physical line on which the record last returned starts (1-based). */
  int recordLine() {
    return recordLine;
  }

  /** The next record's fields, or {@code null} at the end of the input. */
  List<String> next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int chars = 0;
    boolean quoted = false;
    boolean afterQuoted = false;
    while (true) {
      if (++chars > maxRecordChars) {
        throw new FeedFormatException(source, "line " + recordLine,
            "record longer than " + maxRecordChars + " characters (unclosed quote or not a CSV file?)");
      }
      if (quoted) {
        if (c == -1) {
          throw new FeedFormatException(source, "line " + recordLine, "quoted field not closed before end of file");
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            afterQuoted = true;
            pending = d;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterQuoted = false;
      } else if (c == '\n' || c == '\r' || c == -1) {
        if (c == '\r') {
          int d = read();
          if (d != '\n') {
            pending = d;
          }
        }
        if (c != -1) {
          line++;
        }
        fields.add(field.toString());
        return fields;
      } else if (afterQuoted) {
        throw new FeedFormatException(source, "line " + line,
            "unexpected '" + (char) c + "' after the closing quote of field " + (fields.size() + 1));
      } else if (c == '"') {
        if (!field.isEmpty()) {
          throw new FeedFormatException(source, "line " + line,
              "quote inside unquoted field " + (fields.size() + 1));
        }
        quoted = true;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    if (pending != -2) {
      int c = pending;
      pending = -2;
      return c;
    }
    // Own buffer: Reader.read() per character takes a lock each time and halves the speed.
    if (position == limit) {
      limit = in.read(buffer, 0, buffer.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return buffer[position++];
  }
}
