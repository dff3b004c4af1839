package org.patchwarden.store;

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

  static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  static String format(LocalDate date) {
    return date.toString();
  }

  static LocalDate date(String text) {
    return LocalDate.parse(text);
  }
}
