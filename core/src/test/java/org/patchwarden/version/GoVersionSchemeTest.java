package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoVersionSchemeTest {
  private static final GoVersionScheme GO = new GoVersionScheme();

  // --- 1. every labelled vector ----------------------------------------------------------------

  static List<VectorFile.Comparison> comparisonVectors() {
    return VectorFile.comparisons("go.tsv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparisonVectors")
  void comparesEveryVectorAsXModSemverDoes(VectorFile.Comparison row) {
    row.assertHoldsFor(GO);
  }

  // --- 2. properties on generated versions -----------------------------------------------------

  private static final String[] PRE_IDS = {
    "0",
    "1",
    "2",
    "10",
    "alpha",
    "beta",
    "rc",
    "RC",
    "a-b",
    "-",
    "1a",
    "20191109021931",
    "20191109021931-daa7c04131f5",
    "20230101000000-abcdefabcdef",
    "18446744073709551616"
  };

  static String generate(Random rnd) {
    StringBuilder b = new StringBuilder("v").append(number(rnd));
    int shape = rnd.nextInt(10);
    if (shape == 0) {
      return b.toString();
    }
    b.append('.').append(number(rnd));
    if (shape == 1) {
      return b.toString();
    }
    b.append('.').append(number(rnd));
    if (rnd.nextInt(3) == 0) {
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? '-' : '.').append(PRE_IDS[rnd.nextInt(PRE_IDS.length)]);
      }
    }
    if (rnd.nextInt(5) == 0) {
      b.append(rnd.nextBoolean() ? "+incompatible" : "+meta.1");
    }
    return b.toString();
  }

  private static String number(Random rnd) {
    return switch (rnd.nextInt(15)) {
      case 0 -> "1" + "0".repeat(rnd.nextInt(60));
      case 1 -> Long.toString(rnd.nextLong() & Long.MAX_VALUE);
      default -> Integer.toString(rnd.nextInt(4));
    };
  }

  @Test
  void orderIsATotalOrderConsistentWithEqualsOnGeneratedVersions() {
    OrderLaws laws = OrderLaws.seeded(GO, "GoVersionSchemeTest");
    Random rnd = laws.random(0);
    List<Version> pool = laws.generate(300_000, GoVersionSchemeTest::generate, rnd);
    laws.assertEachStable(pool);
    // Pairs come from a small slice so that ties are frequent and the data stays in cache.
    laws.assertRandomPairs(pool.subList(0, 4096), rnd, 1_000_000);
    laws.assertSortsPairwise(pool.subList(0, 1200));
  }

  // --- 3. garbage ------------------------------------------------------------------------------

  @Test
  void nullIsRejectedWithAClearError() {
    GarbageInputs.assertNullRejected(GO);
  }

  @Test
  void handlesGarbageWithACleanAnswer() {
    GarbageInputs.assertCleanAnswers(GO);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "v",
        "1.2.3",
        "V1.2.3",
        " v1.2.3",
        "v1.2.3 ",
        "v01.2.3",
        "v1.02.3",
        "v1.2.03",
        "v1.2.3.4",
        "v1.2-pre",
        "v1-pre",
        "v1+meta",
        "v1.2+meta",
        "v1.2.3-",
        "v1.2.3-01",
        "v1.2.3-a..b",
        "v1.2.3+",
        "v1.2.3+a..b",
        "v1.2.3+incompatible+x",
        "v1.2.3-ä",
        "v1.2.3\u0000",
        "v\u0000",
        "v1.",
        "v1.2.",
        "vx.y.z",
        "v1.2.3_4"
      })
  void rejectsWhatIsValidRejects(String text) {
    GarbageInputs.assertRejected(GO, text);
  }

  @Test
  void numbersOfAnyLengthCompareNumerically() {
    String sixty = "1" + "0".repeat(59);
    assertThat(GO.compare("v" + sixty + ".0.0", "v" + "9".repeat(59) + ".0.0")).isEqualTo(1);
    assertThat(GO.compare("v1.0.0-" + sixty, "v1.0.0-" + "9".repeat(59))).isEqualTo(1);
    assertThat(GO.compare("v1.0.0-" + sixty, "v1.0.0-" + sixty + "1")).isEqualTo(-1);
  }

  @Test
  void longInputsAreHandledInLinearTime() {
    String big = "v1.0.0-" + "a.".repeat(50_000) + "a";
    assertThat(GO.parse(big).compareTo(GO.parse(big + ".b"))).isEqualTo(-1);
    assertThatThrownBy(() -> GO.parse("v" + "1".repeat(100_000) + "x"))
        .isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> GO.parse("\u0001".repeat(100_000)))
        .isInstanceOf(InvalidVersionException.class);
    assertThat(GO.parse("v" + "7".repeat(10_000)).normalized()).endsWith(".0.0");
  }

  @Test
  void refusesToCompareWithAnotherSchemesVersion() {
    Version npm = new NpmVersionScheme().parse("1.0.0");
    assertThatThrownBy(() -> GO.parse("v1.0.0").compareTo(npm))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- 4. famous rules -------------------------------------------------------------------------

  @Test
  void shorthandsMeanZeroMinorAndPatch() {
    assertThat(GO.parse("v1")).isEqualTo(GO.parse("v1.0.0")).hasSameHashCodeAs(GO.parse("v1.0.0"));
    assertThat(GO.parse("v1.2")).isEqualTo(GO.parse("v1.2.0"));
    assertThat(GO.parse("v1.2").normalized()).isEqualTo("v1.2.0");
    assertThat(GO.parse("v1.2").text()).isEqualTo("v1.2");
  }

  @Test
  void incompatibleAndOtherBuildMetadataAreIgnored() {
    GoVersion incompatible = GO.parse("v2.0.0+incompatible");
    assertThat(incompatible).isEqualTo(GO.parse("v2.0.0"));
    assertThat(incompatible.normalized()).isEqualTo("v2.0.0");
    assertThat(incompatible.text()).isEqualTo("v2.0.0+incompatible");
  }

  @Test
  void pseudoVersionsOrderAsPreReleases() {
    OrderLaws.assertAscending(
        GO,
        "v0.0.0-20191109021931-daa7c04131f5",
        "v0.0.0-20200101000000-aaaaaaaaaaaa",
        "v0.0.1",
        "v1.2.3-pre.0.20191109021931-daa7c04131f5",
        "v1.2.3",
        "v1.2.4-0.20191109021931-daa7c04131f5",
        "v1.2.4");
  }

  @Test
  void preReleasesFollowTheSemVerPrecedenceChain() {
    String[] chain = {
      "v1.0.0-alpha",
      "v1.0.0-alpha.1",
      "v1.0.0-alpha.beta",
      "v1.0.0-beta",
      "v1.0.0-beta.2",
      "v1.0.0-beta.11",
      "v1.0.0-rc.1",
      "v1.0.0"
    };
    OrderLaws.assertAscending(GO, chain);
  }

  @Test
  void isRegisteredUnderItsEcosystemNames() {
    assertThat(Schemes.forEcosystem("go")).isInstanceOf(GoVersionScheme.class);
    assertThat(Schemes.forEcosystem("Golang")).isInstanceOf(GoVersionScheme.class);
  }
}
