package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoVersionSchemeTest {
  private static final GoVersionScheme GO = new GoVersionScheme();

  // --- 1. every labelled vector ----------------------------------------------------------------

  static Stream<Arguments> comparisonVectors() {
    return NpmVersionSchemeTest.vectors("/vectors/go.tsv");
  }

  @ParameterizedTest(name = "row {0}: ''{1}'' vs ''{2}'' -> {3}")
  @MethodSource("comparisonVectors")
  void comparesEveryVectorAsXModSemverDoes(int row, String a, String b, String expected) {
    if (expected.equals("err")) {
      assertThatThrownBy(
              () -> {
                GO.parse(a);
                GO.parse(b);
              })
          .isInstanceOf(InvalidVersionException.class);
      return;
    }
    int want = Integer.parseInt(expected);
    Version va = GO.parse(a);
    Version vb = GO.parse(b);
    assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(want);
    assertThat(Integer.signum(vb.compareTo(va))).isEqualTo(-want);
    assertThat(va.equals(vb)).isEqualTo(want == 0);
    if (want == 0) {
      assertThat(va.hashCode()).isEqualTo(vb.hashCode());
    }
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
    long seed = Long.getLong("patchwarden.seed", System.nanoTime());
    System.out.println("GoVersionSchemeTest seed: " + seed + " (override with -Dpatchwarden.seed)");
    Random rnd = new Random(seed);
    GoVersion[] pool = new GoVersion[300_000];
    for (int i = 0; i < pool.length; i++) {
      String text = generate(rnd);
      GoVersion v = GO.parse(text);
      GoVersion again = GO.parse(v.normalized());
      if (!again.equals(v) || again.compareTo(v) != 0 || again.hashCode() != v.hashCode()) {
        throw new AssertionError("seed " + seed + ": " + text + " does not round-trip");
      }
      pool[i] = v;
    }
    // Pairs come from a small slice so that ties are frequent and the data stays in cache.
    for (int i = 0; i < 1_000_000; i++) {
      GoVersion a = pool[rnd.nextInt(4096)];
      GoVersion b = pool[rnd.nextInt(4096)];
      int ab = a.compareTo(b);
      int ba = b.compareTo(a);
      if (Integer.signum(ab) != -Integer.signum(ba)
          || a.compareTo(a) != 0
          || (ab == 0) != a.equals(b)
          || (ab == 0 && a.hashCode() != b.hashCode())) {
        throw new AssertionError("seed " + seed + ": " + a + " vs " + b);
      }
    }
    GoVersion[] sample = Arrays.copyOf(pool, 1200);
    Arrays.sort(sample);
    for (int i = 0; i < sample.length; i++) {
      for (int j = i + 1; j < sample.length; j++) {
        if (sample[i].compareTo(sample[j]) > 0) {
          throw new AssertionError("seed " + seed + ": " + sample[i] + " > " + sample[j]);
        }
      }
    }
  }

  // --- 3. garbage ------------------------------------------------------------------------------

  @Test
  void nullIsRejectedWithAClearError() {
    assertThatThrownBy(() -> GO.parse(null))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("go");
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
    assertThatThrownBy(() -> GO.parse(text))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("invalid go version");
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
    List<String> ordered =
        List.of(
            "v0.0.0-20191109021931-daa7c04131f5",
            "v0.0.0-20200101000000-aaaaaaaaaaaa",
            "v0.0.1",
            "v1.2.3-pre.0.20191109021931-daa7c04131f5",
            "v1.2.3",
            "v1.2.4-0.20191109021931-daa7c04131f5",
            "v1.2.4");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      assertThat(GO.compare(ordered.get(i), ordered.get(i + 1)))
          .as(ordered.get(i) + " < " + ordered.get(i + 1))
          .isEqualTo(-1);
    }
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
    for (int i = 0; i + 1 < chain.length; i++) {
      assertThat(GO.compare(chain[i], chain[i + 1]))
          .as(chain[i] + " < " + chain[i + 1])
          .isEqualTo(-1);
    }
  }

  @Test
  void isRegisteredUnderItsEcosystemNames() {
    assertThat(Schemes.forEcosystem("go")).isInstanceOf(GoVersionScheme.class);
    assertThat(Schemes.forEcosystem("Golang")).isInstanceOf(GoVersionScheme.class);
  }
}
