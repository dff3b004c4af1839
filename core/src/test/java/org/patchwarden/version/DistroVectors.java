package org.patchwarden.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Loads the labelled comparison vectors of the distro schemes (deb, rpm, apk) and seeds. */
final class DistroVectors {
  private DistroVectors() {}

  /** One labelled row: {@code expected} is -1, 0, 1 or err. */
  record Row(String file, int line, String a, String b, String expected) {
    boolean isError() {
      return expected.equals("err");
    }

    int expectedSign() {
      return Integer.parseInt(expected);
    }

    @Override
    public String toString() {
      return file + ":" + line + "  " + show(a) + " vs " + show(b) + " -> " + expected;
    }
  }

  static List<Row> rows(String file) {
    String content;
    try (InputStream in = Objects.requireNonNull(
        DistroVectors.class.getResourceAsStream("/vectors/" + file), file)) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // split on '\n' only: a field may hold any other character
    String[] lines = content.split("\n", -1);
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] f = lines[i].split("\t", -1);
      if (f.length != 3) {
        throw new IllegalStateException(file + ":" + (i + 1) + " has " + f.length + " fields");
      }
      rows.add(new Row(file, i + 1, f[0], f[1], f[2]));
    }
    return rows;
  }

  /** Quotes and escapes a string so blanks and control characters show in a test name. */
  static String show(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 60; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > 60) {
      out.append("…");
    }
    return out.append('\'').toString();
  }

  /** The seed of a property test: -Dpatchwarden.seed, else fresh; printed so a failure replays. */
  static long seed(String test) {
    Long fixed = Long.getLong("patchwarden.seed");
    long seed = fixed != null ? fixed : System.nanoTime();
    System.out.println(test + " seed " + seed + " (replay with -Dpatchwarden.seed=" + seed + ")");
    return seed;
  }
}
