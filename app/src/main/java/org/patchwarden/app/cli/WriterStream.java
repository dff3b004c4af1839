package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 bytes passed on to a writer as they come (a character split across writes waits for its last byte). */
final class WriterStream extends OutputStream {
  private final Writer out;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final ByteBuffer pending = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);

  WriterStream(Writer out) {
    this.out = out;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, pending.remaining());
      pending.put(b, off, n);
      off += n;
      len -= n;
      drain(false);
    }
  }

  private void drain(boolean end) throws IOException {
    pending.flip();
    while (true) {
      var result = decoder.decode(pending, chars, end);
      chars.flip();
      out.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
      chars.clear();
      if (!result.isOverflow()) {
        break;
      }
    }
    pending.compact();
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Ends the bytes (an incomplete character becomes U+FFFD) and flushes; the writer stays open. */
  @Override
  public void close() throws IOException {
    drain(true);
    out.flush();
  }
}
