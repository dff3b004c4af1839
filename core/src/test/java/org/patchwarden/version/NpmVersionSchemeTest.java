package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpmVersionSchemeTest {
  private static final NpmVersionScheme NPM = new NpmVersionScheme();

  // --- 1. every labelled vector ----------------------------------------------------------------

  static List<VectorFile.Comparison> comparisonVectors() {
    return VectorFile.comparisons("npm.tsv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparisonVectors")
  void comparesEveryVectorAsNodeSemverDoes(VectorFile.Comparison row) {
    row.assertHoldsFor(NPM);
  }

  // --- 2. properties on generated versions -----------------------------------------------------

  private static final String[] PRE_IDS = {
    "0",
    "1",
    "2",
    "10",
    "11",
    "alpha",
    "beta",
    "rc",
    "Alpha",
    "a-b",
    "-",
    "1a",
    "0a",
    "x",
    "9007199254740991",
    "9007199254740993",
    "18446744073709551616",
    "18446744073709551617"
  };

  /** A version string node-semver accepts, drawn from small pools so that ties are frequent. */
  static String generate(Random rnd) {
    StringBuilder b = new StringBuilder();
    if (rnd.nextInt(8) == 0) {
      b.append(rnd.nextBoolean() ? " " : "\u00a0");
    }
    if (rnd.nextInt(4) == 0) {
      b.append('v');
    }
    b.append(component(rnd)).append('.').append(component(rnd)).append('.').append(component(rnd));
    if (rnd.nextInt(3) == 0) {
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? '-' : '.').append(PRE_IDS[rnd.nextInt(PRE_IDS.length)]);
      }
    }
    if (rnd.nextInt(5) == 0) {
      b.append('+').append(rnd.nextBoolean() ? "build.1" : "sha-" + rnd.nextInt(100));
    }
    if (rnd.nextInt(8) == 0) {
      b.append('\n');
    }
    return b.toString();
  }

  private static String component(Random rnd) {
    return switch (rnd.nextInt(12)) {
      case 0 -> "9007199254740991";
      case 1 -> Long.toString(rnd.nextLong(NpmVersionScheme.MAX_SAFE_INTEGER));
      default -> Integer.toString(rnd.nextInt(4));
    };
  }

  @Test
  void orderIsATotalOrderConsistentWithEqualsOnGeneratedVersions() {
    OrderLaws laws = OrderLaws.seeded(NPM, "NpmVersionSchemeTest");
    Random rnd = laws.random(0);
    // 300,000 parses: each normalizes to an equal version.
    List<Version> pool = laws.generate(300_000, NpmVersionSchemeTest::generate, rnd);
    laws.assertEachStable(pool);
    // 1,000,000 pairs: reflexive, antisymmetric, equals and hashCode agree with compareTo.
    // Pairs come from a small slice so that ties are frequent and the data stays in cache.
    laws.assertRandomPairs(pool.subList(0, 4096), rnd, 1_000_000);
    // Transitivity: a sorted sample is ordered pairwise (1,200 versions, ~720,000 pairs).
    laws.assertSortsPairwise(pool.subList(0, 1200));
  }

  // --- 3. garbage ------------------------------------------------------------------------------

  @Test
  void nullIsRejectedWithAClearError() {
    GarbageInputs.assertNullRejected(NPM);
  }

  @Test
  void handlesGarbageWithACleanAnswer() {
    GarbageInputs.assertCleanAnswers(NPM);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        " ",
        "v",
        "=1.2.3",
        "1",
        "1.2",
        "1.2.3.4",
        "01.2.3",
        "1.02.3",
        "1.2.03",
        "1.2.3-",
        "1.2.3-01",
        "1.2.3-a..b",
        "1.2.3+",
        "1.2.3+a..b",
        "1.2.3-a+",
        "1.2.3 beta",
        "v 1.2.3",
        "V1.2.3",
        "vv1.2.3",
        "1.2.3-a_b",
        "1.2.3-ä",
        "\u0000",
        "1.2.3\u0000",
        "1.2.3-\u0007",
        "9007199254740992.0.0",
        "0.9007199254740992.0",
        "0.0.99999999999999999999"
      })
  void rejectsWhatNodeSemverRejects(String text) {
    GarbageInputs.assertRejected(NPM, text);
  }

  @Test
  void sixtyDigitNumbersAreRejectedAsComponentsButComparedAsDoublesInPreReleases() {
    String sixty = "1" + "0".repeat(59);
    assertThatThrownBy(() -> NPM.parse(sixty + ".0.0")).isInstanceOf(InvalidVersionException.class);
    assertThat(NPM.compare("1.0.0-" + "9".repeat(200), "1.0.0-" + "8".repeat(200))).isEqualTo(1);
    // NB: JavaScript turns both into the double 1e59, so node-semver calls them equal.
    assertThat(NPM.compare("1.0.0-" + sixty, "1.0.0-" + "9".repeat(59))).isZero();
    assertThat(NPM.parse("1.0.0-18446744073709551616"))
        .isEqualTo(NPM.parse("1.0.0-18446744073709551617"))
        .hasSameHashCodeAs(NPM.parse("1.0.0-18446744073709551617"));
  }

  @Test
  void longInputsAreRejectedQuicklyAndWithoutOverflow() {
    assertThatThrownBy(() -> NPM.parse("1.0.0-" + "a".repeat(10_000)))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(() -> NPM.parse("1".repeat(100_000)))
        .isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> NPM.parse("\u0001".repeat(100_000)))
        .isInstanceOf(InvalidVersionException.class);
    // NB: the 256-character limit counts the untrimmed input.
    assertThatThrownBy(() -> NPM.parse(" ".repeat(252) + "1.0.0"))
        .isInstanceOf(InvalidVersionException.class);
    assertThat(NPM.parse(" ".repeat(251) + "1.0.0").normalized()).isEqualTo("1.0.0");
  }

  @Test
  void refusesToCompareWithAnotherSchemesVersion() {
    Version go = new GoVersionScheme().parse("v1.0.0");
    assertThatThrownBy(() -> NPM.parse("1.0.0").compareTo(go))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- 4. famous rules -------------------------------------------------------------------------

  @Test
  void aPreReleaseSortsBelowItsRelease() {
    assertThat(NPM.compare("1.0.0-alpha", "1.0.0")).isEqualTo(-1);
    assertThat(NPM.compare("1.0.0-rc.1", "0.9.9")).isEqualTo(1);
  }

  @Test
  void preReleasesFollowTheSemVerPrecedenceChain() {
    String[] chain = {
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0"
    };
    OrderLaws.assertAscending(NPM, chain);
  }

  @Test
  void numericIdentifiersSortBelowAlphanumericOnesAndCompareAsNumbers() {
    assertThat(NPM.compare("1.0.0-2", "1.0.0-10")).isEqualTo(-1);
    assertThat(NPM.compare("1.0.0-999", "1.0.0-a")).isEqualTo(-1);
    assertThat(NPM.compare("1.0.0-1a", "1.0.0-1")).isEqualTo(1);
    assertThat(NPM.compare("1.0.0-Z", "1.0.0-a")).as("ASCII order").isEqualTo(-1);
  }

  @Test
  void buildMetadataIsIgnoredByOrderAndEquality() {
    NpmVersion a = NPM.parse("1.0.0+a");
    NpmVersion b = NPM.parse("1.0.0+b");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.text()).isEqualTo("1.0.0+a");
    assertThat(a.normalized()).isEqualTo("1.0.0");
  }

  @Test
  void aLeadingVAndSurroundingWhitespaceAreAcceptedButALeadingEqualsIsNot() {
    assertThat(NPM.parse(" v1.2.3\n")).isEqualTo(NPM.parse("1.2.3"));
    assertThat(NPM.parse("\ufeff1.2.3").normalized()).isEqualTo("1.2.3");
    assertThatThrownBy(() -> NPM.parse("=1.2.3")).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void componentsStopAtJavaScriptsLargestSafeInteger() {
    assertThat(NPM.parse("9007199254740991.9007199254740991.9007199254740991").major())
        .isEqualTo(9007199254740991L);
    assertThatThrownBy(() -> NPM.parse("1.9007199254740992.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("minor");
  }

  @Test
  void isRegisteredUnderItsEcosystemNames() {
    for (String alias : List.of("npm", "NPM", "semver", "javascript", "node")) {
      assertThat(Schemes.forEcosystem(alias)).isInstanceOf(NpmVersionScheme.class);
    }
  }
}
