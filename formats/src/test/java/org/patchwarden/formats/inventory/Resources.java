package org.patchwarden.formats.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test resources of the inventory readers. */
public final class Resources {
  private Resources() {}

  /** The bytes of a classpath resource, failing when it is missing. */
  public static byte[] bytes(String name) {
    try (InputStream in = Resources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a tab-separated resource, without its header line. */
  public static List<List<String>> tsv(String name) {
    String[] lines = new String(bytes(name), StandardCharsets.UTF_8).split("\n");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      rows.add(Arrays.asList(lines[i].split("\t", -1)));
    }
    return rows;
  }

  /** An input of {@code count} repetitions of {@code unit}, produced as it is read. */
  public static InputStream repeated(String unit, long count) {
    byte[] bytes = unit.getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      private long produced;
      private final long total = bytes.length * count;

      @Override
      public int read() {
        return produced < total ? bytes[(int) (produced++ % bytes.length)] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (produced >= total) {
          return -1;
        }
        int n = (int) Math.min(len, total - produced);
        for (int i = 0; i < n; i++) {
          b[off + i] = bytes[(int) (produced++ % bytes.length)];
        }
        return n;
      }
    };
  }
}
