package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

/**
 * Inputs no scheme may choke on, and the ways a scheme may turn input down: an
 * {@link InvalidVersionException} whose message starts {@code invalid <scheme> version}, or an
 * {@link InvalidRangeException} whose message starts {@code invalid <scheme> range}.
 */
final class GarbageInputs {
  private GarbageInputs() {}

  /**
   * Blanks, control characters, a NUL, lone surrogates, a BOM, other scripts' digits, 60-digit
   * numbers and 10 kB runs of one character.
   */
  static List<String> strings() {
    List<String> out = new ArrayList<>();
    out.add("");
    out.add(" ");
    out.add("\t\t");
    out.add("\u0000");
    out.add("1.0\u0000");
    out.add("\u0001\u0002\u0003");
    out.add("1.0\n");
    out.add("\n1:1.0");
    out.add("1.0\r\n2");
    out.add("1.0\u007f");
    out.add("\uD800");
    out.add("1.\uDC00");
    out.add("\uFEFF1.0");
    out.add("٣.٤");
    out.add("1".repeat(60));
    out.add("1." + "9".repeat(60));
    out.add("9".repeat(60) + ":1.0");
    out.add("1.0-" + "0".repeat(60) + "1");
    out.add("1:" + "9".repeat(60));
    out.add("1.0_rc" + "9".repeat(60) + "-r" + "9".repeat(60));
    out.add("x".repeat(10_000));
    out.add("1.".repeat(5_000));
    out.add("1.".repeat(5_000) + "1");
    out.add("-".repeat(10_000));
    out.add(":".repeat(10_000));
    out.add("~".repeat(10_000));
    out.add("^".repeat(10_000));
    out.add("1" + "a".repeat(10_000));
    out.add("1" + "_p".repeat(5_000));
    out.add("[(".repeat(5_000));
    out.add("1.0" + " ".repeat(10_000));
    out.add(" ".repeat(10_000) + "1.0");
    return out;
  }

  /**
   * Asserts that each of {@link #strings} is either rejected cleanly or parses to a version that
   * obeys the {@link OrderLaws} on its own (reflexive, stable, normalizes to an equal version).
   */
  static void assertCleanAnswers(VersionScheme scheme) {
    OrderLaws laws = OrderLaws.of(scheme);
    for (String s : strings()) {
      Version v = laws.tryParse(s);
      if (v != null) {
        laws.assertStable(v);
      }
    }
  }

  /** Asserts that {@code scheme} rejects the version {@code text} with its own message. */
  static void assertRejected(VersionScheme scheme, String text) {
    assertThatThrownBy(() -> scheme.parse(text))
        .as(VectorFile.show(text))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageStartingWith("invalid " + scheme.name() + " version");
  }

  static void assertAllRejected(VersionScheme scheme, List<String> texts) {
    for (String text : texts) {
      assertRejected(scheme, text);
    }
  }

  /** Asserts that {@code scheme} rejects the range {@code text} with its own message. */
  static void assertRangeRejected(VersionScheme scheme, String text) {
    assertThatThrownBy(() -> scheme.parseRange(text))
        .as(VectorFile.show(text))
        .isInstanceOf(InvalidRangeException.class)
        .hasMessageStartingWith("invalid " + scheme.name() + " range");
  }

  /** Asserts that {@code scheme} rejects a null version with its own message. */
  static void assertNullRejected(VersionScheme scheme) {
    assertRejected(scheme, null);
  }

  /** Asserts that {@code scheme} rejects a null range with its own message. */
  static void assertNullRangeRejected(VersionScheme scheme) {
    assertRangeRejected(scheme, null);
  }
}
