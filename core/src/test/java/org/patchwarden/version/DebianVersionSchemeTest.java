package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.version.Generators.number;
import static org.patchwarden.version.Generators.pick;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DebianVersionSchemeTest {
  private static final VersionScheme DEB = new DebianVersionScheme();

  static List<VectorFile.Comparison> vectors() {
    return VectorFile.comparisons("deb.tsv");
  }

  private static int cmp(String a, String b) {
    return DEB.compare(a, b);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void agreesWithDpkgOnEveryVector(VectorFile.Comparison row) {
    row.assertHoldsFor(DEB);
  }

  @Test
  void obeysTheOrderLawsOnGeneratedVersions() {
    OrderLaws.Counts counts = OrderLaws.seeded(DEB, "DebianVersionSchemeTest")
        .checkOnGeneratedStrings(DebianVersionSchemeTest::generate, 200_000, 400_000, 200_000,
            1_500);
    assertThat(counts.generated()).isGreaterThanOrEqualTo(1_000_000);
    assertThat(counts.validSingles()).isGreaterThan(counts.singles() / 2);
  }

  private static final String[] PIECES = {
    ".", ".", ".", "+", "~", "~", "a", "b", "z", "A", "rc", "dfsg", "-", "é", "_", "+b", "~rc", "."
  };

  static String generate(Random r) {
    StringBuilder sb = new StringBuilder();
    boolean epoch = r.nextInt(5) == 0;
    if (epoch) {
      sb.append(pick(r, "0", "1", "2", "00", "10", "+1", "-0")).append(':');
    }
    if (r.nextInt(20) != 0) {
      sb.append(number(r));
    }
    for (int parts = r.nextInt(5); parts > 0; parts--) {
      sb.append(epoch && r.nextInt(15) == 0 ? ":" : PIECES[r.nextInt(PIECES.length)]);
      if (r.nextBoolean()) {
        sb.append(number(r));
      }
    }
    if (r.nextInt(3) != 0) {
      sb.append('-');
      for (int parts = 1 + r.nextInt(3); parts > 0; parts--) {
        sb.append(r.nextBoolean() ? number(r) : pick(r, "ubuntu", "deb", "+", ".", "~", "a", "b"));
      }
    }
    if (r.nextInt(40) == 0) {
      sb.insert(0, ' ');
    }
    if (r.nextInt(40) == 0) {
      sb.append('\t');
    }
    return sb.toString();
  }

  @Test
  void sortsTildeBeforeEverythingEvenTheEnd() {
    assertThat(cmp("1.0~rc1", "1.0")).isNegative();
    assertThat(cmp("1.0~~", "1.0~")).isNegative();
    assertThat(cmp("1.0~~a", "1.0~~")).isPositive();
    assertThat(cmp("1.0~", "1.0")).isNegative();
  }

  @Test
  void sortsLettersBeforeNonLetters() {
    assertThat(cmp("1.0a", "1.0+")).isNegative();
    assertThat(cmp("1.0a", "1.0.")).isNegative();
    assertThat(cmp("1.0Z", "1.0a")).isNegative();
    assertThat(cmp("1.0", "1.0a")).isNegative();
  }

  @Test
  void comparesDigitRunsAsNumbersOfAnyLength() {
    assertThat(cmp("1.10", "1.9")).isPositive();
    assertThat(cmp("1.010", "1.10")).isZero();
    assertThat(cmp("1." + "9".repeat(60), "1.1" + "0".repeat(60))).isNegative();
    assertThat(cmp("1.000000000000000000000000000000000001", "1.1")).isZero();
  }

  @Test
  void letsTheEpochDominate() {
    assertThat(cmp("1:0.1", "9.9")).isPositive();
    assertThat(cmp("2147483647:1", "2147483646:9")).isPositive();
  }

  @Test
  void treatsEpochZeroAndRevisionZeroAsAbsent() {
    assertThat(DEB.parse("0:1.0")).isEqualTo(DEB.parse("1.0"));
    assertThat(DEB.parse("1.0-0")).isEqualTo(DEB.parse("1.0")).hasSameHashCodeAs(DEB.parse("1.0"));
    assertThat(DEB.parse("1.0-00")).isEqualTo(DEB.parse("1.0"));
    assertThat(DEB.parse("0:1.0").normalized()).isEqualTo("1.0");
    assertThat(DEB.parse("00:1.0-1").normalized()).isEqualTo("1.0-1");
    assertThat(DEB.parse("+02:1.0").normalized()).isEqualTo("2:1.0");
  }

  @Test
  void keepsAnEpochZeroWhenTheUpstreamHoldsAColon() {
    Version v = DEB.parse("0:1:2.0");
    assertThat(v.normalized()).isEqualTo("0:1:2.0");
    assertThat(DEB.parse(v.normalized())).isEqualTo(v);
    assertThat(v).isNotEqualTo(DEB.parse("1:2.0"));
  }

  @Test
  void splitsTheRevisionAtTheLastHyphen() {
    assertThat(cmp("1.0-1-2", "1.0-1-1")).isPositive();
    assertThat(cmp("1.0-1-2", "1.0-2")).isPositive(); // upstream "1.0-1" beats "1.0"
  }

  @Test
  void stripsLeadingAndTrailingBlanks() {
    Version v = DEB.parse(" \t1.0-1\t ");
    assertThat(v).isEqualTo(DEB.parse("1.0-1"));
    assertThat(v.text()).isEqualTo(" \t1.0-1\t ");
    assertThat(v.normalized()).isEqualTo("1.0-1");
  }

  @Test
  void stillComparesWhatDpkgOnlyWarnsAbout() {
    assertThat(cmp("abc", "abd")).isNegative();
    assertThat(cmp("1_0", "1.0")).isPositive(); // '_' weighs more than '.'
    assertThat(cmp("1.0é", "1.0.")).isNegative(); // NB: UTF-8 bytes weigh less than punctuation
    assertThat(cmp("1.0é", "1.0z")).isPositive();
  }

  @ParameterizedTest(name = "rejects {0}")
  @ValueSource(strings = {
    " ", "\t", "1 0", "1.0 -1", ":1.0", "1:", "a:1.0", "1a:1.0", "-1:1.0", "2147483648:1.0",
    "99999999999999999999999:1", "1.0-", "-1", "1:-1", "0:-", "+:1", "1.0 x"
  })
  void rejectsWhatDpkgCallsAnError(String text) {
    GarbageInputs.assertRejected(DEB, text);
  }

  @Test
  void takesEmptyAndUnknownAsTheBlankVersionLikeCompareVersions() {
    Version blank = DEB.parse("");
    assertThat(DEB.parse("<unknown>")).isEqualTo(blank).hasSameHashCodeAs(blank);
    assertThat(blank.normalized()).isEmpty();
    assertThat(blank).isEqualTo(DEB.parse("0")).hasSameHashCodeAs(DEB.parse("0-0"));
    assertThat(blank.compareTo(DEB.parse("0.1"))).isNegative();
    assertThat(blank.compareTo(DEB.parse("~"))).isPositive();
  }

  @Test
  void rejectsNullAndNul() {
    GarbageInputs.assertNullRejected(DEB);
    GarbageInputs.assertRejected(DEB, "1.0\u0000");
  }

  @Test
  void handlesGarbageWithACleanAnswer() {
    GarbageInputs.assertCleanAnswers(DEB);
  }

  @Test
  void handlesAHundredKilobyteVersion() {
    String big = "1." + "12345.".repeat(20_000) + "0-1";
    Version a = DEB.parse(big);
    Version b = DEB.parse(big.replace("0-1", "0-2"));
    assertThat(a.compareTo(b)).isNegative();
    assertThat(a).isEqualTo(DEB.parse(big)).hasSameHashCodeAs(DEB.parse(big));
  }

  @Test
  void comparesWithoutAllocating() {
    OrderLaws.assertComparesWithoutAllocating(DEB, "1:2.30-4ubuntu1", "2.36-9+deb12u4",
        "1.2.3~rc1-1", "2.36-9+deb12u4", "1.0é-1", "1." + "9".repeat(60));
  }

  @Test
  void refusesToCompareWithAnotherScheme() {
    Version other = new RpmVersionScheme().parse("1.0");
    assertThatThrownBy(() -> DEB.parse("1.0").compareTo(other))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isRegisteredForDebianEcosystems() {
    assertThat(Schemes.forEcosystem("Debian:12").name()).isEqualTo("deb");
    assertThat(Schemes.forEcosystem("Ubuntu:22.04:LTS").name()).isEqualTo("deb");
    assertThat(Schemes.forEcosystem("dpkg").name()).isEqualTo("deb");
  }

  @Test
  void acceptsVersConstraintsAsRanges() {
    VersionRange range = DEB.parseRange(">=1.0-1|<2.0~");
    assertThat(range.contains(DEB.parse("1.5"))).isTrue();
    assertThat(range.contains(DEB.parse("2.0~rc1"))).isFalse();
    assertThat(range.contains(DEB.parse("1.0"))).isFalse();
    assertThatThrownBy(() -> DEB.parseRange(">=1 0")).isInstanceOf(InvalidRangeException.class);
  }
}
