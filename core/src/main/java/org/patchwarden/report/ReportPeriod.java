package org.patchwarden.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The days a report covers, both ends included. */
public record ReportPeriod(LocalDate from, LocalDate to) {
  public ReportPeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("report period: --to " + to + " is before --from " + from);
    }
  }

  /** The {@code days} days ending on {@code to}. */
  public static ReportPeriod ending(LocalDate to, int days) {
    return new ReportPeriod(to.minusDays(days - 1L), to);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }
}
