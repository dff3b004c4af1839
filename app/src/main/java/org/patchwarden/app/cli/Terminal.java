package org.patchwarden.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import org.patchwarden.feed.SafeText;

/** Where a command reads and writes and what environment it sees; tests pass their own. */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {

  /**
   * This terminal with control characters escaped ({@link SafeText}) on both outputs: every message,
   * table and error quotes input (asset names, package names, versions, file lines), and an escape
   * sequence among them must not reach the operator's terminal. Nothing is buffered, so writes to
   * the escaped and to the raw writers keep their order.
   */
  Terminal escaped() {
    return new Terminal(in, new PrintWriter(new Escaping(out)), new PrintWriter(new Escaping(err)), env);
  }

  /** Passes text on with unsafe characters escaped. */
  private static final class Escaping extends Writer {
    private final Writer to;

    Escaping(Writer to) {
      this.to = to;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      int start = off;
      int end = off + len;
      for (int i = off; i < end; i++) {
        if (SafeText.unsafe(buf[i])) {
          writeRaw(buf, start, i - start);
          StringBuilder b = new StringBuilder(6);
          SafeText.append(b, buf[i]);
          writeRaw(b.toString().toCharArray(), 0, b.length());
          start = i + 1;
        }
      }
      writeRaw(buf, start, end - start);
    }

    private void writeRaw(char[] buf, int off, int len) {
      if (len > 0) {
        try {
          to.write(buf, off, len);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    public void flush() throws IOException {
      to.flush();
    }

    @Override
    public void close() throws IOException {
      to.flush();
    }
  }
}
