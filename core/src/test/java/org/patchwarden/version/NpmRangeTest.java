package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpmRangeTest {
  private static final NpmVersionScheme NPM = new NpmVersionScheme();

  // --- 1. every labelled vector ----------------------------------------------------------------

  static List<VectorFile.Membership> rangeVectors() {
    return VectorFile.ranges("npm-ranges.tsv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rangeVectors")
  void answersEveryVectorAsSemverSatisfiesDoes(VectorFile.Membership row) {
    row.assertHoldsFor(NPM);
  }

  // --- 2. properties ---------------------------------------------------------------------------

  @Test
  void rangesHoldExactlyWhatTheirDefinitionSaysOnGeneratedVersions() {
    long seed = Seeds.seed("NpmRangeTest");
    Random rnd = new Random(seed);
    VersionRange caret = NPM.parseRange("^1.2.3");
    VersionRange tilde = NPM.parseRange("~ 0.2");
    VersionRange hyphen = NPM.parseRange("1.2 - 2");
    VersionRange star = NPM.parseRange("*");
    VersionRange abovePre = NPM.parseRange(">1.2.3-alpha.3");
    NpmVersion alpha3 = NPM.parse("1.2.3-alpha.3");
    for (int i = 0; i < 250_000; i++) {
      NpmVersion v = NPM.parse(smallVersion(rnd));
      boolean release = !v.isPrerelease();
      long major = v.major();
      long minor = v.minor();
      long patch = v.patch();
      check(seed, v, caret, release && major == 1 && (minor > 2 || (minor == 2 && patch >= 3)));
      check(seed, v, tilde, release && major == 0 && minor == 2);
      check(seed, v, hyphen, release && ((major == 1 && minor >= 2) || major == 2));
      check(seed, v, star, release);
      check(seed, v, abovePre, v.compareTo(alpha3) > 0 && (release || v.sameTuple(alpha3)));
    }
  }

  private static void check(long seed, NpmVersion v, VersionRange range, boolean expected) {
    if (range.contains(v) != expected) {
      throw new AssertionError(
          range + " contains " + v + " should be " + expected + Seeds.replay(seed));
    }
  }

  private static final String[] PRE = {"0", "1", "alpha", "alpha.3", "alpha.10", "beta.2", "0.0"};

  private static String smallVersion(Random rnd) {
    String v = rnd.nextInt(4) + "." + rnd.nextInt(4) + "." + rnd.nextInt(4);
    return rnd.nextInt(3) == 0 ? v + "-" + PRE[rnd.nextInt(PRE.length)] : v;
  }

  // --- 3. garbage ------------------------------------------------------------------------------

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "[1.0,2.0)",
        "(1.0",
        "1.0]",
        ">",
        "<",
        "~>",
        "^^1",
        ">=1.2.3 <",
        "1.2.3 -",
        "- 1.2.3",
        "1.2.3 - 2.0.0 - 3.0.0",
        "=>1.0.0",
        "1.2.3pre",
        "1.x.2",
        "x.1",
        "^1.2.3.4",
        "!1.0.0",
        "1 | 2",
        "\u0000",
        "~1.9007199254740991",
        "^9007199254740991",
        "<=9007199254740991.x",
        ">1.2.3 <2 ||| 3"
      })
  void rejectsWhatSemverValidRangeRejects(String range) {
    GarbageInputs.assertRangeRejected(NPM, range);
  }

  @Test
  void nullIsRejectedWithAClearError() {
    GarbageInputs.assertNullRangeRejected(NPM);
  }

  @Test
  void hugeInputsParseInLinearTime() {
    String manySets = "1.2.3 || ".repeat(10_000) + "2.0.0";
    assertThat(NPM.parseRange(manySets).contains(NPM.parse("2.0.0"))).isTrue();
    String manyComparators = ">=1.0.0 ".repeat(12_000) + "<2";
    assertThat(NPM.parseRange(manyComparators).contains(NPM.parse("1.5.0"))).isTrue();
    // The pre-release of an x-range is discarded, so a long one is harmless.
    String longXRange = "1.2.x-" + "a.".repeat(50_000) + "a";
    assertThat(NPM.parseRange(longXRange).contains(NPM.parse("1.2.9"))).isTrue();
    for (String garbage :
        new String[] {
          "v".repeat(100_000) + "1",
          "= ".repeat(50_000) + "1",
          "~ ".repeat(50_000),
          "^ ".repeat(50_000),
          "1.".repeat(50_000),
          "-".repeat(100_000),
          "+a".repeat(50_000),
          "*".repeat(100_000),
          "<".repeat(100_000),
          "\u0007".repeat(100_000),
          "1 - ".repeat(25_000),
          "[".repeat(100_000)
        }) {
      Throwable t = catchThrowable(() -> NPM.parseRange(garbage).contains(NPM.parse("1.0.0")));
      assertThat(t == null || t instanceof InvalidRangeException)
          .as(garbage.substring(0, 8))
          .isTrue();
    }
  }

  @Test
  void sixtyDigitNumbersMakeTheRangeInvalid() {
    String sixty = "9".repeat(60);
    assertThatThrownBy(() -> NPM.parseRange("^" + sixty)).isInstanceOf(InvalidRangeException.class);
    assertThatThrownBy(() -> NPM.parseRange(">=1.0.0 <" + sixty + ".0.0"))
        .isInstanceOf(InvalidRangeException.class);
  }

  @Test
  void refusesVersionsOfOtherSchemes() {
    Version go = new GoVersionScheme().parse("v1.0.0");
    assertThatThrownBy(() -> NPM.parseRange("*").contains(go))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- 4. famous rules -------------------------------------------------------------------------

  @ParameterizedTest(name = "''{1}'' holds {0}: {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        // caret: the left-most non-zero component is fixed
        "1.9.9      ; ^1.2.3        ; true",
        "2.0.0      ; ^1.2.3        ; false",
        "0.2.9      ; ^0.2.3        ; true",
        "0.3.0      ; ^0.2.3        ; false",
        "0.0.3      ; ^0.0.3        ; true",
        "0.0.4      ; ^0.0.3        ; false",
        "1.9.0      ; ^1.2.x        ; true",
        "0.0.9      ; ^0.0          ; true",
        "0.1.0      ; ^0.0          ; false",
        // tilde: patch-level changes, or minor-level without a minor
        "1.2.9      ; ~1.2.3        ; true",
        "1.3.0      ; ~1.2.3        ; false",
        "1.2.0      ; ~1.2          ; true",
        "1.9.0      ; ~1            ; true",
        "1.2.9      ; ~>1.2.3       ; true",
        // x-ranges and partial comparators
        "1.9.9      ; 1.x           ; true",
        "2.0.0      ; 1.x           ; false",
        "1.2.9      ; 1.2.*         ; true",
        "3.0.0      ; *             ; true",
        "3.0.0      ; ''            ; true",
        "2.0.0      ; >1            ; true",
        "1.9.9      ; >1            ; false",
        "1.2.9      ; <=1.2         ; true",
        "1.3.0      ; <=1.2         ; false",
        "1.2.0      ; <1.2          ; false",
        // hyphen ranges: a partial upper end means the whole of it
        "2.3.9      ; 1.2.3 - 2.3   ; true",
        "2.4.0      ; 1.2.3 - 2.3   ; false",
        "2.3.4      ; 1.2.3 - 2.3.4 ; true",
        "1.2.0      ; 1.2 - 2.3.4   ; true",
        // comparator sets, unions and loose whitespace
        "1.2.9      ; >=1.2.7 <1.3.0           ; true",
        "1.3.0      ; >=1.2.7 <1.3.0           ; false",
        "1.2.8      ; 1.2.7 || >=1.2.9 <2.0.0  ; false",
        "1.4.6      ; 1.2.7 || >=1.2.9 <2.0.0  ; true",
        "1.2.3      ; >= 1.2.3                 ; true",
        "1.2.3      ; =1.2.3                   ; true",
        "1.2.3      ; v1.2.3                   ; true",
        // the pre-release rule: only on the same [major, minor, patch] tuple
        "1.2.3-alpha.7  ; >1.2.3-alpha.3          ; true",
        "3.4.5-alpha.9  ; >1.2.3-alpha.3          ; false",
        "1.2.3-beta.2   ; ^1.2.3-beta.1           ; true",
        "1.2.4-beta.2   ; ^1.2.3-beta.1           ; false",
        "1.0.0-beta     ; *                       ; false",
        "1.0.0-beta     ; * || 1.0.0-beta         ; false",
        "1.0.0-beta     ; >=0.0.0                 ; false",
        "0.0.0-beta     ; >=0.0.0-0               ; true",
        "2.0.0-rc.1     ; ^1.0.0                  ; false",
        "1.2.3-pre.2    ; 1.2.3-pre - 2.4.3-pre   ; true",
        "2.4.3-alpha    ; 1.2.3-pre - 2.4.3-pre   ; true",
        // build metadata never takes part
        "1.3.0      ; ^1.2.3+build  ; true",
        "1.2.3+x    ; 1.2.3+y       ; true",
      })
  void desugarsLikeNodeSemver(String version, String range, boolean expected) {
    assertThat(NPM.parseRange(range).contains(NPM.parse(version))).isEqualTo(expected);
  }

  @Test
  void printsTheDesugaredComparators() {
    assertThat(NPM.parseRange("~1.2.3-beta || ^0.0.3 || 1.x"))
        .hasToString(">=1.2.3-beta <1.3.0-0||>=0.0.3 <0.0.4-0||>=1.0.0 <2.0.0-0");
  }
}
