package org.patchwarden.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextLinesTest {

  @Test
  void dropsAByteOrderMarkAndCarriageReturnsAndNumbersLines() {
    TextLines lines = new TextLines(new ByteArrayInputStream(
        "\uFEFFdjango==3.2\r\n\r\nflask==2.2.2".getBytes(StandardCharsets.UTF_8)), "r.txt", ReadLimits.DEFAULT);

    assertThat(lines.next()).isEqualTo("django==3.2");
    assertThat(lines.next()).isEmpty();
    assertThat(lines.next()).isEqualTo("flask==2.2.2");
    assertThat(lines.number()).isEqualTo(3);
    assertThat(lines.next()).isNull();
  }
}
