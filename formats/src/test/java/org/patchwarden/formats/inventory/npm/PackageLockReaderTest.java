package org.patchwarden.formats.inventory.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Fixtures;
import org.patchwarden.formats.inventory.ReadLimits;
import org.patchwarden.inventory.InstalledPackage;

class PackageLockReaderTest {
  private final PackageLockReader reader = new PackageLockReader();

  private static InstalledPackage npm(String name, String version, String purl) {
    return new InstalledPackage("npm", name, version, "", "", "", purl);
  }

  @Test
  void readsAVersion3LockByInstallPathWithScopedNestedAndAliasedPackages() {
    CollectedPackages read = Fixtures.read(reader, "npm/package-lock-v3.json");

    assertThat(read.packages()).containsExactly(
        npm("@babel/traverse", "7.22.5", "pkg:npm/%40babel/traverse@7.22.5"),
        npm("@types/node", "20.8.10", "pkg:npm/%40types/node@20.8.10"),
        npm("undici-types", "5.26.5", "pkg:npm/undici-types@5.26.5"),
        npm("lodash", "4.17.20", "pkg:npm/lodash@4.17.20"),
        npm("minimist", "1.2.5", "pkg:npm/minimist@1.2.5"),
        npm("mkdirp", "0.5.5", "pkg:npm/mkdirp@0.5.5"),
        npm("minimist", "1.2.0", "pkg:npm/minimist@1.2.0"),
        npm("string-width", "4.2.3", "pkg:npm/string-width@4.2.3"));
    assertThat(read.warnings()).isEmpty();
    assertThat(read.subjectName()).isEqualTo("orders-ui");
    assertThat(read.subjectVersion()).isEqualTo("2.3.0");
  }

  @Test
  void skipsTheRootWorkspaceFoldersAndLinks() {
    CollectedPackages read = Fixtures.read(reader, "npm/package-lock-v3.json");

    assertThat(read.packages()).extracting(InstalledPackage::name).doesNotContain("orders-ui", "@orders/shared");
  }

  @Test
  void readsTheDependencyTreeOfAVersion1LockRecursively() {
    CollectedPackages read = Fixtures.read(reader, "npm/package-lock-v1.json");

    assertThat(read.packages()).containsExactly(
        npm("@babel/code-frame", "7.10.4", "pkg:npm/%40babel/code-frame@7.10.4"),
        npm("handlebars", "4.7.6", "pkg:npm/handlebars@4.7.6"),
        npm("source-map", "0.6.1", "pkg:npm/source-map@0.6.1"),
        npm("minimist", "1.2.5", "pkg:npm/minimist@1.2.5"),
        npm("lodash", "4.17.15", "pkg:npm/lodash@4.17.15"));
    assertThat(read.warnings()).singleElement().asString()
        .startsWith("dependencies[\"internal-theme\"]: version 'git+ssh://")
        .endsWith("not a registry version; skipped");
  }

  @Test
  void readsAVersion2LockFromPackagesAndIgnoresItsLegacyTree() {
    CollectedPackages read = Fixtures.readText(reader, """
        {"name":"x","lockfileVersion":2,
         "packages":{"":{"name":"x"},"node_modules/lodash":{"version":"4.17.20"}},
         "dependencies":{"lodash":{"version":"4.17.19"}}}""", "package-lock.json");

    assertThat(read.packages()).containsExactly(npm("lodash", "4.17.20", "pkg:npm/lodash@4.17.20"));
  }

  @Test
  void warnsAboutAnEntryWithoutVersion() {
    CollectedPackages read = Fixtures.readText(reader, """
        {"lockfileVersion":3,"packages":{"node_modules/fsevents":{"optional":true}}}""", "package-lock.json");

    assertThat(read.packages()).isEmpty();
    assertThat(read.warnings()).containsExactly("packages[\"node_modules/fsevents\"]: no package name or version; skipped");
  }

  @Test
  void refusesAJsonFileThatIsNotALockfile() {
    String bom = Fixtures.text("cyclonedx/webapp-1.4.cdx.json");

    assertThatThrownBy(() -> Fixtures.readText(reader, bom, "bom.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("bom.json at lockfileVersion: missing; is this an npm package-lock.json?");
  }

  @Test
  void refusesAVersion3LockWithoutPackages() {
    assertThatThrownBy(() -> Fixtures.readText(reader, "{\"lockfileVersion\":3}", "package-lock.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("package-lock.json at packages: missing from a lockfileVersion 3 lockfile");
  }

  @Test
  void refusesAnEntryOfTheWrongShapeNamingItsPath() {
    assertThatThrownBy(() -> Fixtures.readText(reader, """
        {"lockfileVersion":3,"packages":{"node_modules/a":{"version":1}}}""", "package-lock.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("package-lock.json at packages[\"node_modules/a\"].version: expected a string, got NUMBER");
  }

  @Test
  void refusesATruncatedLockfile() {
    String whole = Fixtures.text("npm/package-lock-v3.json");

    assertThatThrownBy(() -> Fixtures.readText(reader, whole.substring(0, whole.length() - 40), "package-lock.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("package-lock.json at line ")
        .hasMessageContaining("malformed JSON: Unexpected end-of-input");
  }

  @Test
  void refusesALockfileLargerThanTheByteCap() {
    PackageLockReader small = new PackageLockReader(ReadLimits.DEFAULT.withMaxBytes(512));

    assertThatThrownBy(() -> Fixtures.read(small, "npm/package-lock-v3.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("npm/package-lock-v3.json at byte 512: larger than the limit of 512 bytes; refusing to read further");
  }

  @Test
  void refusesMoreEntriesThanTheCap() {
    PackageLockReader few = new PackageLockReader(ReadLimits.DEFAULT.withMaxPackages(2));

    assertThatThrownBy(() -> Fixtures.read(few, "npm/package-lock-v1.json"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("npm/package-lock-v1.json at dependencies[\"handlebars\"].dependencies[\"source-map\"]:"
            + " more than 2 entries; refusing to read further");
  }
}
