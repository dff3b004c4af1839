package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterStreamTest {
  @Test
  void aCharacterSplitAcrossWritesArrivesWhole() throws Exception {
    byte[] bytes = "é → 😀 done".getBytes(StandardCharsets.UTF_8);
    StringWriter text = new StringWriter();
    try (WriterStream out = new WriterStream(text)) {
      for (byte b : bytes) {
        out.write(b);
      }
    }
    assertThat(text).hasToString("é → 😀 done");
  }

  @Test
  void writesLargerThanItsBufferPassThrough() throws Exception {
    String big = "ü".repeat(20_000);
    StringWriter text = new StringWriter();
    try (WriterStream out = new WriterStream(text)) {
      out.write(big.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(text.toString()).isEqualTo(big);
  }

  @Test
  void anIncompleteCharacterAtTheEndBecomesTheReplacementCharacter() throws Exception {
    StringWriter text = new StringWriter();
    try (WriterStream out = new WriterStream(text)) {
      out.write(new byte[] {'a', (byte) 0xC3});
    }
    assertThat(text).hasToString("a\uFFFD");
  }
}
