package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GenericVersionSchemeTest {
  private static final GenericVersionScheme GENERIC = new GenericVersionScheme();

  private static void assertAscending(String... versions) {
    OrderLaws.assertAscending(GENERIC, versions);
  }

  @Nested
  class FirmwareExamples {
    @Test
    void panOsHotfixesFollowTheirReleaseAndPrecedeTheNextOne() {
      assertAscending("10.2.9", "10.2.9-h1", "10.2.9-h2", "10.2.9-h10", "10.2.10", "10.2.10-h3", "11.0.0");
    }

    @Test
    void ivantiFourPartVersionsCompareEveryPart() {
      assertAscending("12.0.0.0", "12.1.0.1", "12.1.0.2", "12.1.0.10", "12.2");
    }

    @Test
    void fortiOsPatchNumbersCompareNumerically() {
      assertAscending("7.4.3", "7.4.9", "7.4.10");
      assertThat(GENERIC.parse("7.4")).isEqualTo(GENERIC.parse("7.4.0")).isEqualTo(GENERIC.parse("v7.4.0.0"));
      assertThat(GENERIC.parse("7.4").hashCode()).isEqualTo(GENERIC.parse("7.4.0").hashCode());
    }

    @Test
    void ciscoRebuildLettersFollowTheirRelease() {
      assertAscending("17.9.4", "17.9.4a", "17.9.4b", "17.9.5");
      assertAscending("15.2(4)M3", "15.2(4)M10", "15.2(5)", "15.2(5)E1");
    }

    @Test
    void juniperServiceReleasesStack() {
      assertAscending("21.4R2", "21.4R3", "21.4R3-S5", "21.4R3-S5.4", "21.4R3-S6", "22.1R1");
    }

    @Test
    void apacheStyleVersionsAreNumeric() {
      assertAscending("2.4.9", "2.4.58", "2.4.100");
    }

    @Test
    void preReleaseWordsPrecedeTheRelease() {
      assertAscending("1.0-dev", "1.0-snapshot", "1.0-alpha", "1.0-alpha.2", "1.0-beta", "1.0-beta2", "1.0-beta10",
          "1.0-milestone", "1.0-pre", "1.0-preview", "1.0-rc1", "1.0-rc2", "1.0", "1.0-h1", "1.0-patch", "1.0-sp1",
          "1.0.1");
      assertAscending("0.9", "1.0-rc1", "1.0");
    }

    @Test
    void caseSeparatorsAndLeadingZerosDoNotMatter() {
      assertThat(GENERIC.parse("10.2.9-H1")).isEqualTo(GENERIC.parse("10.2.9_h1")).isEqualTo(GENERIC.parse("10.2.9h1"))
          .isEqualTo(GENERIC.parse("10.2.9.h.1")).isEqualTo(GENERIC.parse("010.02.09-h01"));
      assertThat(GENERIC.parse("1.0-RC1")).isEqualTo(GENERIC.parse("1.0.0rc1"));
      assertThat(GENERIC.parse(" 2.4.58 ")).isEqualTo(GENERIC.parse("2.4.58"));
    }

    @ParameterizedTest(name = "''{0}'' normalizes to ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "10.2.9-h1|10.2.9-h1",
        "10.2.9-H1|10.2.9-h1",
        "7.4.0|7.4",
        "V7.4.3|7.4.3",
        "17.9.4a|17.9.4-a",
        "15.2(4)M3|15.2.4-m3",
        "1.0.0-RC.1|1-rc1",
        "0|0",
        "beta2|0-beta2",
        "21.4R3-S5.4|21.4-r3-s5.4",
        "007.000123|7.123"})
    void normalizedFormIsLowerCaseAndCanonical(String text, String normalized) {
      GenericVersion v = GENERIC.parse(text);
      assertThat(v.normalized()).isEqualTo(normalized);
      assertThat(v.text()).isEqualTo(text);
      assertThat(GENERIC.parse(normalized)).isEqualTo(v);
    }

    @Test
    void numbersCompareNumericallyAtAnyLength() {
      String sixty = "9".repeat(60);
      assertAscending("1." + "9".repeat(59), "1." + sixty, "1.1" + "0".repeat(60));
      assertThat(GENERIC.parse("1.000" + sixty)).isEqualTo(GENERIC.parse("1." + sixty));
      assertAscending("20240101", "20240102235959", "99999999999999999999");
    }

    @Test
    void rangesUseVersConstraints() {
      VersionRange affected = GENERIC.parseRange(">=10.2.0|<10.2.9-h1");
      assertThat(affected.contains(GENERIC.parse("10.2.9"))).isTrue();
      assertThat(affected.contains(GENERIC.parse("10.2.9-h1"))).isFalse();
      assertThat(affected.contains(GENERIC.parse("10.1.14"))).isFalse();
    }

    @Test
    void isRegisteredUnderGenericCpeAndFirmware() {
      for (String name : List.of("generic", "cpe", "firmware", "CPE")) {
        assertThat(Schemes.forEcosystem(name)).isInstanceOf(GenericVersionScheme.class);
      }
    }
  }

  @Nested
  class Garbage {
    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", " ", "   ", "...", "-", "*", "1.*", "1.0\t", "1\u0000", "1.0\n2", "\u007f", "1#2",
        "1.0;rm", "[1.0]", "1.0\u200b", "\u0663.1", "1.0 \u0085"})
    void blankSymbolsAndControlCharactersAreRejected(String text) {
      GarbageInputs.assertRejected(GENERIC, text);
    }

    @Test
    void nullIsRejected() {
      GarbageInputs.assertNullRejected(GENERIC);
      GarbageInputs.assertNullRangeRejected(GENERIC);
    }

    @Test
    void handlesGarbageWithACleanAnswer() {
      GarbageInputs.assertCleanAnswers(GENERIC);
    }

    @Test
    void unicodeLettersAreWordsCaseFolded() {
      assertThat(GENERIC.parse("1.0-Ä")).isEqualTo(GENERIC.parse("1.0-ä"));
      assertThat(GENERIC.compare("1.0-ä", "1.0")).isPositive();
    }

    @Test
    void hugeInputsAreHandledInLinearTime() {
      String big = "1.".repeat(50_000) + "1";
      assertThat(GENERIC.compare(big, big + ".1")).isNegative();
      String words = "a1-".repeat(30_000);
      GenericVersion v = GENERIC.parse(words);
      assertThat(GENERIC.parse(v.normalized())).isEqualTo(v);
      assertThat(GENERIC.parse("9".repeat(100_000))).isEqualTo(GENERIC.parse("0" + "9".repeat(100_000)));
      assertThatThrownBy(() -> GENERIC.parse("1.".repeat(50_000) + "*"))
          .isInstanceOf(InvalidVersionException.class).message().hasSizeLessThan(300);
      assertThatThrownBy(() -> GENERIC.parseRange(">=1|<" + "[".repeat(10_000)))
          .isInstanceOf(InvalidRangeException.class);
    }
  }

  @Nested
  class Properties {
    static OrderLaws laws;
    static List<Version> pool;

    @BeforeAll
    static void generate() {
      laws = OrderLaws.seeded(GENERIC, "GenericVersionSchemeTest");
      pool = laws.generate(100_000, Properties::randomVersion, laws.random(0));
    }

    private static final String[] TOKENS = {"0", "1", "2", "9", "10", "00", "012", "123456789012345678901234", "h",
        "H", "a", "b", "p", "rc", "RC", "beta", "alpha", "dev", "pre", "preview", "snapshot", "milestone", "patch",
        "sp", "r", "s", "m", "é", "É"};
    private static final String[] SEPARATORS = {".", "-", "_", "", "", "(", ")", "+", " "};

    static String randomVersion(Random rnd) {
      StringBuilder sb = new StringBuilder(rnd.nextInt(10) == 0 ? "v" : "");
      sb.append(rnd.nextInt(4));
      int n = rnd.nextInt(6);
      for (int i = 0; i < n; i++) {
        sb.append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]).append(TOKENS[rnd.nextInt(TOKENS.length)]);
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
