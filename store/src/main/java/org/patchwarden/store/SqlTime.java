package org.patchwarden.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How times are written to and read from the portable text columns (see V1__init.sql). */
final class SqlTime {
  // Fixed width (microseconds, always present) so that text order equals time order.
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private SqlTime() {}

  static String format(Instant instant) {
    return instant == null ? null : INSTANT.format(instant);
  }

  /**
   * The instant a column holds. Text in the written shape ({@code 2026-12-06T05:03:37.556806Z}) is
   * read digit by digit: a re-import reads every finding's first-seen time, and {@link Instant#parse}
   * took a fifth of that read. Any other text goes to {@link Instant#parse}, with its errors.
   */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    if (text.length() != 27 || !written(text)) {
      return Instant.parse(text);
    }
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    LocalDate date;
    try {
      date = hour > 23 || minute > 59 || second > 59 ? null
          : LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    } catch (DateTimeException e) {
      date = null;
    }
    if (date == null) {
      return Instant.parse(text); // out of range, or a leap second: as Instant.parse reads it, or its error
    }
    return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second,
        digits(text, 20, 6) * 1_000L);
  }

  /** Whether the text has the written shape's separators and digits everywhere else. */
  private static boolean written(String text) {
    for (int i = 0; i < 27; i++) {
      char c = text.charAt(i);
      char expected = switch (i) {
        case 4, 7 -> '-';
        case 10 -> 'T';
        case 13, 16 -> ':';
        case 19 -> '.';
        case 26 -> 'Z';
        default -> '0';
      };
      if (expected == '0' ? c < '0' || c > '9' : c != expected) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (text.charAt(i) - '0');
    }
    return v;
  }

  static String format(LocalDate date) {
    return date.toString();
  }

  static LocalDate date(String text) {
    return LocalDate.parse(text);
  }
}
