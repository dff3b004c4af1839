package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The labelled vectors under {@code /vectors} (see its README): TSV, one header line, three columns,
 * each row labelled by a reference implementation. A row knows its file and line, so a failing
 * parameterized test names the exact place.
 */
final class VectorFile {
  private VectorFile() {}

  /** A row of a comparison file: {@code expected} is -1, 0, 1 or err. */
  record Comparison(String file, int line, String a, String b, String expected) {
    boolean isError() {
      return expected.equals("err");
    }

    int expectedSign() {
      return Integer.parseInt(expected);
    }

    /**
     * Asserts the row of {@code scheme}: err means a side is rejected; otherwise both orders give
     * the label, and equals and hashCode agree with it.
     */
    void assertHoldsFor(VersionScheme scheme) {
      if (isError()) {
        assertThatThrownBy(() -> {
          scheme.parse(a);
          scheme.parse(b);
        }).isInstanceOf(InvalidVersionException.class);
        return;
      }
      Version va = scheme.parse(a);
      Version vb = scheme.parse(b);
      int want = expectedSign();
      assertThat(Integer.signum(va.compareTo(vb))).as("a vs b").isEqualTo(want);
      assertThat(Integer.signum(vb.compareTo(va))).as("b vs a").isEqualTo(-want);
      assertThat(va.equals(vb)).as("a equals b").isEqualTo(want == 0);
      assertThat(vb.equals(va)).as("b equals a").isEqualTo(want == 0);
      if (want == 0) {
        assertThat(va.hashCode()).as("hashCode").isEqualTo(vb.hashCode());
      }
    }

    @Override
    public String toString() {
      return file + ":" + line + "  " + show(a) + " vs " + show(b) + " -> " + expected;
    }
  }

  /** A row of a range file: {@code expected} is true, false or err. */
  record Membership(String file, int line, String version, String range, String expected) {
    boolean isError() {
      return expected.equals("err");
    }

    /**
     * Asserts the row of {@code scheme}: err means the version or the range is rejected; otherwise
     * the range holds the version exactly when the label says so.
     */
    void assertHoldsFor(VersionScheme scheme) {
      if (isError()) {
        assertThatThrownBy(() -> scheme.parseRange(range).contains(scheme.parse(version)))
            .isInstanceOfAny(InvalidVersionException.class, InvalidRangeException.class);
        return;
      }
      assertThat(scheme.parseRange(range).contains(scheme.parse(version)))
          .isEqualTo(Boolean.parseBoolean(expected));
    }

    @Override
    public String toString() {
      return file + ":" + line + "  " + show(version) + " in " + show(range) + " -> " + expected;
    }
  }

  /** The rows of a comparison file such as {@code deb.tsv} (columns a, b, expected_cmp). */
  static List<Comparison> comparisons(String file) {
    List<Comparison> out = new ArrayList<>();
    for (Fields f : read(file)) {
      out.add(new Comparison(file, f.line(), f.values()[0], f.values()[1], f.values()[2]));
    }
    return out;
  }

  /** The rows of a range file such as {@code npm-ranges.tsv} (columns version, range, expected). */
  static List<Membership> ranges(String file) {
    List<Membership> out = new ArrayList<>();
    for (Fields f : read(file)) {
      out.add(new Membership(file, f.line(), f.values()[0], f.values()[1], f.values()[2]));
    }
    return out;
  }

  private record Fields(int line, String[] values) {}

  private static List<Fields> read(String file) {
    String content;
    try (InputStream in = Objects.requireNonNull(
        VectorFile.class.getResourceAsStream("/vectors/" + file), file)) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // split on '\n' only: a field may hold any other character
    String[] lines = content.split("\n", -1);
    List<Fields> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] f = lines[i].split("\t", -1);
      if (f.length != 3) {
        throw new IllegalStateException(file + ":" + (i + 1) + " has " + f.length + " fields");
      }
      rows.add(new Fields(i + 1, f));
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
}
