package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Times read back from the text columns, fast when written by {@link SqlTime#format}, as {@link Instant#parse} reads them. */
class SqlTimeTest {
  @Test
  void everyWrittenInstantReadsBackAsInstantParseReadsIt() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      // 0001-01-01 to 9999-12-31, any microsecond
      Instant t = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_800L),
          random.nextInt(1_000_000) * 1_000L);
      String text = SqlTime.format(t);

      assertThat(SqlTime.instant(text)).as(text).isEqualTo(t).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void textOfAnotherShapeOrOutOfRangeIsReadByInstantParse() {
    assertThat(SqlTime.instant("2026-11-01T10:00:00Z")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    assertThat(SqlTime.instant("2026-11-01T10:00:00.123Z")).isEqualTo(Instant.parse("2026-11-01T10:00:00.123Z"));
    assertThat(SqlTime.instant("2016-12-31T23:59:60.000000Z")).isEqualTo(Instant.parse("2016-12-31T23:59:60.000000Z"));
    assertThat(SqlTime.instant("2026-12-06T24:00:00.000000Z")).isEqualTo(Instant.parse("2026-12-06T24:00:00.000000Z"));
    assertThat(SqlTime.instant(null)).isNull();
  }

  @Test
  void aWrittenShapeThatIsNoDateFailsAsInstantParseDoes() {
    for (String bad : new String[] {"2026-02-30T10:00:00.000000Z", "2026-13-01T10:00:00.000000Z",
        "2026-12-06T10:61:00.000000Z", "2026-12-06T10:00:00.00000xZ"}) {
      assertThatThrownBy(() -> SqlTime.instant(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
    }
  }
}
