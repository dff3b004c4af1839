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

class RpmVersionSchemeTest {
  private static final VersionScheme RPM = new RpmVersionScheme();

  static List<VectorFile.Comparison> vectors() {
    return VectorFile.comparisons("rpm.tsv");
  }

  private static int cmp(String a, String b) {
    return RPM.compare(a, b);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void agreesWithRpmOnEveryVector(VectorFile.Comparison row) {
    row.assertHoldsFor(RPM);
  }

  @Test
  void obeysTheOrderLawsOnGeneratedVersions() {
    OrderLaws.Counts counts = OrderLaws.seeded(RPM, "RpmVersionSchemeTest")
        .checkOnGeneratedStrings(RpmVersionSchemeTest::generate, 200_000, 400_000, 200_000,
            1_500);
    assertThat(counts.generated()).isGreaterThanOrEqualTo(1_000_000);
    assertThat(counts.validSingles()).isEqualTo(counts.singles()); // rpm refuses only ""
  }

  private static final String[] SEPARATORS = {".", ".", ".", ".", "_", "+", "", "", " ", "é", ":"};
  private static final String[] WORDS = {
    "a", "b", "rc", "git", "A", "Z", "el", "fc", "~", "~", "^", "^", "beta", "post"
  };

  static String generate(Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(4) == 0) {
      sb.append(pick(r, "0:", "1:", "01:", ":", "2:", "10:", "00:"));
    }
    sb.append(r.nextInt(12) == 0 ? pick(r, WORDS) : number(r));
    parts(r, sb, r.nextInt(5));
    if (r.nextInt(5) < 3) {
      sb.append('-');
      sb.append(r.nextInt(10) == 0 ? "" : number(r));
      parts(r, sb, r.nextInt(4));
    }
    return sb.toString();
  }

  private static void parts(Random r, StringBuilder sb, int parts) {
    for (; parts > 0; parts--) {
      sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
      sb.append(r.nextInt(3) == 0 ? WORDS[r.nextInt(WORDS.length)] : number(r));
    }
  }

  @Test
  void sortsTildeBeforeEverythingEvenTheEnd() {
    assertThat(cmp("1.0~rc1", "1.0")).isNegative();
    assertThat(cmp("1.0~rc1", "1.0~rc1~1")).isPositive();
    assertThat(cmp("1.0~~", "1.0~")).isNegative();
  }

  @Test
  void sortsCaretAfterTheBaseButBeforeAnythingAppended() {
    assertThat(cmp("1.0^git1", "1.0")).isPositive();
    assertThat(cmp("1.0^git1", "1.0.1")).isNegative();
    assertThat(cmp("1.0^git1", "1.0a")).isNegative();
    assertThat(cmp("1.0^git1", "1.0~rc1")).isPositive();
    assertThat(cmp("1.0^git2", "1.0^git10")).isNegative();
  }

  @Test
  void ignoresWhichSeparatorSplitsTheSegments() {
    assertThat(RPM.parse("1.0")).isEqualTo(RPM.parse("1_0")).isEqualTo(RPM.parse("1..0"))
        .isEqualTo(RPM.parse("1.0.")).hasSameHashCodeAs(RPM.parse("1+0"));
    assertThat(RPM.parse("1a")).isEqualTo(RPM.parse("1.a"));
  }

  @Test
  void ranksNumbersAboveLettersAndComparesThemByValue() {
    assertThat(cmp("1.1", "1.a")).isPositive();
    assertThat(cmp("1.a", "1.1")).isNegative();
    assertThat(cmp("1.01", "1.1")).isZero();
    assertThat(cmp("1.10", "1.9")).isPositive();
    assertThat(cmp("1." + "9".repeat(60), "1.1" + "0".repeat(60))).isNegative();
    assertThat(cmp("1.0" + "0".repeat(60) + "7", "1.7")).isZero();
    assertThat(cmp("1.A", "1.a")).isNegative();
  }

  @Test
  void readsAMissingEpochAsZero() {
    assertThat(RPM.parse("0:1.0")).isEqualTo(RPM.parse("1.0")).hasSameHashCodeAs(RPM.parse("1.0"));
    assertThat(RPM.parse(":1.0")).isEqualTo(RPM.parse("1.0"));
    assertThat(cmp("1:1.0", "2.0")).isPositive();
    assertThat(cmp("10:1", "9:2")).isPositive();
    assertThat(RPM.parse("0:1.0").normalized()).isEqualTo("1.0");
    assertThat(RPM.parse("007:1.0").normalized()).isEqualTo("7:1.0");
    assertThat(RPM.parse("0:1:2").normalized()).isEqualTo("0:1:2");
  }

  @Test
  void takesOnlyLeadingDigitsBeforeAColonAsTheEpoch() {
    // "a:1.0" has no epoch: the whole of it is the version
    assertThat(cmp("a:1.0", "1:0")).isNegative();
    assertThat(cmp("1:2:3", "1:2.3")).isZero();
  }

  @Test
  void countsAReleasePresentOnOneSideOnly() {
    assertThat(cmp("1.0-1", "1.0")).isPositive();
    assertThat(cmp("1.0-", "1.0")).isPositive();
    assertThat(cmp("1.0-", "1.0-0")).isNegative();
    assertThat(cmp("1.0-1.el9", "1.0-1.el8")).isPositive();
    assertThat(cmp("1.0-1-2", "1.0-2")).isPositive(); // the release follows the last '-'
  }

  @Test
  void rejectsOnlyNullAndTheEmptyString() {
    GarbageInputs.assertRejected(RPM, "");
    GarbageInputs.assertNullRejected(RPM);
    GarbageInputs.assertRejected(RPM, "1\u0000");
    assertThat(cmp(" ", "...")).isZero();
    assertThat(cmp("-", "0:-")).isZero();
  }

  @Test
  void handlesGarbageWithACleanAnswer() {
    GarbageInputs.assertCleanAnswers(RPM);
  }

  @Test
  void handlesAHundredKilobyteVersion() {
    String big = "1." + "12345.".repeat(20_000) + "0-1";
    Version a = RPM.parse(big);
    Version b = RPM.parse(big.replace("0-1", "0-2"));
    assertThat(a.compareTo(b)).isNegative();
    assertThat(a).isEqualTo(RPM.parse(big)).hasSameHashCodeAs(RPM.parse(big));
  }

  @Test
  void comparesWithoutAllocating() {
    OrderLaws.assertComparesWithoutAllocating(RPM,
        "2.28-225.el8", "1:1.1.1k-12.el8_9", "2.0.0^git20230101-1.fc39",
        "1.0~rc1-0.1", "1.0", "1." + "9".repeat(60));
  }

  @Test
  void refusesToCompareWithAnotherScheme() {
    Version other = new DebianVersionScheme().parse("1.0");
    assertThatThrownBy(() -> RPM.parse("1.0").compareTo(other))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isRegisteredForRpmEcosystems() {
    for (String eco : List.of("Red Hat", "AlmaLinux:9", "Rocky Linux:8", "openSUSE", "SUSE:15",
        "Fedora", "openEuler", "Mageia", "Oracle Linux")) {
      assertThat(Schemes.forEcosystem(eco).name()).as(eco).isEqualTo("rpm");
    }
  }

  @Test
  void acceptsVersConstraintsAsRanges() {
    VersionRange range = RPM.parseRange(">=1.0-1|<2.0~");
    assertThat(range.contains(RPM.parse("1.5-3.el9"))).isTrue();
    assertThat(range.contains(RPM.parse("2.0~rc1"))).isFalse();
    assertThat(range.contains(RPM.parse("1.0"))).isFalse();
  }
}
