package org.patchwarden.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.version.Generators.bigNumber;
import static org.patchwarden.version.Generators.spell;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class Pep440VersionSchemeTest {

  private static final Pep440VersionScheme PYPI = new Pep440VersionScheme();

  // ------------------------------------------------------------------ vectors

  static List<VectorFile.Comparison> comparisonVectors() {
    return VectorFile.comparisons("pypi.tsv");
  }

  static List<VectorFile.Membership> rangeVectors() {
    return VectorFile.ranges("pypi-ranges.tsv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("comparisonVectors")
  void everyComparisonVectorAgreesWithPackaging(VectorFile.Comparison row) {
    row.assertHoldsFor(PYPI);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rangeVectors")
  void everyRangeVectorAgreesWithSpecifierSetContains(VectorFile.Membership row) {
    row.assertHoldsFor(PYPI);
  }

  // ------------------------------------------------------------- famous rules

  @Test
  void devReleasesSortBeforePreReleasesWhichSortBeforeTheFinalAndItsPostReleases() {
    OrderLaws.assertAscending(PYPI, "1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0a1.post1", "1.0b1", "1.0rc1",
        "1.0", "1.0+local", "1.0.post1.dev1", "1.0.post1", "1.1.dev1");
  }

  @ParameterizedTest(name = "{0} normalizes to {1}")
  @CsvSource({
      "1.0-RC1, 1.0rc1", "1.0-1, 1.0.post1", "v1.0, 1.0", "1.0alpha, 1.0a0", "1.0c2, 1.0rc2",
      "1.0-preview_3, 1.0rc3", "1.0_rev.4, 1.0.post4", "1.0.r, 1.0.post0", "1.0DEV, 1.0.dev0",
      "0!1.0, 1.0", "2!01.002, 2!1.2", "1.0+Ubuntu-1_b, 1.0+ubuntu.1.b", "1.0+007, 1.0+7",
      "' 1.0\t', 1.0"
  })
  void normalizedIsPackagingsStr(String input, String normalized) {
    assertThat(PYPI.parse(input).normalized()).isEqualTo(normalized);
  }

  @Test
  void trailingZerosAndSpellingsDoNotChangeEquality() {
    assertThat(PYPI.parse("1.0.0")).isEqualTo(PYPI.parse("1"));
    assertThat(PYPI.parse("1.0-c1")).isEqualTo(PYPI.parse("1.0rc1"));
    assertThat(PYPI.parse("1.0+ABC.01")).isEqualTo(PYPI.parse("1.0+abc.1"));
    assertThat(PYPI.parse("1.0+abc")).isNotEqualTo(PYPI.parse("1.0"));
  }

  @Test
  void localSegmentsCompareNumericAboveAlphanumericAndShorterFirst() {
    assertThat(PYPI.compare("1.0+abc", "1.0+1")).isEqualTo(-1);
    assertThat(PYPI.compare("1.0+2", "1.0+10")).isEqualTo(-1);
    assertThat(PYPI.compare("1.0+abc", "1.0+abc.1")).isEqualTo(-1);
    assertThat(PYPI.compare("1.0+b", "1.0+abc")).isEqualTo(1);
  }

  @Test
  void specifiersFollowPep440sExclusiveOrderedComparisons() {
    assertThat(contains("<3.1", "3.1.dev0")).isFalse();
    assertThat(contains("<3.1", "3.0.dev0")).isTrue();
    assertThat(contains("<3.1a2", "3.1a1")).isTrue();
    assertThat(contains(">3.1", "3.1.post1")).isFalse();
    assertThat(contains(">3.1", "3.1+local")).isFalse();
    assertThat(contains(">3.1.post1", "3.1.post2")).isTrue();
    assertThat(contains("==1.0", "1.0+local")).isTrue();
    assertThat(contains("==1.0+other", "1.0+local")).isFalse();
    assertThat(contains("==1.1.*", "1.1.post1")).isTrue();
    assertThat(contains("==1.1.0.*", "1.1")).isTrue();
    assertThat(contains("!=1.1.*", "1.10")).isTrue();
    assertThat(contains("~=2.2", "2.9")).isTrue();
    assertThat(contains("~=2.2", "3.0")).isFalse();
    assertThat(contains("~=1.4.5", "1.5")).isFalse();
    assertThat(contains("~=1!1.4", "1!1.9")).isTrue();
    assertThat(contains("===1.0", "1.0")).isTrue();
    assertThat(contains("===1.0", "1.0.0")).isFalse();
    assertThat(contains(">=1.0, <2.0, !=1.5.*", "1.5.1")).isFalse();
    assertThat(contains("", "0.0.dev0")).isTrue();
    assertThat(contains(" , ,", "1")).isTrue();
  }

  @Test
  void compatibleReleaseUsesTheSpecifierTextAsWrittenLikePackaging() {
    // NB: packaging builds the ~= prefix from the raw text: "c1" is not a recognised suffix there.
    assertThat(contains("~=1.4.5c1", "1.4.9")).isFalse();
    assertThat(contains("~=1.4.5rc1", "1.4.9")).isTrue();
    assertThat(contains("~=v1.4", "1.5")).isTrue();
  }

  @Test
  void prefixMatchingIgnoresEpochsTheWayPackaging23Did() {
    // NB: packaging 23.0 splits "1!2.0" into "1!2" and "0"; "1!2" is no number, so the padding
    // logic lets "==0.*" match any version with an epoch and makes "==1!2.0.*" miss 1!2.0.
    assertThat(contains("==0.*", "1!5.0")).isTrue();
    assertThat(contains("==1.*", "1!1.0")).isFalse();
    assertThat(contains("==1!2.0.*", "1!2.0")).isFalse();
    assertThat(contains("==1!2.0.*", "1!2.0.1")).isTrue();
    assertThat(contains("~=0.10", "1!1.0a1.post5")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "~=1", "==1.0a1.*", "<1.0.*", ">=1.0+local", "~=1.0+local", "~=1.0.*", "=1.0", "1.0",
      "== 1.0 .*", ">= 1.0 1", "=== a b", "===1);", "!== 1", "<==1", ">=", "==*", "==1.*.*"})
  void invalidSpecifiersAreRejected(String range) {
    GarbageInputs.assertRangeRejected(PYPI, range);
  }

  private static boolean contains(String range, String version) {
    return PYPI.parseRange(range).contains(PYPI.parse(version));
  }

  // ------------------------------------------------------------------ garbage

  @Test
  void garbageIsAnInvalidVersionNeverAnotherException() {
    List<String> garbage = new ArrayList<>(List.of("", " ", "\u0000", "1.0\u0000", "\u0007", "v", "!",
        "1!", "!1", "1..0", "1.0+", "1.0+a..b", "+1", "1.0-", "1.0a1a1", "１.０", "٠١٢", "1.0é", "\uD800",
        "1.0.post1.post2", "1" + "\u0000".repeat(10)));
    garbage.add("x".repeat(10_000));
    garbage.add("1." + "a".repeat(10_000));
    garbage.add("1.0+" + "a.".repeat(5_000));
    GarbageInputs.assertAllRejected(PYPI, garbage);
    GarbageInputs.assertNullRejected(PYPI);
    GarbageInputs.assertNullRangeRejected(PYPI);
  }

  @Test
  void handlesGarbageWithACleanAnswer() {
    GarbageInputs.assertCleanAnswers(PYPI);
  }

  @Test
  void hugeNumbersCompareNumerically() {
    String sixty = "9".repeat(60);
    assertThat(PYPI.compare(sixty, "1" + "0".repeat(60))).isEqualTo(-1);
    assertThat(PYPI.compare("0000" + sixty, sixty + ".0")).isZero();
    assertThat(PYPI.compare("1.0a" + sixty, "1.0a" + "9".repeat(59))).isEqualTo(1);
    assertThat(PYPI.compare("1.0+" + sixty, "1.0+" + "9".repeat(18))).isEqualTo(1);
    assertThat(PYPI.compare("999999999999999999", "1000000000000000000")).isEqualTo(-1);
    assertThat(PYPI.parse(sixty + "!1").normalized()).isEqualTo(sixty + "!1");
  }

  @Test
  void hundredKilobyteInputsFinish() {
    String longRelease = "1." + "0.".repeat(50_000) + "1";
    assertThat(PYPI.compare(longRelease, "1")).isEqualTo(1);
    assertThat(PYPI.parse("1+" + "a1.".repeat(33_000) + "b").normalized()).startsWith("1+a1.a1");
    String longRange = ">=1.0," + "!=2.0,".repeat(15_000) + "<3";
    assertThat(PYPI.parseRange(longRange).contains(PYPI.parse("1.5"))).isTrue();
    assertThatThrownBy(() -> PYPI.parseRange("~=" + "1".repeat(100_000) + "x"))
        .isInstanceOf(InvalidRangeException.class);
    String digits = "1".repeat(100_000);
    assertThat(PYPI.parseRange("==" + digits + ".*").contains(PYPI.parse(digits + ".5"))).isTrue();
    assertThatThrownBy(() -> PYPI.parseRange("==" + digits + "x.*")).isInstanceOf(InvalidRangeException.class);
    assertThat(PYPI.parseRange("~=" + "1.".repeat(50_000) + "0").contains(PYPI.parse("1"))).isFalse();
    assertThatThrownBy(() -> PYPI.parseRange("((((" + "[".repeat(100_000)))
        .isInstanceOf(InvalidRangeException.class);
  }

  @Test
  void comparingWithAnotherSchemesVersionIsAnIllegalArgument() {
    Version rubygems = new RubyGemsVersionScheme().parse("1.0");
    assertThatThrownBy(() -> PYPI.parse("1.0").compareTo(rubygems)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PYPI.parseRange(">=1").contains(rubygems)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void registeredUnderItsEcosystemNames() {
    for (String alias : List.of("pypi", "PyPI", "python", "pip")) {
      assertThat(Schemes.find(alias)).get().extracting(VersionScheme::name).isEqualTo("pypi");
    }
  }

  // --------------------------------------------------------------- properties

  /**
   * Generates structured versions, spells each at random (case, separators, synonyms, padding) and
   * checks the order against a model key built from the structure with BigIntegers.
   */
  @Test
  void propertiesHoldOnGeneratedVersions() {
    OrderLaws laws = OrderLaws.seeded(PYPI, "Pep440VersionSchemeTest");
    Random rnd = laws.random(0);
    int n = 100_000;
    long tg = System.nanoTime();
    List<Version> versions = new ArrayList<>(n);
    Comparable<?>[][] keys = new Comparable<?>[n][];
    for (int i = 0; i < n; i++) {
      Generated g = generate(rnd);
      Version v = laws.parse(g.text);
      laws.assertStable(v);
      versions.add(v);
      keys[i] = g.key;
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < 900_000; i++) {
      int x = rnd.nextInt(n);
      int y = rnd.nextInt(n);
      // Neighbours in a small domain collide often, which exercises equality.
      int c = laws.assertPair(versions.get(x), versions.get(y));
      int want = Integer.signum(compareKeys(keys[x], keys[y]));
      if (c != want) {
        laws.fail(versions.get(x).text() + " vs " + versions.get(y).text() + ": got " + c
            + ", model says " + want + " " + Arrays.toString(keys[x]) + " " + Arrays.toString(keys[y]));
      }
    }
    long t1 = System.nanoTime();
    // Sorting with a broken order would leave a descent somewhere; check triples for transitivity.
    laws.assertSortedNeighbours(versions);
    System.out.println("gen " + (t0 - tg) / 1_000_000 + " ms, pairs " + (t1 - t0) / 1_000_000 + " ms, sort " + (System.nanoTime() - t1) / 1_000_000 + " ms");
  }

  record Generated(String text, Comparable<?>[] key) {}

  private static final String[][] PRE_SPELLINGS = {{"a", "alpha", "A", "Alpha"}, {"b", "beta", "B"},
      {"rc", "c", "pre", "preview", "RC", "C", "Pre"}};
  private static final String[] POST_WORDS = {"post", "rev", "r", "POST", "Rev"};
  private static final String[] SEPS = {"", ".", "-", "_"};

  private static Generated generate(Random rnd) {
    StringBuilder s = new StringBuilder();
    if (rnd.nextInt(10) == 0) {
      s.append(rnd.nextBoolean() ? 'v' : 'V');
    }
    BigInteger epoch = BigInteger.ZERO;
    if (rnd.nextInt(8) == 0) {
      epoch = bigNumber(rnd);
      s.append(spell(epoch, rnd)).append('!');
    }
    int parts = 1 + rnd.nextInt(4);
    List<BigInteger> release = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      BigInteger v = rnd.nextInt(3) == 0 ? BigInteger.ZERO : bigNumber(rnd);
      release.add(v);
      s.append(i > 0 ? "." : "").append(spell(v, rnd));
    }
    int preKind = -1;
    BigInteger pre = BigInteger.ZERO;
    if (rnd.nextInt(3) == 0) {
      preKind = rnd.nextInt(3);
      String[] words = PRE_SPELLINGS[preKind];
      s.append(SEPS[rnd.nextInt(4)]).append(words[rnd.nextInt(words.length)]);
      if (rnd.nextBoolean()) {
        pre = bigNumber(rnd);
        s.append(SEPS[rnd.nextInt(4)]).append(spell(pre, rnd));
      }
    }
    BigInteger post = null;
    boolean preNumberImplicit = preKind >= 0 && !Character.isDigit(s.charAt(s.length() - 1));
    if (rnd.nextInt(4) == 0) {
      post = bigNumber(rnd);
      // "1.0a-1" reads as a1, not a0 with post 1: only spell -N where that cannot happen.
      if (!preNumberImplicit && rnd.nextInt(3) == 0) {
        s.append('-').append(spell(post, rnd));
      } else {
        s.append(SEPS[rnd.nextInt(4)]).append(POST_WORDS[rnd.nextInt(POST_WORDS.length)]);
        if (post.signum() == 0 && rnd.nextBoolean()) {
          // implicit 0
        } else {
          s.append(SEPS[rnd.nextInt(4)]).append(spell(post, rnd));
        }
      }
    }
    BigInteger dev = null;
    if (rnd.nextInt(4) == 0) {
      dev = bigNumber(rnd);
      s.append(SEPS[rnd.nextInt(4)]).append(rnd.nextBoolean() ? "dev" : "DEV");
      if (dev.signum() != 0 || rnd.nextBoolean()) {
        s.append(SEPS[rnd.nextInt(4)]).append(spell(dev, rnd));
      }
    }
    List<Comparable<?>> local = null;
    if (rnd.nextInt(5) == 0) {
      local = new ArrayList<>();
      s.append('+');
      int segs = 1 + rnd.nextInt(3);
      for (int i = 0; i < segs; i++) {
        if (i > 0) {
          s.append(SEPS[1 + rnd.nextInt(3)]);
        }
        if (rnd.nextBoolean()) {
          BigInteger v = bigNumber(rnd);
          local.add(v);
          s.append(spell(v, rnd));
        } else {
          String w = List.of("abc", "ubuntu", "b", "x1", "1a", "dev").get(rnd.nextInt(6));
          local.add(w);
          s.append(rnd.nextBoolean() ? w : w.toUpperCase());
        }
      }
    }
    // The model: packaging's _cmpkey with infinities as small ints.
    int end = release.size();
    while (end > 0 && release.get(end - 1).signum() == 0) {
      end--;
    }
    List<BigInteger> rel = release.subList(0, end);
    int preRank = preKind >= 0 ? 1 + preKind : (post == null && dev != null ? 0 : 4);
    return new Generated(s.toString(), new Comparable<?>[] {
        epoch, new ListKey(rel), preRank, preKind >= 0 ? pre : BigInteger.ZERO,
        post == null ? BigInteger.valueOf(-1) : post,
        dev == null ? new ListKey(List.of(BigInteger.ONE, BigInteger.ZERO)) : new ListKey(List.of(BigInteger.ZERO, dev)),
        local == null ? new ListKey(null) : new ListKey(local)});
  }

  /** Lexicographic tuple order; a null list (absent local) is below any list. */
  record ListKey(List<?> items) implements Comparable<ListKey> {
    @Override
    public int compareTo(ListKey o) {
      if (items == null || o.items == null) {
        return items == o.items ? 0 : items == null ? -1 : 1;
      }
      for (int i = 0; i < Math.min(items.size(), o.items.size()); i++) {
        Object a = items.get(i);
        Object b = o.items.get(i);
        int c;
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
          c = x.compareTo(y);
        } else if (a instanceof String x && b instanceof String y) {
          c = x.compareTo(y);
        } else {
          c = a instanceof BigInteger ? 1 : -1;
        }
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(items.size(), o.items.size());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Comparable<?>[] a, Comparable<?>[] b) {
    for (int i = 0; i < a.length; i++) {
      int c = ((Comparable) a[i]).compareTo(b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
