package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MavenVersionSchemeTest {
  private static final MavenVersionScheme MAVEN = new MavenVersionScheme();

  static List<VectorFile.Comparison> comparisons() {
    return VectorFile.comparisons("maven.tsv");
  }

  static List<VectorFile.Membership> ranges() {
    return VectorFile.ranges("maven-ranges.tsv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparisons")
  void comparesEveryVectorLikeComparableVersion(VectorFile.Comparison row) {
    row.assertHoldsFor(MAVEN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ranges")
  void evaluatesEveryRangeVectorLikeVersionRange(VectorFile.Membership row) {
    if (row.isError()) {
      // NB: only the range can be wrong: ComparableVersion accepts any version string.
      assertThatThrownBy(() -> MAVEN.parseRange(row.range())).isInstanceOf(InvalidRangeException.class);
    } else {
      row.assertHoldsFor(MAVEN);
    }
  }

  @Nested
  class FamousRules {
    @Test
    void qualifiersOrderAlphaBetaMilestoneRcSnapshotReleaseSp() {
      OrderLaws.assertAscending(MAVEN,
          "1-alpha", "1-beta", "1-milestone", "1-rc", "1-snapshot", "1", "1-sp", "1-abc", "1-def", "1-1", "1.1");
    }

    @Test
    void aliasesAndTrailingZerosAreEqual() {
      assertThat(MAVEN.parse("1.0")).isEqualTo(MAVEN.parse("1")).isEqualTo(MAVEN.parse("1.0.0-ga"))
          .isEqualTo(MAVEN.parse("1-final")).isEqualTo(MAVEN.parse("1.RELEASE")).isEqualTo(MAVEN.parse("1-0"));
      assertThat(MAVEN.parse("1-cr1")).isEqualTo(MAVEN.parse("1-RC1"));
      assertThat(MAVEN.parse("1.0.0-ga").hashCode()).isEqualTo(MAVEN.parse("1").hashCode());
    }

    @Test
    void singleLetterFollowedByDigitIsAnAbbreviation() {
      assertThat(MAVEN.parse("1a1")).isEqualTo(MAVEN.parse("1-alpha-1"));
      assertThat(MAVEN.parse("1b2")).isEqualTo(MAVEN.parse("1-beta-2"));
      assertThat(MAVEN.parse("1m3")).isEqualTo(MAVEN.parse("1-milestone-3"));
      // Not followed by a digit, "a" is just an unknown word, above every known qualifier.
      assertThat(MAVEN.compare("1-a", "1-sp")).isPositive();
    }

    @Test
    void digitLetterTransitionsActLikeHyphens() {
      assertThat(MAVEN.parse("1.0alpha1")).isEqualTo(MAVEN.parse("1.0-alpha-1"));
      assertThat(MAVEN.compare("1.0RC1", "1.0")).isNegative();
      assertThat(MAVEN.compare("2.0.1-xyz", "2.0.1")).isPositive();
    }

    @Test
    void dotBeatsHyphenAtTheSamePosition() {
      assertThat(MAVEN.compare("1.1", "1-1")).isPositive();
      assertThat(MAVEN.compare("1-1", "1-sp")).isPositive();
      assertThat(MAVEN.compare("1.sp", "1-1")).isNegative();
    }

    @Test
    void numbersCompareNumericallyAtAnyLength() {
      String sixty = "1".repeat(60);
      assertThat(MAVEN.compare("1." + sixty, "1." + sixty.substring(1) + "2")).isNegative();
      assertThat(MAVEN.compare("1." + sixty, "1." + "1".repeat(59))).isPositive();
      assertThat(MAVEN.parse("000" + sixty)).isEqualTo(MAVEN.parse(sixty));
      assertThat(MAVEN.compare("2147483648", "2147483647")).isPositive();
      assertThat(MAVEN.compare("9223372036854775808", "9223372036854775807")).isPositive();
    }

    @Test
    void quirkTenZerosMakeALongItemThatBeatsEverySmallInt() {
      // NB: stripLeadingZeroes keeps an all-zero run whole, so 0000000000 is a LongItem, and a
      // LongItem sorts above any IntItem whatever the values.
      assertThat(MAVEN.compare("1.0000000000.1", "1.5.1")).isPositive();
      assertThat(MAVEN.parse("1.0000000000")).isEqualTo(MAVEN.parse("1"));
    }

    @Test
    void quirkTheReferenceOrderHasCycles() {
      // NB: ComparableVersion compares a word with a sub-list as smaller, but a missing item with a
      // sub-list by the sub-list's content; mixing both breaks transitivity. We keep its answers.
      assertThat(MAVEN.compare("1", "1.sp.1")).isNegative();
      assertThat(MAVEN.compare("1.sp.1", "1.alpha")).isNegative();
      assertThat(MAVEN.compare("1.alpha", "1")).isNegative();
      assertThat(MAVEN.compare("1", "1-sp")).isNegative();
      assertThat(MAVEN.compare("1-sp", "1-0-alpha")).isNegative();
      assertThat(MAVEN.compare("1-0-alpha", "1")).isNegative();
    }

    @Test
    void quirkUnicodeDigitsAreDigits() {
      assertThat(MAVEN.parse("\u0661.\u0662")).isEqualTo(MAVEN.parse("1.2"));
    }

    @Test
    void emptyStringIsAValidVersionEqualToZero() {
      assertThat(MAVEN.parse("")).isEqualTo(MAVEN.parse("0"));
      assertThat(MAVEN.parse("").text()).isEmpty();
    }

    @Test
    void normalizedFormIsCanonicalAndLowerCase() {
      assertThat(MAVEN.parse("1.0.0-GA").normalized()).isEqualTo("1");
      assertThat(MAVEN.parse("1.0-SNAPSHOT").normalized()).isEqualTo("1-snapshot");
      assertThat(MAVEN.parse("1.x").normalized()).isEqualTo("1-x");
      assertThat(MAVEN.parse("1.x.").normalized()).isEqualTo("1.x.");
      assertThat(MAVEN.parse("1.ga.1").normalized()).isEqualTo("1.ga.1");
    }

    @Test
    void rangesFollowMavenIntervalNotation() {
      MavenVersionRange r = MAVEN.parseRange("[1.0,2.0)");
      assertThat(r.contains(MAVEN.parse("1.0"))).isTrue();
      assertThat(r.contains(MAVEN.parse("1.9.9"))).isTrue();
      assertThat(r.contains(MAVEN.parse("2.0"))).isFalse();
      assertThat(r.contains(MAVEN.parse("2.0-alpha-1"))).isTrue();
      assertThat(MAVEN.parseRange("(,1.5]").contains(MAVEN.parse("1.5"))).isTrue();
      assertThat(MAVEN.parseRange("[1.0]").contains(MAVEN.parse("1"))).isTrue();
      assertThat(MAVEN.parseRange("[1.0]").contains(MAVEN.parse("1.0.1"))).isFalse();
      VersionRange union = MAVEN.parseRange("[1.0,1.2),(1.5,)");
      assertThat(union.contains(MAVEN.parse("1.3"))).isFalse();
      assertThat(union.contains(MAVEN.parse("1.6"))).isTrue();
    }

    @Test
    void bareVersionIsASoftRequirementContainingEverything() {
      MavenVersionRange soft = MAVEN.parseRange("1.0");
      assertThat(soft.recommendedVersion()).isEqualTo(MAVEN.parse("1.0"));
      assertThat(soft.contains(MAVEN.parse("0.1"))).isTrue();
      assertThat(soft.contains(MAVEN.parse("99"))).isTrue();
      // NB: the spec is not trimmed first, so a blank before '[' makes the whole thing a soft version.
      assertThat(MAVEN.parseRange(" [1.0,2.0)").contains(MAVEN.parse("3"))).isTrue();
      // NB: an empty spec has no restriction at all.
      assertThat(MAVEN.parseRange("").contains(MAVEN.parse("1"))).isFalse();
    }

    @Test
    void invalidSpecificationsAreRejectedLikeMaven() {
      for (String bad : List.of("[1.0,1.0)", "(1.0,1.0]", "[2.0,1.0]", "(1.0)", "[1.0)", "[1.0,2.0",
          "[1.0,1.2),(1.1,1.3)", "[1.0,2.0) x", "[1.0,2.0),1.5", "(,1.0],[,2.0]", "[")) {
        GarbageInputs.assertRangeRejected(MAVEN, bad);
      }
      // NB: overlap is only checked against a bounded previous restriction.
      assertThat(MAVEN.parseRange("[1.0,),[0.5,0.6]").contains(MAVEN.parse("0.5.5"))).isTrue();
      assertThat(MAVEN.parseRange("[1.0,1.2],[1.2,1.5]").contains(MAVEN.parse("1.2"))).isTrue();
      assertThat(MAVEN.parseRange("(,)").contains(MAVEN.parse("7"))).isTrue();
    }

    @Test
    void comparingWithAnotherSchemeIsRejected() {
      Version other = new Version() {
        @Override
        public VersionScheme scheme() {
          return new NuGetVersionScheme();
        }

        @Override
        public String text() {
          return "1";
        }

        @Override
        public String normalized() {
          return "1";
        }

        @Override
        public int compareTo(Version o) {
          return 0;
        }
      };
      assertThatThrownBy(() -> MAVEN.parse("1").compareTo(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isRegisteredUnderMaven() {
      assertThat(Schemes.forEcosystem("Maven")).isInstanceOf(MavenVersionScheme.class);
      assertThat(Schemes.forEcosystem("maven").name()).isEqualTo("maven");
    }
  }

  @Nested
  class Garbage {
    @Test
    void nullIsTheOnlyInvalidVersion() {
      GarbageInputs.assertNullRejected(MAVEN);
      GarbageInputs.assertNullRangeRejected(MAVEN);
    }

    @Test
    void controlCharactersAndOddTextAreOrdinaryWords() {
      OrderLaws laws = OrderLaws.of(MAVEN);
      for (String s : List.of("\u0000", "1.0\n", "\t1", "1.0\u007f-2", "\ud800", "💥1.2", "[1.0]", "-", ".", "--..--")) {
        Version v = laws.parse(s);
        laws.assertStable(v);
        laws.assertPair(v, MAVEN.parse("1"));
      }
    }

    @Test
    void handlesGarbageWithACleanAnswer() {
      GarbageInputs.assertCleanAnswers(MAVEN);
    }

    @Test
    void hugeInputsParseAndCompareInLinearTime() {
      Random rnd = new Random(42);
      StringBuilder sb = new StringBuilder();
      String alphabet = "0123456789.-abcxyzRCSPga";
      while (sb.length() < 100_000) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String big = sb.toString();
      MavenVersion a = MAVEN.parse(big);
      MavenVersion b = MAVEN.parse(big + "1");
      assertThat(a.compareTo(a)).isZero();
      assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
      assertThat(MAVEN.parse(a.normalized())).isEqualTo(a);
      // Deep nesting: 50,000 hyphen-separated sub-lists.
      String deep = "1-".repeat(50_000) + "1";
      assertThat(MAVEN.parse(deep).compareTo(MAVEN.parse(deep + "-1"))).isNegative();
      assertThat(MAVEN.parse("9".repeat(10_000))).isEqualTo(MAVEN.parse("0" + "9".repeat(10_000)));
    }

    @Test
    void hugeAndUnbalancedRangesFailCleanlyOrAnswer() {
      for (String bad : List.of("[", "(", "[1.0", "[1.0,2.0", "]", "[1.0]]", "((1.0,2.0)", "[[1.0]]", "[" + "x".repeat(10_000))) {
        try {
          MAVEN.parseRange(bad).contains(MAVEN.parse("1"));
        } catch (InvalidRangeException expected) {
          assertThat(expected.getMessage()).contains("maven").hasSizeLessThan(300);
        }
      }
      String many = "[1,2)".repeat(1) + ",[3,4)".repeat(20_000).replace("[3,4)", "[5,6)");
      assertThatThrownBy(() -> MAVEN.parseRange(many)).isInstanceOf(InvalidRangeException.class);
      StringBuilder ok = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        ok.append(i == 0 ? "" : ",").append('[').append(2 * i).append(',').append(2 * i + 1).append(')');
      }
      MavenVersionRange r = MAVEN.parseRange(ok.toString());
      assertThat(r.contains(MAVEN.parse("39998.5"))).isTrue();
      assertThat(r.contains(MAVEN.parse("39999.5"))).isFalse();
      assertThat(MAVEN.parseRange("[1]".repeat(30_000).replace("][", "],[")).contains(MAVEN.parse("1"))).isTrue();
      // NB: Maven needs no comma between restrictions.
      assertThat(MAVEN.parseRange("[1]".repeat(30_000)).contains(MAVEN.parse("1"))).isTrue();
    }
  }

  @Nested
  class Properties {
    static OrderLaws laws;
    static List<Version> pool;

    @BeforeAll
    static void generate() {
      laws = OrderLaws.seeded(MAVEN, "MavenVersionSchemeTest");
      pool = laws.generate(100_000, Properties::randomVersion, laws.random(0));
    }

    private static final String[] TOKENS = {"0", "1", "2", "10", "01", "007", "0000000000", "4294967296",
        "123456789012345678901234", "alpha", "a", "b", "m", "beta", "milestone", "rc", "cr", "snapshot", "ga",
        "final", "release", "sp", "foo", "x", "SNAPSHOT", "RC", "Final", "\u0663", "_", "é"};
    private static final String[] SEPARATORS = {".", "-", "", ".", "-", "--", ".."};

    static String randomVersion(Random rnd) {
      int n = rnd.nextInt(6);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.append(TOKENS[rnd.nextInt(TOKENS.length)]);
        if (i < n - 1 || rnd.nextInt(8) == 0) {
          sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]);
        }
      }
      return sb.toString();
    }

    private static final String[] NUMBERS = {"0", "1", "2", "10", "00", "2147483648", "12345678901234567890"};
    private static final String[] QUALIFIERS = {"alpha", "a", "b", "m", "beta", "milestone", "rc", "CR", "SNAPSHOT",
        "ga", "Final", "RELEASE", "sp", "foo", "x", "jre", "android"};

    /** Dotted numbers, then at most one qualifier with an optional number. */
    static String conventionalVersion(Random rnd) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + rnd.nextInt(4);
      for (int k = 0; k < n; k++) {
        sb.append(k == 0 ? "" : ".").append(NUMBERS[rnd.nextInt(NUMBERS.length)]);
      }
      if (rnd.nextInt(3) > 0) {
        boolean withNumber = rnd.nextBoolean();
        sb.append(withNumber ? (rnd.nextBoolean() ? "-" : "") : (rnd.nextBoolean() ? "-" : "."));
        sb.append(QUALIFIERS[rnd.nextInt(QUALIFIERS.length)]);
        if (withNumber) {
          sb.append(rnd.nextBoolean() ? "-" : "").append(1 + rnd.nextInt(12));
        }
      }
      return sb.toString();
    }

    @Test
    void everyVersionIsReflexiveAndSurvivesItsNormalizedForm() {
      laws.assertEachStable(pool);
    }

    @Test
    void pairsAreAntisymmetricAndEqualsAgreesWithCompareTo() {
      int equalPairs = laws.assertRandomPairs(pool, laws.random(1), 1_000_000);
      assertThat(equalPairs).as("the generator must produce some equal pairs").isPositive();
    }

    /**
     * ComparableVersion is not transitive in general (see
     * {@link FamousRules#quirkTheReferenceOrderHasCycles}), so transitivity is checked on
     * conventional versions: dotted numbers, then at most one qualifier with an optional number.
     */
    @Test
    void sortingConventionalVersionsIsTransitive() {
      Random rnd = laws.random(2);
      List<Version> conventional = laws.generate(30_000, Properties::conventionalVersion, rnd);
      laws.assertSortedAtRandomPairs(conventional, rnd, 300_000);
    }
  }
}
