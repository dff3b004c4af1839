package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.InstalledPackage;

class PackageListsTest {
  private static final InstalledPackage CURL =
      new InstalledPackage("deb", "curl", "7.88.1-10+deb12u8", "", "", "amd64", "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u8?arch=amd64");
  private static final InstalledPackage LONG_NAMED =
      new InstalledPackage("npm", "@scope/" + "x".repeat(300), "1.0.0-ünïcode", "src", "0.9", "", "");

  @Test
  void everyFieldOfEveryPackageSurvivesEncodingExactly() {
    List<InstalledPackage> packages = List.of(CURL, LONG_NAMED, InstalledPackage.of("generic", "", ""));
    assertThat(PackageLists.decode(PackageLists.encode(packages), null, "web-01 revision 1"))
        .containsExactlyElementsOf(packages);
    assertThat(PackageLists.count(PackageLists.encode(packages), "x")).isEqualTo(3);
  }

  @Test
  void anEmptyListIsTwoBytes() {
    assertThat(PackageLists.encode(List.of())).hasSize(2);
    assertThat(PackageLists.decode(PackageLists.encode(List.of()), null, "x")).isEmpty();
  }

  @Test
  void writesUseFormatTwo() {
    assertThat(PackageLists.encode(List.of(CURL))[0]).isEqualTo((byte) 2);
  }

  @Test
  void packagesAreStoredByEcosystemNameVersionAndArchitectureKeepingTheOrderOfEqualKeys() {
    InstalledPackage a = new InstalledPackage("deb", "curl", "1", "", "", "amd64", "first");
    InstalledPackage b = new InstalledPackage("deb", "curl", "1", "", "", "amd64", "second");
    InstalledPackage c = new InstalledPackage("deb", "bash", "5", "", "", "", "");
    InstalledPackage d = new InstalledPackage("apk", "zlib", "1", "", "", "", "");
    assertThat(PackageLists.ordered(List.of(a, c, b, d))).containsExactly(d, c, a, b);
  }

  @Test
  void theStoredOrderIsEcosystemNameVersionArchitectureAsTheChainedComparatorSaysForAnyList() {
    java.util.Comparator<InstalledPackage> chained = java.util.Comparator.comparing(InstalledPackage::ecosystem)
        .thenComparing(InstalledPackage::name).thenComparing(InstalledPackage::version)
        .thenComparing(InstalledPackage::architecture);
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    String[] words = {"", "a", "b", "deb", "npm", "libc6", "1.0", "1.0-1", "amd64", "\u00e9"};
    for (int round = 0; round < 200; round++) {
      List<InstalledPackage> list = new java.util.ArrayList<>();
      for (int i = random.nextInt(12); i > 0; i--) {
        list.add(new InstalledPackage(words[random.nextInt(words.length)], words[random.nextInt(words.length)],
            words[random.nextInt(words.length)], "", "", words[random.nextInt(words.length)], "p" + i));
      }
      List<InstalledPackage> expected = new java.util.ArrayList<>(list);
      expected.sort(chained); // stable, as the stored order is

      assertThat(PackageLists.ordered(list)).as("round " + round).containsExactlyElementsOf(expected);
      assertThat(PackageLists.ordered(expected)).as("sorted input is kept").isSameAs(expected);
    }
  }

  @Test
  void equalPackagesOfSeveralListsShareOneInstance() {
    Map<InstalledPackage, InstalledPackage> shared = new HashMap<>();
    byte[] value = PackageLists.encode(List.of(CURL));
    InstalledPackage first = PackageLists.decode(value, shared, "a").get(0);
    assertThat(PackageLists.decode(value, shared, "b").get(0)).isSameAs(first);
    assertThat(PackageLists.decode(formatOne(List.of(CURL)), shared, "c").get(0)).isSameAs(first);
  }

  @Test
  void aDamagedValueIsRefusedNamingItsRevisionAndTheReason() {
    byte[] value = PackageLists.encode(List.of(CURL, LONG_NAMED));
    byte[] cut = Arrays.copyOf(value, value.length - 5);
    assertThatThrownBy(() -> PackageLists.decode(cut, null, "web-01 revision 3"))
        .hasMessageContaining("web-01 revision 3").hasMessageContaining("runs past its end");
    byte[] longer = Arrays.copyOf(value, value.length + 1);
    assertThatThrownBy(() -> PackageLists.decode(longer, null, "web-01 revision 3"))
        .hasMessageContaining("1 bytes after the last package");
    byte[] future = value.clone();
    future[0] = 9;
    assertThatThrownBy(() -> PackageLists.decode(future, null, "web-01 revision 3"))
        .hasMessageContaining("format 9").hasMessageContaining("reads formats 1 and 2");
  }

  @Test
  void everyCutOfAValueIsRefusedNamingItsRevision() {
    byte[] value = PackageLists.encode(List.of(CURL, LONG_NAMED, CURL));
    for (int length = 0; length < value.length; length++) {
      byte[] cut = Arrays.copyOf(value, length);
      assertThatThrownBy(() -> PackageLists.decode(cut, null, "web-01 revision 4"))
          .as("cut to %d of %d bytes", length, value.length)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("web-01 revision 4");
    }
  }

  @Test
  void aReferenceToAStringNotYetWrittenIsRefused() {
    // one package whose ecosystem refers to dictionary entry 1 of none
    byte[] value = {2, 1, 4};
    assertThatThrownBy(() -> PackageLists.decode(value, null, "db-02 revision 7"))
        .hasMessageContaining("db-02 revision 7").hasMessageContaining("refers to string 1 of 0");
  }

  @Test
  void aStringLongerThanTheValueIsRefused() {
    // an ecosystem entry of 100 bytes, of which 3 are there
    byte[] value = {2, 1, (byte) 0xC9, 0x01, 'd', 'e', 'b'};
    assertThatThrownBy(() -> PackageLists.decode(value, null, "db-02 revision 7"))
        .hasMessageContaining("db-02 revision 7").hasMessageContaining("a field of 100 bytes at byte 4 runs past its end");
  }

  @Test
  void aReferenceToAPurlTemplateNotYetWrittenIsRefused() {
    // ecosystem "", name "a", four empty fields, then purl template 5 of none
    byte[] value = {2, 1, 0, 1, 'a', 0, 0, 0, 0, 3 + 5};
    assertThatThrownBy(() -> PackageLists.decode(value, null, "db-02 revision 7"))
        .hasMessageContaining("db-02 revision 7").hasMessageContaining("the purl at byte 9 refers to template 5 of 0");
  }

  @Test
  void aPurlTemplateWithAnUnknownFieldOrTooManyFieldsIsRefused() {
    // a new template of one field, piece "", field kind 9, piece ""
    byte[] unknown = {2, 1, 0, 1, 'a', 0, 0, 0, 0, 2, 1, 0, 9, 0};
    assertThatThrownBy(() -> PackageLists.decode(unknown, null, "db-02 revision 7"))
        .hasMessageContaining("db-02 revision 7").hasMessageContaining("a field of unknown kind 9");
    byte[] tooMany = {2, 1, 0, 1, 'a', 0, 0, 0, 0, 2, 6, 0};
    assertThatThrownBy(() -> PackageLists.decode(tooMany, null, "db-02 revision 7"))
        .hasMessageContaining("db-02 revision 7").hasMessageContaining("the purl template at byte 10 has 6 fields");
  }

  @Test
  void aCountLargerThanTheValueIsRefused() {
    byte[] value = {2, 100, 0};
    assertThatThrownBy(() -> PackageLists.decode(value, null, "db-02 revision 7"))
        .hasMessageContaining("db-02 revision 7").hasMessageContaining("count 100 exceeds its 3 bytes");
  }

  @Test
  void formatOneValuesOfEarlierStoresStillDecodeAndCount() {
    List<InstalledPackage> packages = List.of(CURL, LONG_NAMED, InstalledPackage.of("generic", "", ""));
    byte[] value = formatOne(packages);
    assertThat(PackageLists.decode(value, null, "web-01 revision 1")).containsExactlyElementsOf(packages);
    assertThat(PackageLists.count(value, "web-01 revision 1")).isEqualTo(3);
    // written by the format-1 build: a package "a" 1, ecosystem "deb", nothing else
    byte[] pinned = {1, 1, 3, 'd', 'e', 'b', 1, 'a', 1, '1', 0, 0, 0, 0};
    assertThat(PackageLists.decode(pinned, null, "x")).containsExactly(InstalledPackage.of("deb", "a", "1"));
    byte[] cut = Arrays.copyOf(value, value.length - 2);
    assertThatThrownBy(() -> PackageLists.decode(cut, null, "web-01 revision 2"))
        .hasMessageContaining("web-01 revision 2").hasMessageContaining("damaged");
  }

  @Test
  void aDebianHostsListTakesLessThanHalfTheBytesOfFormatOne() throws IOException {
    List<InstalledPackage> packages = debianHost();
    byte[] value = PackageLists.encode(packages);
    assertThat(PackageLists.decode(value, null, "x")).containsExactlyElementsOf(packages);
    // 250 packages of a generated Debian 11 host: 96 bytes each in format 1, about 36 in format 2
    assertThat(value.length).isLessThan(formatOne(packages).length / 2);
  }

  @Test
  void theUsualDebianPurlsShareOneTemplate() throws IOException {
    List<InstalledPackage> packages = debianHost();
    byte[] value = PackageLists.encode(packages);
    String text = new String(value, StandardCharsets.ISO_8859_1);
    assertThat(text.split("pkg:deb/debian/", -1)).hasSize(2);
  }

  @Test
  void purlsWithoutTheirPackagesFieldsOrWithThemElsewhereRoundTrip() {
    List<InstalledPackage> packages = new ArrayList<>();
    String[] purls = {"", "pkg:generic/other@9", "x", "curl", "pkg:deb/debian/curl@1%2B2?arch=amd64",
        "pkg:deb/debian/curl@1+2?arch=amd64", "1+2curlamd64", "amd64/1%2B2/curl", "curl curl 1+2 1+2 amd64 amd64",
        "pkg:deb/debian/curl@1%2b2?arch=amd64", "pkg:deb/debian/curl@1%2B2?arch=amd64&distro=debian-12",
        "cpe:2.3:a:curl:curl:1+2:*:*:*:*:*:*:*", "%", "%%%", "{name}{version}", "\u0000curl\u0000"};
    for (String purl : purls) {
      packages.add(new InstalledPackage("deb", "curl", "1+2", "", "", "amd64", purl));
      packages.add(new InstalledPackage("deb", "curl", "1+2", "", "", "", purl));
      packages.add(new InstalledPackage("deb", "", "", "", "", "", purl));
    }
    packages.add(new InstalledPackage("npm", "@types/node", "20.1.0", "", "", "", "pkg:npm/%40types/node@20.1.0"));
    packages.add(new InstalledPackage("maven", "org.apache:commons", "1.0", "", "", "", "pkg:maven/org.apache/commons@1.0"));
    packages.add(new InstalledPackage("cpe", "fortinet:fortios", "7.4.3", "", "", "",
        "cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*"));
    packages.add(new InstalledPackage("rpm", "bash", "1:5.1-2.el9", "bash", "", "x86_64",
        "pkg:rpm/redhat/bash@5.1-2.el9?arch=x86_64&epoch=1"));
    packages.add(new InstalledPackage("deb", "libstdc++6", "12.2.0-14", "gcc-12", "", "amd64",
        "pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64"));
    packages.add(new InstalledPackage("deb", "a", "1", "", "", "all", "pkg:deb/debian/a@1?arch=all"));
    packages.add(new InstalledPackage("deb", "ünï😀", "1😀", "", "", "😀", "pkg:deb/debian/ünï😀@1😀?arch=😀"));
    packages.add(new InstalledPackage("deb", "ünï😀", "1😀", "", "", "😀",
        "pkg:deb/debian/%C3%BCn%C3%AF%F0%9F%98%80@1%F0%9F%98%80?arch=😀"));
    assertThat(PackageLists.decode(PackageLists.encode(packages), null, "x")).containsExactlyElementsOf(packages);
  }

  @Test
  void aFieldHoldingHalfASurrogatePairLeavesThePurlAsItWas() {
    // UTF-8 cannot hold a lone surrogate: the field itself comes back as '?', as in format 1, but the
    // purl must not be cut there, else its half of the pair would come back as '?' too
    String purl = "pkg:deb/debian/x\uD83D\uDE00@1?arch=amd64";
    InstalledPackage p = new InstalledPackage("deb", "\uDE00", "1", "", "", "amd64", purl);
    InstalledPackage decoded = PackageLists.decode(PackageLists.encode(List.of(p)), null, "x").get(0);
    assertThat(decoded.purl()).isEqualTo(purl);
    assertThat(decoded.name()).isEqualTo("?");
  }

  @Test
  void listsOfRandomPackagesRoundTripExactly() {
    long base = 20261206L;
    for (long seed = base; seed < base + 300; seed++) {
      Random random = new Random(seed);
      List<InstalledPackage> packages = new ArrayList<>();
      int count = random.nextInt(40);
      for (int i = 0; i < count; i++) {
        packages.add(randomPackage(random, packages));
      }
      byte[] value = PackageLists.encode(packages);
      assertThat(PackageLists.decode(value, null, "x")).as("seed %d", seed).containsExactlyElementsOf(packages);
      assertThat(PackageLists.count(value, "x")).as("seed %d", seed).isEqualTo(count);
    }
  }

  @Test
  void aFleetSizedListRoundTrips() {
    List<InstalledPackage> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add(new InstalledPackage("deb", "pkg" + i, i + ".0-1", i % 3 == 0 ? "src" + i : "", "", "amd64", "p" + i));
    }
    assertThat(PackageLists.decode(PackageLists.encode(many), null, "x")).isEqualTo(many);
  }

  /** A package of random fields, often repeating earlier ones, with a purl built from them or not. */
  private static InstalledPackage randomPackage(Random random, List<InstalledPackage> earlier) {
    if (!earlier.isEmpty() && random.nextInt(4) == 0) {
      InstalledPackage p = earlier.get(random.nextInt(earlier.size()));
      return new InstalledPackage(p.ecosystem(), randomString(random), p.version(), p.sourceName(), p.sourceVersion(),
          p.architecture(), p.purl());
    }
    String name = randomString(random);
    String version = randomString(random);
    String architecture = randomString(random);
    String purl = switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> randomString(random);
      case 2 -> "pkg:deb/debian/" + PurlTemplate.escape(name) + "@" + PurlTemplate.escape(version) + "?arch="
          + architecture;
      case 3 -> randomString(random) + name + randomString(random) + version + randomString(random) + architecture
          + randomString(random);
      case 4 -> architecture + version + name + name + randomString(random);
      default -> "pkg:generic/" + name + "@" + version;
    };
    return new InstalledPackage(randomString(random), name, version, randomString(random), randomString(random),
        architecture, purl);
  }

  private static final String[] PARTS = {"", "a", "deb", "amd64", "1.0-1", "+", ":", "%", "%2B", "@", "/", "?arch=",
      "=", "&", "#", "~", "ü", "日本", "😀", "\u0000", "\uFFFF", "{", "}", " ", "pkg:", "%C3%BC", "lib"};

  /** Mostly short strings built from parts that purls, escapes and delimiters are made of. */
  private static String randomString(Random random) {
    StringBuilder s = new StringBuilder();
    int parts = random.nextInt(4);
    for (int i = 0; i < parts; i++) {
      s.append(random.nextInt(5) == 0 ? Character.toString(random.nextInt(0x20, 0x3000)) : PARTS[random.nextInt(PARTS.length)]);
    }
    return s.toString();
  }

  /** 250 packages of a host of the import benchmark's generated Debian 11 fleet, as the dpkg reader gave them. */
  private static List<InstalledPackage> debianHost() throws IOException {
    List<InstalledPackage> packages = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        PackageListsTest.class.getResourceAsStream("/package-lists/debian-11-host.tsv"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t", -1);
        packages.add(new InstalledPackage(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
      }
    }
    return packages;
  }

  /** The format-1 layout that earlier builds wrote: every field a length and its UTF-8 bytes. */
  private static byte[] formatOne(List<InstalledPackage> packages) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(1);
    varint(out, packages.size());
    for (InstalledPackage p : packages) {
      for (String s : List.of(p.ecosystem(), p.name(), p.version(), p.sourceName(), p.sourceVersion(), p.architecture(),
          p.purl())) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(out, utf8.length);
        out.writeBytes(utf8);
      }
    }
    return out.toByteArray();
  }

  private static void varint(java.io.ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }
}
