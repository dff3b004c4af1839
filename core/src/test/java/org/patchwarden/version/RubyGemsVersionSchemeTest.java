package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.version.Generators.bigNumber;
import static org.patchwarden.version.Generators.spell;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RubyGemsVersionSchemeTest {

  private static final RubyGemsVersionScheme GEMS = new RubyGemsVersionScheme();

  // ------------------------------------------------------------------ vectors

  static List<VectorFile.Comparison> comparisonVectors() {
    return VectorFile.comparisons("rubygems.tsv");
  }

  static List<VectorFile.Membership> rangeVectors() {
    return VectorFile.ranges("rubygems-ranges.tsv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparisonVectors")
  void everyComparisonVectorAgreesWithGemVersion(VectorFile.Comparison row) {
    row.assertHoldsFor(GEMS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rangeVectors")
  void everyRangeVectorAgreesWithRequirementSatisfiedBy(VectorFile.Membership row) {
    row.assertHoldsFor(GEMS);
  }

  // ------------------------------------------------------------- famous rules

  @Test
  void anyLetterMakesAPrereleaseThatSortsBeforeItsRelease() {
    OrderLaws.assertAscending(GEMS,
        "1.0.a", "1.0.a.1", "1.0.a10", "1.0.b", "1.0.beta", "1.0.pre", "1.0.rc1", "1.0", "1.0.1", "1.1.a", "1.1");
    assertThat(((RubyGemsVersion) GEMS.parse("1.0.a")).isPrerelease()).isTrue();
    assertThat(((RubyGemsVersion) GEMS.parse("1.0")).isPrerelease()).isFalse();
  }

  @Test
  void trailingZerosAreCanonicalisedOnBothSidesOfTheFirstLetter() {
    assertThat(GEMS.parse("1.0.0")).isEqualTo(GEMS.parse("1"));
    assertThat(GEMS.parse("1.0.a.0")).isEqualTo(GEMS.parse("1.a"));
    assertThat(GEMS.parse("1.0.a.0.b")).isNotEqualTo(GEMS.parse("1.a.b"));
    assertThat(GEMS.parse("0")).isEqualTo(GEMS.parse(""));
    assertThat(GEMS.parse("01.002")).isEqualTo(GEMS.parse("1.2"));
  }

  @Test
  void stringsCompareByteWiseSoUpperCaseSortsFirst() {
    assertThat(GEMS.compare("1.0.RC1", "1.0.rc1")).isEqualTo(-1);
    assertThat(GEMS.compare("1.0.Z", "1.0.a")).isEqualTo(-1);
  }

  @ParameterizedTest(name = "''{0}'' is spelled ''{1}''")
  @CsvSource({"1.0-rc1, 1.0.pre.rc1", "' 2.1 ', 2.1", "'', 0", "'\t', 0", "1-1-a, 1.pre.1.pre.a"})
  void normalizedIsGemVersionToS(String input, String normalized) {
    assertThat(GEMS.parse(input).normalized()).isEqualTo(normalized);
    assertThat(GEMS.parse(normalized)).isEqualTo(GEMS.parse(input));
  }

  @Test
  void pessimisticOperatorBumpsTheSecondToLastNumber() {
    assertThat(satisfies("~> 2.2", "2.9.9")).isTrue();
    assertThat(satisfies("~> 2.2", "3.0")).isFalse();
    assertThat(satisfies("~> 2.2.0", "2.2.9")).isTrue();
    assertThat(satisfies("~> 2.2.0", "2.3")).isFalse();
    assertThat(satisfies("~> 2", "2.9")).isTrue();
    assertThat(satisfies("~> 2", "3")).isFalse();
    // NB: the release of 3.0.a is 3.0, not below the bump 3 though 3.0.a < 3.
    assertThat(satisfies("~> 2.2", "3.0.a")).isFalse();
    assertThat(satisfies("~> 2.2", "2.9.a")).isTrue();
    assertThat(satisfies("~> 2.2.a", "2.9")).isTrue();
    assertThat(satisfies("~> 2.2.a", "2.2.a")).isTrue();
    assertThat(satisfies("~> 2.2.a", "3")).isFalse();
  }

  @Test
  void requirementListsMustAllHoldWithEqualsAsTheDefaultOperator() {
    assertThat(satisfies(">= 1.0, < 2", "1.5")).isTrue();
    assertThat(satisfies(">= 1.0, < 2", "2.0")).isFalse();
    assertThat(satisfies("1.0", "1")).isTrue();
    assertThat(satisfies("!= 1.0", "1.0.0")).isFalse();
    assertThat(satisfies(">1", "1.0.1")).isTrue();
    assertThat(satisfies("  <=\t1.0  ", "1.0.a")).isTrue();
    assertThat(satisfies("1.0,", "1.0")).isTrue();
  }

  @Test
  void anEmptyRequirementIsAtLeastZeroWhichExcludesZeroPrereleases() {
    assertThat(satisfies("", "0")).isTrue();
    assertThat(satisfies("", "99")).isTrue();
    assertThat(satisfies("", "0.a")).isFalse();
    assertThat(satisfies(",,", "0")).isTrue();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {" ", ",1", "1,,2", "=", "= ", "==1", "=>1", "~>", "~ > 1", ">= a", "1.0 2", "1a",
      "1.", "1-", "-1", ">=1.0 (", "[1.0]"})
  void malformedRequirementsAreRejected(String range) {
    GarbageInputs.assertRangeRejected(GEMS, range);
  }

  private static boolean satisfies(String range, String version) {
    return GEMS.parseRange(range).contains(GEMS.parse(version));
  }

  // ------------------------------------------------------------------ garbage

  @Test
  void garbageIsAnInvalidVersionNeverAnotherException() {
    List<String> garbage = new ArrayList<>(List.of("a", "1a", "1.", ".1", "1..2", "1-", "1.-a", "1.0 1",
        "\u0000", "1\u0000", "1.0\u00a0", "１", "1.é", "\uD800", "v1.0", "=1", "1_0", "1+0"));
    garbage.add("x".repeat(10_000));
    garbage.add("1." + "a".repeat(10_000) + "!");
    GarbageInputs.assertAllRejected(GEMS, garbage);
    GarbageInputs.assertNullRejected(GEMS);
    GarbageInputs.assertNullRangeRejected(GEMS);
  }

  @Test
  void handlesGarbageWithACleanAnswer() {
    GarbageInputs.assertCleanAnswers(GEMS);
  }

  @Test
  void quirkyButCorrectSpellingsAreAccepted() {
    // NB: '-' may repeat inside the pre-release part: "1--" is correct? and reads 1.pre..pre.
    assertThat(GEMS.parse("1--").normalized()).isEqualTo("1.pre..pre.");
    assertThat(GEMS.parse("1-a.-b")).isEqualTo(GEMS.parse("1.pre.a.pre.b"));
    assertThat(GEMS.parse("\n 1.0 \r\n\u000b").normalized()).isEqualTo("1.0");
  }

  @Test
  void hugeNumbersCompareNumerically() {
    String sixty = "9".repeat(60);
    assertThat(GEMS.compare(sixty, "1" + "0".repeat(60))).isEqualTo(-1);
    assertThat(GEMS.compare("000" + sixty + ".0", sixty)).isZero();
    assertThat(GEMS.compare("1.a." + sixty, "1.a." + "9".repeat(59))).isEqualTo(1);
    assertThat(GEMS.compare("999999999999999999", "1000000000000000000")).isEqualTo(-1);
    assertThat(satisfies("~> " + sixty + ".1", "1" + "0".repeat(60))).isFalse();
    assertThat(satisfies("~> 1." + sixty + ".1", "1." + sixty + ".7")).isTrue();
    assertThat(satisfies("~> 1." + sixty, "2")).isFalse();
    assertThat(satisfies("~> 999999999999999999", "999999999999999999.5")).isTrue();
    assertThat(satisfies("~> 999999999999999999", "1000000000000000000")).isFalse();
  }

  @Test
  void hundredKilobyteInputsFinish() {
    String longVersion = "1." + "0.".repeat(50_000) + "1";
    assertThat(GEMS.compare(longVersion, "1")).isEqualTo(1);
    assertThat(GEMS.parse("1-" + "a1.".repeat(33_000) + "b").normalized()).startsWith("1.pre.a1.a1");
    String longRange = ">= 1.0," + "!= 2.0,".repeat(15_000) + "< 3";
    assertThat(satisfies(longRange, "1.5")).isTrue();
    assertThatThrownBy(() -> GEMS.parseRange("~> " + "1".repeat(100_000) + "!"))
        .isInstanceOf(InvalidRangeException.class);
    assertThatThrownBy(() -> GEMS.parseRange("((((" + "[".repeat(100_000)))
        .isInstanceOf(InvalidRangeException.class);
  }

  @Test
  void comparingWithAnotherSchemesVersionIsAnIllegalArgument() {
    Version pypi = new Pep440VersionScheme().parse("1.0");
    assertThatThrownBy(() -> GEMS.parse("1.0").compareTo(pypi)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GEMS.parseRange("~> 1.0").contains(pypi)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void registeredUnderItsEcosystemNames() {
    for (String alias : List.of("rubygems", "RubyGems", "gem", "ruby")) {
      assertThat(Schemes.find(alias)).get().extracting(VersionScheme::name).isEqualTo("rubygems");
    }
  }

  // --------------------------------------------------------------- properties

  /**
   * Generates segment lists, spells them at random (separators, digit/letter adjacency, {@code -}
   * for {@code .pre.}, leading zeros, blanks) and checks the order against a model of
   * {@code canonical_segments} built with BigIntegers.
   */
  @Test
  void propertiesHoldOnGeneratedVersions() {
    OrderLaws laws = OrderLaws.seeded(GEMS, "RubyGemsVersionSchemeTest");
    Random rnd = laws.random(0);
    int n = 100_000;
    List<Version> versions = new ArrayList<>(n);
    List<List<Object>> models = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Object> segments = new ArrayList<>();
      Version v = laws.parse(generate(rnd, segments));
      laws.assertStable(v);
      versions.add(v);
      models.add(canonical(segments));
    }
    for (int i = 0; i < 900_000; i++) {
      int x = rnd.nextInt(n);
      int y = rnd.nextInt(n);
      int c = laws.assertPair(versions.get(x), versions.get(y));
      int want = compareModel(models.get(x), models.get(y));
      if (c != want) {
        laws.fail("'" + versions.get(x).text() + "' vs '" + versions.get(y).text() + "': got " + c
            + ", model says " + want);
      }
    }
    laws.assertSortedNeighbours(versions);
  }

  private static final String[] WORDS = {"a", "b", "pre", "rc", "beta", "alpha", "RC", "A", "z"};

  /** Spells a random valid version into the returned text and its raw segments into {@code segments}. */
  private static String generate(Random rnd, List<Object> segments) {
    StringBuilder s = new StringBuilder();
    if (rnd.nextInt(20) == 0) {
      s.append(" \t\n".charAt(rnd.nextInt(3)));
    }
    if (rnd.nextInt(50) == 0) {
      segments.add(BigInteger.ZERO); // blank reads as "0"
      return s.toString();
    }
    BigInteger first = bigNumber(rnd);
    segments.add(first);
    s.append(spell(first, rnd));
    boolean numeric = true;
    boolean prePart = false;
    int count = rnd.nextInt(6);
    for (int i = 0; i < count; i++) {
      boolean nextNumeric = rnd.nextInt(3) == 0;
      int sep = rnd.nextInt(4);
      if (sep == 0 && (i == 0 || nextNumeric == numeric)) {
        sep = 1; // adjacent runs of one kind would merge, and "1a" is not correct?
      }
      if (sep == 2 || (sep == 3 && !prePart && rnd.nextBoolean())) {
        s.append('-');
        segments.add("pre");
        prePart = true;
      } else if (sep != 0) {
        s.append('.');
      }
      if (nextNumeric) {
        BigInteger v = bigNumber(rnd);
        segments.add(v);
        s.append(spell(v, rnd));
      } else {
        String w = WORDS[rnd.nextInt(WORDS.length)];
        segments.add(w);
        s.append(w);
      }
      numeric = nextNumeric;
    }
    if (rnd.nextInt(20) == 0) {
      s.append(" \r\n\u000b\f".charAt(rnd.nextInt(5)));
    }
    return s.toString();
  }

  /** {@code canonical_segments}: trailing zeros dropped from the leading numbers and from the rest. */
  private static List<Object> canonical(List<Object> segments) {
    int firstString = 0;
    while (firstString < segments.size() && segments.get(firstString) instanceof BigInteger) {
      firstString++;
    }
    List<Object> numbers = new ArrayList<>(segments.subList(0, firstString));
    List<Object> rest = new ArrayList<>(segments.subList(firstString, segments.size()));
    while (!numbers.isEmpty() && BigInteger.ZERO.equals(numbers.get(numbers.size() - 1))) {
      numbers.remove(numbers.size() - 1);
    }
    while (!rest.isEmpty() && BigInteger.ZERO.equals(rest.get(rest.size() - 1))) {
      rest.remove(rest.size() - 1);
    }
    numbers.addAll(rest);
    return numbers;
  }

  private static int compareModel(List<Object> a, List<Object> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      Object x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      Object y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c;
      if (x instanceof BigInteger p && y instanceof BigInteger q) {
        c = p.compareTo(q);
      } else if (x instanceof String p && y instanceof String q) {
        c = p.compareTo(q);
      } else {
        c = x instanceof String ? -1 : 1;
      }
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return 0;
  }
}
