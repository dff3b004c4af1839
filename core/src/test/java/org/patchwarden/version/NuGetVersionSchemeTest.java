package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NuGetVersionSchemeTest {
  private static final NuGetVersionScheme NUGET = new NuGetVersionScheme();

  static List<VectorFile.Comparison> comparisons() {
    return VectorFile.comparisons("nuget.tsv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparisons")
  void comparesEveryVectorLikeVersionComparer(VectorFile.Comparison row) {
    row.assertHoldsFor(NUGET);
  }

  private static boolean contains(String range, String version) {
    return NUGET.parseRange(range).contains(NUGET.parse(version));
  }

  @Nested
  class FamousRules {
    @Test
    void missingPartsAndAZeroRevisionAreEqual() {
      assertThat(NUGET.parse("1.0")).isEqualTo(NUGET.parse("1.0.0")).isEqualTo(NUGET.parse("1.0.0.0"))
          .isEqualTo(NUGET.parse("1"));
      assertThat(NUGET.parse("1.0.0.0").hashCode()).isEqualTo(NUGET.parse("1.0").hashCode());
      assertThat(NUGET.compare("1.0.0.1", "1.0.0")).isPositive();
      assertThat(NUGET.compare("1.0.0.1", "1.0.1")).isNegative();
    }

    @Test
    void preReleasesSortBeforeTheirReleaseAndLabelsIgnoreCase() {
      assertThat(NUGET.compare("1.0.0-beta", "1.0.0")).isNegative();
      assertThat(NUGET.parse("1.0.0-BETA")).isEqualTo(NUGET.parse("1.0.0-beta"));
      assertThat(NUGET.parse("1.0.0-BETA").hashCode()).isEqualTo(NUGET.parse("1.0.0-beta").hashCode());
      assertThat(NUGET.compare("1.0.0-alpha", "1.0.0-Beta")).isNegative();
      assertThat(NUGET.compare("1.0.0-beta", "1.0.0-beta.1")).isNegative();
    }

    @Test
    void numericLabelsCompareNumericallyAndBeforeAlphanumericOnes() {
      assertThat(NUGET.compare("1.0.0-beta.2", "1.0.0-beta.10")).isNegative();
      assertThat(NUGET.compare("1.0.0-beta.99", "1.0.0-beta.a")).isNegative();
      // A label too large for an int is compared as text.
      assertThat(NUGET.compare("1.0.0-9999999999", "1.0.0-a")).isNegative();
      assertThat(NUGET.compare("1.0.0-9999999999", "1.0.0-2")).isPositive();
      // NB: int.TryParse reads "-1" as a number, and '-' is a legal label character.
      assertThat(NUGET.compare("1.0.0--1", "1.0.0-0")).isNegative();
    }

    @Test
    void metadataIsKeptButIgnoredByTheOrder() {
      assertThat(NUGET.parse("1.0.0+build.1")).isEqualTo(NUGET.parse("1.0.0+other"));
      assertThat(NUGET.parse("1.0.0-rc.1+sha.abc").metadata()).isEqualTo("sha.abc");
      assertThat(NUGET.parse("1.0.0-rc.1+sha.abc").normalized()).isEqualTo("1.0.0-rc.1+sha.abc");
    }

    @Test
    void normalizedFormIsNuGetsNormalizedString() {
      assertThat(NUGET.parse("1.0").normalized()).isEqualTo("1.0.0");
      assertThat(NUGET.parse("01.02.03.04").normalized()).isEqualTo("1.2.3.4");
      assertThat(NUGET.parse(" 1.2.3.0-Beta ").normalized()).isEqualTo("1.2.3-Beta");
      assertThat(NUGET.parse(" 1.2.3.0-Beta ").text()).isEqualTo(" 1.2.3.0-Beta ");
    }

    @Test
    void quirkDotNetNumberParsingAllowsBlanksInsideTheNumbers() {
      // NB: System.Version parses each part with int.TryParse, which allows surrounding blanks.
      assertThat(NUGET.parse("1. 2 .3")).isEqualTo(NUGET.parse("1.2.3"));
      assertThat(NUGET.parse("1.0.0 -beta")).isEqualTo(NUGET.parse("1.0.0-beta"));
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", " ", "a", "1.2.3.4.5", "1..2", ".1", "1.", "1.0-", "1.0+", "1.0.0-beta..1",
        "1.0.0-01", "1.0.0-beta_1", "1.0.0+meta..x", "2147483648.0", "-1.0", "1.0.0-beta+", "v1.0",
        "1.-0", "1.0.0-b\u00e9ta"})
    void invalidVersionsAreRejected(String text) {
      GarbageInputs.assertRejected(NUGET, text);
    }

    @ParameterizedTest(name = "''{0}'' is accepted")
    @ValueSource(strings = {"1", "1.0", "1.0.0.0", "2147483647.0", "1.0.0-0", "1.0.0-0a", "1.0.0+0001",
        "1.0.0-a-b.c-d", "1.0.0+a-b", "1.0.0-beta+x", "\u00a01.0\u2003", "1.0.0 -beta"})
    void validVersionsAreAccepted(String text) {
      assertThat(NUGET.parse(text).text()).isEqualTo(text);
    }

    @Test
    void rangesUseIntervalNotationAndABareVersionIsAMinimum() {
      assertThat(contains("[1.0,2.0)", "1.0")).isTrue();
      assertThat(contains("[1.0,2.0)", "2.0")).isFalse();
      assertThat(contains("[1.0,2.0)", "2.0.0-beta")).isTrue();
      assertThat(contains("(1.0,)", "1.0")).isFalse();
      assertThat(contains("(1.0,)", "1.0.1")).isTrue();
      assertThat(contains("(,1.0]", "0.1")).isTrue();
      assertThat(contains("[1.0]", "1.0.0.0")).isTrue();
      assertThat(contains("[1.0]", "1.0.1")).isFalse();
      // NuGet's rule, unlike Maven's: a bare version is an inclusive minimum.
      assertThat(contains("1.0", "1.0")).isTrue();
      assertThat(contains("1.0", "0.9")).isFalse();
      assertThat(contains("1.0", "99.0")).isTrue();
      assertThat(contains(" [ 1.0 , 2.0 ] ", "2.0")).isTrue();
    }

    @Test
    void floatingVersionsSetOnlyTheMinimum() {
      assertThat(contains("1.*", "1.0")).isTrue();
      assertThat(contains("1.*", "0.9")).isFalse();
      assertThat(contains("1.*", "2.0")).isTrue();
      assertThat(contains("*", "0.0.0")).isTrue();
      assertThat(contains("*", "0.0.0-alpha")).isFalse();
      assertThat(contains("1.0.0-*", "1.0.0-0")).isTrue();
      assertThat(contains("1.0.0-beta.*", "1.0.0-beta.0")).isTrue();
      assertThat(contains("1.0.0-beta.*", "1.0.0-alpha")).isFalse();
      assertThat(contains("1.*-*", "1.0.0-0")).isTrue();
      assertThat(contains("[1.*, 2.0)", "1.5")).isTrue();
      // NB: the star becomes a 0 digit, so "1*" floats from 10.
      assertThat(contains("1*", "9.0")).isFalse();
      assertThat(contains("1*", "10.0")).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", "  ", "(1.0)", "[1.0)", "(1.0]", "(,)", "[,]", "[]", "()", "[1.0,2.0,3.0]",
        "[2.0,1.0]", "[1.0,1.0)", "(1.0,1.0]", "[1.0,2.0", "1.0,2.0)", "[1.0,2.0)x", "[1.0,2.*]", "1.*.0",
        "1.0+*", "1.*-beta", "**", "[", "[a,b]", "1.0.0-*-*-"})
    void invalidRangesAreRejected(String text) {
      GarbageInputs.assertRangeRejected(NUGET, text);
    }

    @Test
    void equalBoundsAreAllowedWhenBothInclusiveOrBothExclusive() {
      assertThat(contains("[1.0,1.0]", "1.0")).isTrue();
      // (1.0,1.0) parses, and contains nothing.
      assertThat(contains("(1.0,1.0)", "1.0")).isFalse();
    }

    @Test
    void isRegisteredUnderNuget() {
      assertThat(Schemes.forEcosystem("NuGet")).isInstanceOf(NuGetVersionScheme.class);
    }
  }

  @Nested
  class Garbage {
    @Test
    void nullIsRejected() {
      GarbageInputs.assertNullRejected(NUGET);
      GarbageInputs.assertNullRangeRejected(NUGET);
    }

    @Test
    void handlesGarbageWithACleanAnswer() {
      GarbageInputs.assertCleanAnswers(NUGET);
    }

    @Test
    void controlCharactersAreRejectedExceptWhereDotNetSkipsThem() {
      GarbageInputs.assertAllRejected(NUGET,
          List.of("1.0\u0000x", "1.0-be\u0001ta", "\u00001.0", "1.0\u007f", "1.0-a\nb"));
      // NB: .NET trims blanks (\t \n …) around the text, and int.TryParse skips trailing NULs.
      assertThat(NUGET.parse("\t1.0\n")).isEqualTo(NUGET.parse("1.0"));
      assertThat(NUGET.parse("1.0\u0000")).isEqualTo(NUGET.parse("1.0"));
    }

    @Test
    void sixtyDigitNumbersOverflowAndAreRejectedButSixtyDigitLabelsAreText() {
      String sixty = "1".repeat(60);
      GarbageInputs.assertRejected(NUGET, sixty + ".0");
      assertThat(NUGET.compare("1.0.0-" + sixty, "1.0.0-" + sixty.substring(1) + "2")).isNegative();
      assertThat(NUGET.parse("0000000000000000000000000000000000000001.2")).isEqualTo(NUGET.parse("1.2"));
    }

    @Test
    void hugeInputsAreHandledInLinearTime() {
      String label = "a".repeat(100_000);
      assertThat(NUGET.compare("1.0.0-" + label, "1.0.0-" + label + "b")).isNegative();
      String many = "1.0.0-" + "1.".repeat(50_000) + "1";
      NuGetVersion v = NUGET.parse(many);
      assertThat(NUGET.parse(v.normalized())).isEqualTo(v);
      for (String bad : List.of("x".repeat(100_000), "1".repeat(100_000), "[" + "1.0,".repeat(25_000),
          "(" + " ".repeat(100_000), "[1.0," + "9".repeat(100_000) + "]")) {
        try {
          NUGET.parseRange(bad);
        } catch (InvalidRangeException expected) {
          assertThat(expected.getMessage()).contains("nuget").hasSizeLessThan(400);
        }
        GarbageInputs.assertRejected(NUGET, bad);
      }
    }
  }

  @Nested
  class Properties {
    static OrderLaws laws;
    static List<Version> pool;

    @BeforeAll
    static void generate() {
      laws = OrderLaws.seeded(NUGET, "NuGetVersionSchemeTest");
      Random rnd = laws.random(0);
      pool = new ArrayList<>();
      int invalid = 0;
      while (pool.size() < 100_000) {
        Version v = laws.tryParse(randomVersion(rnd));
        if (v != null) {
          pool.add(v);
        } else {
          invalid++;
        }
      }
      assertThat(invalid).as("the generator also makes invalid versions").isPositive();
    }

    private static final String[] NUMBERS = {"0", "1", "2", "10", "01", "2147483647"};
    private static final String[] LABELS = {"alpha", "Alpha", "BETA", "beta", "rc", "0", "1", "2", "10", "-1", "a-b",
        "x", "01", "", "9999999999", "-"};

    static String randomVersion(Random rnd) {
      StringBuilder sb = new StringBuilder();
      int parts = 1 + rnd.nextInt(4);
      for (int i = 0; i < parts; i++) {
        sb.append(i == 0 ? "" : ".").append(NUMBERS[rnd.nextInt(NUMBERS.length)]);
      }
      int labels = rnd.nextInt(4);
      for (int i = 0; i < labels; i++) {
        sb.append(i == 0 ? "-" : ".").append(LABELS[rnd.nextInt(LABELS.length)]);
      }
      if (rnd.nextInt(4) == 0) {
        sb.append("+").append(LABELS[rnd.nextInt(LABELS.length)]);
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
      assertThat(equalPairs).isPositive();
    }

    @Test
    void sortingIsTransitive() {
      laws.assertSortedAtRandomPairs(pool.subList(0, 30_000), laws.random(2), 300_000);
    }
  }
}
