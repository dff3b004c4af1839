package org.patchwarden.formats.inventory.assetlist;

import java.util.ArrayList;
import java.util.List;
import org.patchwarden.feed.FeedFormatException;

/**
 * Splits one line of RFC 4180 CSV: fields separated by commas; a field in double quotes may hold
 * commas and doubled quotes. Unquoted fields are trimmed, as hand-written lists put spaces after
 * commas. A quoted field spanning lines is refused: asset lists never need one, and refusing it
 * keeps every error on the line that has it.
 */
final class CsvLine {
  private CsvLine() {}

  static List<String> split(String line, String source, int number) {
    List<String> fields = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      StringBuilder field = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        int open = i++;
        while (true) {
          if (i >= n) {
            throw new FeedFormatException(source, "line " + number, "field " + (fields.size() + 1)
                + ": the quote opened at column " + (open + 1) + " is not closed on this line"
                + " (fields spanning lines are not supported)");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
          i++;
        }
        if (i < n && line.charAt(i) != ',') {
          throw new FeedFormatException(source, "line " + number, "field " + (fields.size() + 1)
              + ": '" + line.charAt(i) + "' after the closing quote; expected a comma");
        }
        fields.add(field.toString());
      } else {
        int start = i;
        while (i < n && line.charAt(i) != ',') {
          if (line.charAt(i) == '"') {
            throw new FeedFormatException(source, "line " + number, "field " + (fields.size() + 1)
                + ": a quote inside an unquoted value; quote the whole value and double the quote");
          }
          i++;
        }
        fields.add(line.substring(start, i).strip());
      }
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }
}
