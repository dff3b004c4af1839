package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PanOsVersionSchemeTest {
  private static final PanOsVersionScheme PANOS = new PanOsVersionScheme();

  @Nested
  class Examples {
    @Test
    void hotfixesFollowTheirMaintenanceReleaseAndPrecedeTheNextOne() {
      OrderLaws.assertAscending(PANOS, "6.1.0", "8.1.21", "10.2.9", "10.2.9-h1", "10.2.9-h2", "10.2.9-h10",
          "10.2.10", "10.2.10-h36", "10.2.18-h6", "11.0.0", "12.1.4-h5");
    }

    @Test
    void numbersCompareNumericallyNotAsText() {
      OrderLaws.assertAscending(PANOS, "9.1.19", "10.1.0", "10.10.0");
      assertThat(PANOS.parse("010.02.09-h01")).isEqualTo(PANOS.parse("10.2.9-h1"));
      assertThat(PANOS.parse("10.2.9-H1")).isEqualTo(PANOS.parse("10.2.9-h1"));
    }

    @ParameterizedTest(name = "''{0}'' normalizes to ''{1}''")
    @CsvSource(delimiter = '|', value = {"10.2.9-h1|10.2.9-h1", "10.2.9-H01|10.2.9-h1", "010.2.0|10.2.0"})
    void normalizedFormDropsLeadingZerosAndLowersTheH(String text, String normalized) {
      PanOsVersion v = PANOS.parse(text);
      assertThat(v.normalized()).isEqualTo(normalized);
      assertThat(v.text()).isEqualTo(text);
    }

    @Test
    void aHotfixLineEndsAtTheNextMaintenanceRelease() {
      assertThat(PANOS.hotfixLineEnd(PANOS.parse("10.2.7-h34"))).isEqualTo(PANOS.parse("10.2.8"));
      assertThat(PANOS.hotfixLineEnd(PANOS.parse("12.1.7"))).isNull();
      assertThat(PANOS.parse("10.2.9-h1").maintenanceRelease()).isEqualTo(PANOS.parse("10.2.9"));
    }

    @Test
    void isRegisteredUnderPanOsAndPanos() {
      for (String name : List.of("pan-os", "PAN-OS", "panos")) {
        assertThat(Schemes.forEcosystem(name)).isInstanceOf(PanOsVersionScheme.class);
      }
    }

    @Test
    void rangesUseVersConstraints() {
      VersionRange affected = PANOS.parseRange(">=10.2.0|<10.2.10-h36");
      assertThat(affected.contains(PANOS.parse("10.2.9-h1"))).isTrue();
      assertThat(affected.contains(PANOS.parse("10.2.10-h36"))).isFalse();
    }
  }

  @Nested
  class Garbage {
    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", " ", "10", "10.2", "10.2.", "10.2.9.1", "10.2.9-h", "10.2.9-h0", "10.2.9h1",
        "10.2.9-c1", "10.2.9-h1-h2", "v10.2.9", " 10.2.9", "10.2.9 ", "1234567890.0.0", "10.2.9-h1\n", "\u0661.2.3"})
    void anythingButMajorMinorMaintenanceAndAHotfixIsRejected(String text) {
      GarbageInputs.assertRejected(PANOS, text);
    }

    @Test
    void nullIsRejected() {
      GarbageInputs.assertNullRejected(PANOS);
      GarbageInputs.assertNullRangeRejected(PANOS);
    }

    @Test
    void handlesGarbageWithACleanAnswer() {
      GarbageInputs.assertCleanAnswers(PANOS);
    }
  }

  @Nested
  class Properties {
    static OrderLaws laws;
    static List<Version> pool;

    @BeforeAll
    static void generate() {
      laws = OrderLaws.seeded(PANOS, "PanOsVersionSchemeTest");
      pool = laws.generate(50_000, Properties::randomVersion, laws.random(0));
    }

    static String randomVersion(Random rnd) {
      String v = number(rnd) + "." + number(rnd) + "." + number(rnd);
      return rnd.nextInt(3) == 0 ? v : v + (rnd.nextBoolean() ? "-h" : "-H") + (1 + rnd.nextInt(40));
    }

    private static String number(Random rnd) {
      int n = rnd.nextInt(13);
      return rnd.nextInt(8) == 0 ? "0" + n : Integer.toString(n);
    }

    @Test
    void everyVersionIsReflexiveAndSurvivesItsNormalizedForm() {
      laws.assertEachStable(pool);
    }

    @Test
    void pairsAreAntisymmetricAndEqualsAgreesWithCompareTo() {
      assertThat(laws.assertRandomPairs(pool, laws.random(1), 500_000)).isPositive();
    }

    @Test
    void sortingIsTransitive() {
      laws.assertSortedAtRandomPairs(pool.subList(0, 20_000), laws.random(2), 200_000);
    }

    @Test
    void agreesWithTheGenericFirmwareOrderOnEveryPanOsVersion() {
      // The generic scheme already orders PAN-OS text correctly; the dedicated one must never disagree.
      GenericVersionScheme generic = new GenericVersionScheme();
      Random rnd = laws.random(3);
      for (int i = 0; i < 200_000; i++) {
        Version a = pool.get(rnd.nextInt(pool.size()));
        Version b = pool.get(rnd.nextInt(pool.size()));
        int expected = Integer.signum(generic.parse(a.text()).compareTo(generic.parse(b.text())));
        if (Integer.signum(a.compareTo(b)) != expected) {
          laws.fail(a.text() + " vs " + b.text() + ": pan-os says " + a.compareTo(b) + ", generic " + expected);
        }
      }
    }
  }
}
