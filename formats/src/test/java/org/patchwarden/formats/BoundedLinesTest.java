package org.patchwarden.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.ReadLimits;

class BoundedLinesTest {

  private static BoundedLines lenient(byte[] bytes, int max) {
    return BoundedLines.lenient(new ByteArrayInputStream(bytes), "f", max).open();
  }

  private static BoundedLines strict(byte[] bytes, int max) {
    return BoundedLines.of(new ByteArrayInputStream(bytes), "f", max);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> all(BoundedLines lines) {
    List<String> out = new ArrayList<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      out.add(line);
    }
    return out;
  }

  @Test
  void splitsOnLfAndCrLfAndKeepsALastLineWithoutEnd() {
    BoundedLines r = lenient(utf8("a\r\nb\n\nc"), 10);
    assertThat(r.next()).isEqualTo("a");
    assertThat(r.next()).isEqualTo("b");
    assertThat(r.next()).isEmpty();
    assertThat(r.next()).isEqualTo("c");
    assertThat(r.number()).isEqualTo(4);
    assertThat(r.next()).isNull();
    assertThat(r.number()).isEqualTo(4); // still the last real line, for end-of-file messages
    assertThat(r.next()).isNull();
    assertThat(r.number()).isEqualTo(4);
  }

  @Test
  void readsLinesLongerThanItsBufferUpToTheBound() {
    String longLine = "x".repeat(20_000);
    BoundedLines r = lenient(utf8(longLine + "\n"), 20_000);
    assertThat(r.next()).isEqualTo(longLine);
    assertThatThrownBy(() -> lenient(utf8(longLine + "y\n"), 20_000).next())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("f at line 1: longer than 20000 characters (the limit for this file)");
  }

  @Test
  void refusesAnOverlongLineWithTheDefaultOrAGivenReason() {
    assertThatThrownBy(() -> all(strict(utf8("ok\n" + "x".repeat(11)), 10)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("f at line 2: longer than 10 characters");
    assertThatThrownBy(() -> all(BoundedLines.over(new ByteArrayInputStream(utf8("x".repeat(11))), "f", 10)
        .overlongReason("too long for a CSV").open()))
        .hasMessage("f at line 1: too long for a CSV");
    // the carriage return of a CRLF line counts, as it is read before the line feed
    assertThat(all(strict(utf8("x".repeat(10) + "\n"), 10))).containsExactly("x".repeat(10));
    assertThatThrownBy(() -> all(strict(utf8("x".repeat(10) + "\r\n"), 10))).isInstanceOf(FeedFormatException.class);
  }

  @Test
  void turnsBytesThatAreNotUtf8IntoReplacementCharacters() {
    byte[] bytes = {'J', (byte) 0xf6, 'r', 'g', '\n'};
    assertThat(lenient(bytes, 10).next()).isEqualTo("J\uFFFDrg");
  }

  @Test
  void refusesBytesThatAreNotUtf8NamingTheirLine() {
    byte[] bytes = {'o', 'k', '\n', 'J', (byte) 0xf6, 'r', 'g', '\n'};
    BoundedLines r = strict(bytes, 10);
    assertThat(r.next()).isEqualTo("ok");
    assertThatThrownBy(r::next).isInstanceOf(FeedFormatException.class).hasMessage("f at line 2 (byte offset 4): not UTF-8 text");
    // a sequence cut off by the end of the input is not UTF-8 either
    assertThatThrownBy(() -> all(strict(new byte[] {'a', (byte) 0xc3}, 10)))
        .hasMessage("f at line 1 (byte offset 1): not UTF-8 text");
  }

  @Test
  void namesTheRightLineForBadBytesFarBeyondTheFirstBuffer() throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int i = 0; i < 5_000; i++) {
      text.write(utf8("line " + i + " caf\u00e9\n"));
    }
    text.write(new byte[] {'b', 'a', 'd', (byte) 0xff, '\n'});
    text.write(utf8("after\n"));
    BoundedLines r = strict(text.toByteArray(), 100);
    for (int i = 0; i < 5_000; i++) {
      assertThat(r.next()).isEqualTo("line " + i + " caf\u00e9");
    }
    assertThatThrownBy(r::next).hasMessage("f at line 5001 (byte offset 78893): not UTF-8 text");
  }

  @Test
  void decodesCharactersSplitAcrossBufferBoundaries() {
    // 3-byte characters from an odd offset: many of them straddle the 8 KiB buffers
    String line = "\u20ac".repeat(10_000);
    assertThat(all(strict(utf8("x" + line + "\r\n" + line), 20_000))).containsExactly("x" + line, line);
  }

  @Test
  void dropsAByteOrderMarkAndCarriageReturnsAndNumbersLines() {
    BoundedLines lines = ReadLimits.DEFAULT.lines(new ByteArrayInputStream(
        utf8("\uFEFFdjango==3.2\r\n\r\nflask==2.2.2")), "r.txt");

    assertThat(lines.next()).isEqualTo("django==3.2");
    assertThat(lines.next()).isEmpty();
    assertThat(lines.next()).isEqualTo("flask==2.2.2");
    assertThat(lines.number()).isEqualTo(3);
    assertThat(lines.next()).isNull();
  }

  @Test
  void keepsAByteOrderMarkUnlessToldAndOnlyDropsTheFirst() {
    assertThat(strict(utf8("\uFEFFa"), 10).next()).isEqualTo("\uFEFFa");
    BoundedLines dropping = BoundedLines.over(new ByteArrayInputStream(utf8("\uFEFFa\n\uFEFFb")), "f", 10)
        .dropByteOrderMark().open();
    assertThat(all(dropping)).containsExactly("a", "\uFEFFb");
  }

  @Test
  void refusesAnInputLargerThanTheByteCap() {
    BoundedLines capped = BoundedLines.over(new ByteArrayInputStream(utf8("abc\ndef\n")), "f", 10).maxBytes(8).open();
    assertThat(all(capped)).containsExactly("abc", "def");
    assertThatThrownBy(() -> all(BoundedLines.over(new ByteArrayInputStream(utf8("abc\ndefg\n")), "f", 10)
        .maxBytes(8).open()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("f at byte 8: larger than the limit of 8 bytes; refusing to read further");
  }

  @Test
  void reportsAFailedReadAsUncheckedIo() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };
    assertThatThrownBy(() -> BoundedLines.lenient(broken, "f", 10).open().next())
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read f");
  }
}
