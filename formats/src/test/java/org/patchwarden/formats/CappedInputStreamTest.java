package org.patchwarden.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.ReadLimits;

class CappedInputStreamTest {

  @Test
  void deliversAnInputOfExactlyTheCap() throws Exception {
    CappedInputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[1024]), 1024, "x");

    assertThat(in.readAllBytes()).hasSize(1024);
    assertThat(in.count()).isEqualTo(1024);
  }

  @Test
  void refusesTheFirstByteBeyondTheCapWhateverTheReadSize() {
    assertThatThrownBy(() -> new CappedInputStream(new ByteArrayInputStream(new byte[1025]), 1024, "x").readAllBytes())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("x at byte 1024: larger than the limit of 1 KiB; refusing to read further");
    assertThatThrownBy(() -> {
      CappedInputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[3]), 2, "y");
      in.read();
      in.read();
      in.read();
    }).isInstanceOf(FeedFormatException.class).hasMessageStartingWith("y at byte 2:");
  }

  @Test
  void refusesWithTheExceptionItIsGiven() {
    assertThatThrownBy(() -> new CappedInputStream(new ByteArrayInputStream(new byte[10]), 4,
        count -> new FeedFormatException("z", "entry 3", count + " bytes, more than 4")).readAllBytes())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("z at entry 3: 5 bytes, more than 4");
  }

  @Test
  void describesCapsInTheLargestWholeUnit() {
    assertThat(CappedInputStream.describeBytes(4096)).isEqualTo("4 KiB");
    assertThat(ReadLimits.DEFAULT.describeBytes()).isEqualTo("256 MiB");
    assertThat(ReadLimits.DEFAULT.withMaxBytes(1536).describeBytes()).isEqualTo("1536 bytes");
  }
}
