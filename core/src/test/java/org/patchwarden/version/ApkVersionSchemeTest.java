package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.version.Generators.pick;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApkVersionSchemeTest {
  private static final VersionScheme APK = new ApkVersionScheme();

  static List<VectorFile.Comparison> vectors() {
    return VectorFile.comparisons("apk.tsv");
  }

  private static int cmp(String a, String b) {
    return APK.compare(a, b);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void agreesWithApkToolsOnEveryVector(VectorFile.Comparison row) {
    row.assertHoldsFor(APK);
  }

  @Test
  void obeysTheOrderLawsOnGeneratedVersions() {
    OrderLaws.Counts counts = OrderLaws.seeded(APK, "ApkVersionSchemeTest")
        .checkOnGeneratedStrings(ApkVersionSchemeTest::generate, 200_000, 400_000, 200_000,
            1_500);
    assertThat(counts.generated()).isGreaterThanOrEqualTo(1_000_000);
    assertThat(counts.validSingles()).isGreaterThan(counts.singles() * 9 / 10);
  }

  private static final String[] SUFFIXES = {
    "alpha", "beta", "pre", "rc", "cvs", "svn", "git", "hg", "p"
  };
  private static final String MUTATIONS = "._-~r0z9A ";

  static String generate(Random r) {
    StringBuilder sb = new StringBuilder(number(r));
    for (int k = r.nextInt(4); k > 0; k--) {
      sb.append('.').append(number(r));
    }
    if (r.nextInt(4) == 0) {
      sb.append((char) ('a' + r.nextInt(3)));
    }
    for (int k = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0; k > 0; k--) {
      sb.append('_').append(SUFFIXES[r.nextInt(SUFFIXES.length)]);
      if (r.nextBoolean()) {
        sb.append(number(r));
      }
    }
    if (r.nextInt(8) == 0) {
      sb.append('~');
      for (int k = 1 + r.nextInt(3); k > 0; k--) {
        sb.append("0123456789abcdef".charAt(r.nextInt(16)));
      }
    }
    if (r.nextBoolean()) {
      sb.append("-r").append(number(r));
    }
    if (r.nextInt(25) == 0) {
      int at = r.nextInt(sb.length() + 1);
      if (r.nextBoolean() || at == sb.length()) {
        sb.insert(at, MUTATIONS.charAt(r.nextInt(MUTATIONS.length())));
      } else {
        sb.deleteCharAt(at);
      }
    }
    return sb.toString();
  }

  static String number(Random r) {
    int kind = r.nextInt(24);
    if (kind == 0) {
      return "0".repeat(1 + r.nextInt(2)) + r.nextInt(10);
    }
    if (kind == 1) {
      // around 2^64, where apk's uint64_t wraps
      return pick(r, "18446744073709551615", "18446744073709551616", "18446744073709551617",
          "36893488147419103233", "100000000000000000000");
    }
    return Integer.toString(r.nextInt(kind < 14 ? 3 : 20));
  }

  @Test
  void ordersPreReleaseSuffixesFirstAndLettersAndNumbersLast() {
    String[] ordered = {
      "1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre", "1.0_rc1", "1.0_rc2", "1.0", "1.0-r1",
      "1.0~abc", "1.0_cvs", "1.0_svn", "1.0_git", "1.0_hg", "1.0_p1", "1.0a", "1.0.1"
    };
    OrderLaws.assertAscending(APK, ordered);
  }

  @Test
  void comparesDottedNumbersWithALeadingZeroAsStrings() {
    assertThat(cmp("1.05", "1.1")).isNegative();
    assertThat(cmp("1.05", "1.005")).isPositive();
    assertThat(cmp("1.0", "1.00")).isNegative();
    assertThat(cmp("01.1", "1.1")).isZero(); // but not the first number
    assertThat(cmp("1.0_rc01", "1.0_rc1")).isZero();
  }

  @Test
  void wrapsNumbersModuloTwoToTheSixtyFour() {
    // NB: apk-tools accumulates digits in a uint64_t without an overflow check
    assertThat(cmp("1.18446744073709551617", "1.1")).isZero();
    assertThat(cmp("1-r18446744073709551616", "1-r0")).isZero();
    assertThat(APK.parse("18446744073709551616")).hasSameHashCodeAs(APK.parse("0"));
  }

  @Test
  void ordersTheCommitHashAfterSuffixesAndBeforeTheRevision() {
    assertThat(cmp("1.0~abc", "1.0")).isPositive();
    assertThat(cmp("1.0~abc", "1.0~abd")).isNegative();
    assertThat(cmp("1.0~abc-r1", "1.0~abc-r0")).isPositive();
    assertThat(cmp("1.0_rc1~abc", "1.0")).isNegative();
  }

  @ParameterizedTest(name = "rejects {0}")
  @ValueSource(strings = {
    "", "v1.0", "1..0", "1.0.", ".1", "1.0-1", "1.0-r", "1.0a1", "1.0ab", "1.0A", "1.0_foo",
    "1.0_RC1", "1.0_", "1.0~", "1.0~ABC", "1.0~g", "1.0-r1_p1", "1.0-r1~abc", "1.0~ab~cd",
    "1.0_alpha.1", "1.0a.1", " 1.0", "1.0 ", "1.0-r1-r2", "1.0é"
  })
  void rejectsWhatApkToolsCallsInvalid(String text) {
    GarbageInputs.assertRejected(APK, text);
  }

  @Test
  void rejectsNull() {
    GarbageInputs.assertNullRejected(APK);
  }

  @Test
  void handlesGarbageWithACleanAnswer() {
    GarbageInputs.assertCleanAnswers(APK);
  }

  @Test
  void handlesAHundredKilobyteVersion() {
    String big = "1." + "12345.".repeat(20_000) + "0-r1";
    Version a = APK.parse(big);
    Version b = APK.parse(big.replace("0-r1", "0-r2"));
    assertThat(a.compareTo(b)).isNegative();
    assertThat(a).isEqualTo(APK.parse(big)).hasSameHashCodeAs(APK.parse(big));
    assertThatThrownBy(() -> APK.parse(big + "-")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void comparesWithoutAllocating() {
    OrderLaws.assertComparesWithoutAllocating(APK,
        "1.36.1-r15", "2.40_rc1-r0", "1.2.3_p20230101-r2",
        "1.0~abc1-r1", "1.05a", "1." + "9".repeat(60));
  }

  @Test
  void refusesToCompareWithAnotherScheme() {
    Version other = new DebianVersionScheme().parse("1.0");
    assertThatThrownBy(() -> APK.parse("1.0").compareTo(other))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isRegisteredForAlpineEcosystems() {
    for (String eco : List.of("Alpine:v3.19", "Wolfi", "Chainguard", "alpaquita")) {
      assertThat(Schemes.forEcosystem(eco).name()).as(eco).isEqualTo("apk");
    }
  }

  @Test
  void acceptsVersConstraintsAsRanges() {
    VersionRange range = APK.parseRange(">=1.2.3-r1|<1.3_alpha");
    assertThat(range.contains(APK.parse("1.2.9"))).isTrue();
    assertThat(range.contains(APK.parse("1.3_alpha1"))).isFalse();
    assertThat(range.contains(APK.parse("1.2.3"))).isFalse();
    assertThatThrownBy(() -> APK.parseRange(">=1.0-1")).isInstanceOf(InvalidRangeException.class);
  }
}
