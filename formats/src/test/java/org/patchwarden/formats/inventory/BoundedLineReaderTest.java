package org.patchwarden.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;

class BoundedLineReaderTest {

  private static BoundedLineReader lines(byte[] bytes, int max) {
    return new BoundedLineReader(new ByteArrayInputStream(bytes), "f", max);
  }

  @Test
  void splitsOnLfAndCrLfAndKeepsALastLineWithoutEnd() {
    BoundedLineReader r = lines("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8), 10);
    assertThat(r.next()).isEqualTo("a");
    assertThat(r.next()).isEqualTo("b");
    assertThat(r.next()).isEmpty();
    assertThat(r.next()).isEqualTo("c");
    assertThat(r.number()).isEqualTo(4);
    assertThat(r.next()).isNull();
    assertThat(r.number()).isEqualTo(4); // still the last real line, for end-of-file messages
  }

  @Test
  void readsLinesLongerThanItsBufferUpToTheBound() {
    String longLine = "x".repeat(20_000);
    BoundedLineReader r = lines((longLine + "\n").getBytes(StandardCharsets.UTF_8), 20_000);
    assertThat(r.next()).isEqualTo(longLine);
    assertThatThrownBy(() -> lines((longLine + "y\n").getBytes(StandardCharsets.UTF_8), 20_000).next())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("f at line 1: longer than 20000 characters (the limit for this file)");
  }

  @Test
  void turnsBytesThatAreNotUtf8IntoReplacementCharacters() {
    byte[] bytes = {'J', (byte) 0xf6, 'r', 'g', '\n'};
    assertThat(lines(bytes, 10).next()).isEqualTo("J\uFFFDrg");
  }

  @Test
  void reportsAFailedReadAsUncheckedIo() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };
    assertThatThrownBy(() -> new BoundedLineReader(broken, "f", 10).next())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read f");
  }
}
