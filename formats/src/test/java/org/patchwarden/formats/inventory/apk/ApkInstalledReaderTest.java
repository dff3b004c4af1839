package org.patchwarden.formats.inventory.apk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Resources;
import org.patchwarden.inventory.InstalledPackage;

/** Sample: an installed database built from real Alpine 3.23.2 packages; see PROVENANCE.md. */
class ApkInstalledReaderTest {

  private static final String FIXTURE = "installed-alpine3.23-constructed";

  private static CollectedPackages fixture() {
    return new ApkInstalledReader(new ByteArrayInputStream(Resources.bytes("/inventory/apk/" + FIXTURE)), FIXTURE)
        .read();
  }

  private static CollectedPackages text(String text) {
    return new ApkInstalledReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "installed").read();
  }

  @Test
  void readsEveryPackageAsTrivyReadTheRealDatabase() {
    CollectedPackages read = fixture();
    assertThat(read.skipped()).isEmpty();
    assertThat(read.packages())
        .map(p -> List.of(p.name(), p.version(), p.architecture(), p.effectiveSourceName()))
        .containsExactlyElementsOf(Resources.tsv("/inventory/apk/" + FIXTURE + ".trivy.tsv"));
  }

  @Test
  void keepsTheOriginAsSourcePackageWhenItDiffersFromTheName() {
    List<InstalledPackage> packages = fixture().packages();
    assertThat(packages).filteredOn(p -> p.name().equals("libcrypto3")).singleElement().isEqualTo(
        new InstalledPackage("apk", "libcrypto3", "3.5.4-r0", "openssl", "", "x86_64",
            "pkg:apk/alpine/libcrypto3@3.5.4-r0?arch=x86_64"));
    assertThat(packages).filteredOn(p -> p.name().equals("musl")).singleElement()
        .extracting(InstalledPackage::sourceName).isEqualTo("");
    assertThat(packages).filteredOn(p -> p.name().equals("libncursesw")).singleElement()
        .extracting(InstalledPackage::purl).isEqualTo("pkg:apk/alpine/libncursesw@6.5_p20251123-r0?arch=x86_64");
  }

  @Test
  void putsTheGivenDistributionInThePurlAndNeedsNoArchitectureOrOrigin() {
    CollectedPackages read = new ApkInstalledReader(
        new ByteArrayInputStream("P:glibc\nV:2.40-r3\n".getBytes(StandardCharsets.UTF_8)), "installed", "wolfi").read();
    assertThat(read.packages()).containsExactly(
        new InstalledPackage("apk", "glibc", "2.40-r3", "", "", "", "pkg:apk/wolfi/glibc@2.40-r3"));
  }

  @Test
  void readsAnEmptyDatabaseAsNoPackages() {
    assertThat(text("").packages()).isEmpty();
    assertThat(text("\n\n").packages()).isEmpty();
  }

  @Test
  void refusesAPackageWithoutNameOrVersion() {
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21\n\nC:Q1abc=\nV:1.0-r0\n\nP:zlib\nV:1.3.1-r2\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("installed at line 4: no P: (name) line");
    assertThatThrownBy(() -> text("P:musl\nA:x86_64\n\nP:zlib\nV:1.3.1-r2\n"))
        .hasMessage("installed at line 1 (musl): package musl has no V: (version) line");
  }

  @Test
  void refusesAFileThatEndsInsideAPackageBeforeItsVersion() {
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21\n\nC:Q1abc=\nP:zlib\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("installed at line 5: the file ends inside the package begun at line 4, before the V: (version)"
            + " line of zlib (truncated file?)");
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21\n\nC:Q1abc="))
        .hasMessage("installed at line 4: the file ends inside the package begun at line 4, no P: (name) line"
            + " (truncated file?)");
  }

  @Test
  void refusesLinesThatAreNotKeyColonValue() {
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21\nmusl-utils\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("installed at line 3: 'musl-utils' is not a 'X:value' line (a letter, a colon, the value) nor a blank line");
    assertThatThrownBy(() -> text("P:musl\n \n"))
        .hasMessageContaining("installed at line 2: ' ' is not a 'X:value' line");
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21\nP:zlib\nV:1.3.1-r2\n"))
        .hasMessage("installed at line 3: second P: line in one package (the first is on line 1; is a blank line missing"
            + " between two packages?)");
  }

  @Test
  void refusesValuesApkWouldRefuse() {
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21-r2\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("installed at line 2 (musl): invalid apk version '1.2.5-r21-r2'");
    assertThatThrownBy(() -> text("P:mu sl\nV:1.2.5-r21\n")).hasMessage("installed at line 1: P:mu sl is not a package name");
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21\nA:x86 64\n"))
        .hasMessage("installed at line 3 (musl): A:x86 64 is not an architecture");
    assertThatThrownBy(() -> text("P:musl\nV:1.2.5-r21\no:\n"))
        .hasMessage("installed at line 3 (musl): o: is not a package name");
  }

  @Test
  void refusesALineLongerThanTheBound() {
    assertThatThrownBy(() -> text("P:musl\nT:" + "x".repeat(ApkInstalledReader.MAX_LINE) + "\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("installed at line 2: longer than 65536 characters (the limit for this file)");
  }

  @Test
  void refusesMorePackagesThanTheBound() {
    assertThatThrownBy(() -> new ApkInstalledReader(
        Resources.repeated("P:a\nV:1\n\n", ApkInstalledReader.MAX_PACKAGES + 1L), "installed").read())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("installed at line " + (3 * ApkInstalledReader.MAX_PACKAGES + 1) + ": more than 200000 packages");
  }
}
