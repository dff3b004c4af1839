package org.patchwarden.formats.inventory.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.Resources;
import org.patchwarden.inventory.InstalledPackage;

/** Samples: this machine's real status file and real dpkg-written states; see PROVENANCE.md. */
class DpkgStatusReaderTest {

  private static CollectedPackages read(String name) {
    return new DpkgStatusReader(new ByteArrayInputStream(Resources.bytes("/inventory/dpkg/" + name)), name).read();
  }

  private static CollectedPackages text(String text) {
    return new DpkgStatusReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "status").read();
  }

  /** Rows of dpkg-query's answer for the stanzas it counts as installed, as (name, version, arch, source, source version). */
  private static List<List<String>> dpkgQueryInstalled(String name) {
    return Resources.tsv("/inventory/dpkg/" + name + ".dpkg-query.tsv").stream()
        .filter(r -> r.get(1).matches("(install|hold) ok (installed|triggers-pending|triggers-awaited)"))
        .map(r -> r.subList(2, 7))
        .toList();
  }

  private static List<String> row(InstalledPackage p) {
    return List.of(p.name(), p.version(), p.architecture(), p.effectiveSourceName(), p.effectiveSourceVersion());
  }

  @Test
  void readsThisMachinesStatusFileAsDpkgQueryDoes() {
    CollectedPackages read = read("status-debian12-trimmed");
    assertThat(read.packages()).hasSize(168);
    assertThat(read.skipped()).isEmpty();
    assertThat(read.packages()).map(DpkgStatusReaderTest::row)
        .containsExactlyInAnyOrderElementsOf(dpkgQueryInstalled("status-debian12-trimmed"));
  }

  @Test
  void keepsTheSourcePackageOnlyWhereItDiffersFromTheBinary() {
    List<InstalledPackage> packages = read("status-debian12-trimmed").packages();
    assertThat(packages).first().isEqualTo(new InstalledPackage(
        "deb", "adduser", "3.134", "", "", "all", "pkg:deb/debian/adduser@3.134?arch=all"));
    // A binNMU: built from an older version of the source package of the same name.
    assertThat(packages).filteredOn(p -> p.name().equals("bash")).singleElement().isEqualTo(new InstalledPackage(
        "deb", "bash", "5.2.15-2+b8", "", "5.2.15-2", "amd64", "pkg:deb/debian/bash@5.2.15-2%2Bb8?arch=amd64"));
    assertThat(packages).filteredOn(p -> p.name().equals("libssl3")).singleElement().isEqualTo(new InstalledPackage(
        "deb", "libssl3", "3.0.19-1~deb12u2", "openssl", "", "amd64",
        "pkg:deb/debian/libssl3@3.0.19-1~deb12u2?arch=amd64"));
    // A third-party package with an epoch; the purl percent-encodes the colon.
    assertThat(packages).filteredOn(p -> p.name().equals("kubectl")).singleElement()
        .extracting(InstalledPackage::version, InstalledPackage::purl)
        .containsExactly("1:528.0.0-0", "pkg:deb/debian/kubectl@1%3A528.0.0-0?arch=amd64");
  }

  @Test
  void countsConfiguredPackagesAndSaysHowManyOthersItLeftOut() {
    CollectedPackages read = read("status-package-states");
    assertThat(read.packages()).map(InstalledPackage::name)
        .containsExactly("bsd-mailx", "cron", "libc-bin", "man-db");
    assertThat(read.packages()).map(DpkgStatusReaderTest::row)
        .containsExactlyInAnyOrderElementsOf(dpkgQueryInstalled("status-package-states"));
    assertThat(read.skipped()).containsExactly(
        Map.entry("deinstall ok config-files", 1),
        Map.entry("deinstall ok installed", 1),
        Map.entry("install ok unpacked", 2));
    assertThat(read.skippedCount()).isEqualTo(4);
  }

  @Test
  void putsTheGivenDistributionInThePurl() {
    String stanza = """
        Package: openssl
        Status: install ok installed
        Architecture: arm64
        Version: 3.0.13-0ubuntu3.5
        """;
    CollectedPackages read = new DpkgStatusReader(
        new ByteArrayInputStream(stanza.getBytes(StandardCharsets.UTF_8)), "status", "ubuntu").read();
    assertThat(read.packages()).singleElement().extracting(InstalledPackage::purl)
        .isEqualTo("pkg:deb/ubuntu/openssl@3.0.13-0ubuntu3.5?arch=arm64");
    assertThatThrownBy(() -> new DpkgStatusReader(new ByteArrayInputStream(new byte[0]), "status", "Ubuntu 24"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace 'Ubuntu 24'");
  }

  @Test
  void readsAFileWithoutFinalNewlineCrLfEndingsAndFieldNamesInAnyCase() {
    CollectedPackages read = text("package: a1\r\nSTATUS: hold ok installed\r\nversion: 1.0-1\r\n\r\n\r\n"
        + "Package: b2\nStatus: install ok installed\nVersion: 2.0\nSource: b (1.9)");
    assertThat(read.packages()).containsExactly(
        new InstalledPackage("deb", "a1", "1.0-1", "", "", "", "pkg:deb/debian/a1@1.0-1"),
        new InstalledPackage("deb", "b2", "2.0", "b", "1.9", "", "pkg:deb/debian/b2@2.0"));
  }

  @Test
  void readsAnEmptyFileAsNoPackages() {
    assertThat(text("").packages()).isEmpty();
    assertThat(text("\n\n").packages()).isEmpty();
  }

  @Test
  void keepsReadingPastFreeTextThatIsNotUtf8() {
    byte[] latin1 = "Package: x1\nStatus: install ok installed\nVersion: 1\nMaintainer: J\u00f6rg\nDescription: d\n f\u00fcr\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(new DpkgStatusReader(new ByteArrayInputStream(latin1), "status").read().packages())
        .map(InstalledPackage::name).containsExactly("x1");
  }

  @Test
  void refusesAnInstalledPackageWithoutVersion() {
    assertThatThrownBy(() -> text("""
        Package: a1
        Status: install ok installed
        Version: 1

        Package: b2
        Status: install ok installed
        Architecture: amd64

        Package: c3
        Status: install ok installed
        Version: 1
        """))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("status at line 5 (b2): installed package b2 has no Version field");
  }

  @Test
  void refusesAFileThatEndsInsideAStanzaBeforeItsVersion() {
    // The status file cut off in the middle of its last stanza, as a failed copy leaves it.
    assertThatThrownBy(() -> text("""
        Package: a1
        Status: install ok installed
        Version: 1

        Package: b2
        Status: install ok installed
        Priority: optional
        Sec"""))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("status at line 8: 'Sec' is not a 'Field: value' line (nor a continuation line or a blank line)");
    assertThatThrownBy(() -> text("""
        Package: a1
        Status: install ok installed
        Version: 1

        Package: b2
        Status: install ok installed
        Priority: optional
        """))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("status at line 7: the file ends inside the stanza of b2 (begun at line 5) before its Version field"
            + " (truncated file?)");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1\n\nPackage: b2\n"))
        .hasMessage("status at line 5 (b2): the file ends inside the stanza of b2 before its Status field (truncated file?)");
  }

  @Test
  void acceptsALastStanzaThatEndsWithoutBlankLineWhenItIsComplete() {
    assertThat(text("Package: a1\nStatus: install ok installed\nVersion: 1\nDescription: x\n more").packages())
        .map(InstalledPackage::name).containsExactly("a1");
  }

  @Test
  void needsNoVersionForAPackageThatIsNotInstalled() {
    CollectedPackages read = text("Package: gone\nStatus: purge ok not-installed\nArchitecture: amd64\n");
    assertThat(read.packages()).isEmpty();
    assertThat(read.skipped()).containsExactly(Map.entry("purge ok not-installed", 1));
  }

  @Test
  void refusesMalformedStanzas() {
    assertThatThrownBy(() -> text(" continued\nPackage: a\n"))
        .hasMessage("status at line 1: continuation line (starting with a blank) outside of any field");
    assertThatThrownBy(() -> text("Status: install ok installed\nVersion: 1\n"))
        .hasMessage("status at line 1: stanza without a Package field");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1\nPackage: b2\n"))
        .hasMessage("status at line 4: second Package field in the stanza (the first is on line 1;"
            + " is a blank line missing between two stanzas?)");
    assertThatThrownBy(() -> text("Package: a1\nVersion: 1\n\n"))
        .hasMessage("status at line 1 (a1): no Status field (is this dpkg's status file, not 'available' or a Packages index?)");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok\nVersion: 1\n"))
        .hasMessage("status at line 2 (a1): Status 'install ok' is not 'want flag state' (e.g. 'install ok installed')");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok gone\nVersion: 1\n"))
        .hasMessageContaining("Status 'install ok gone' is not 'want flag state'");
    assertThatThrownBy(() -> text("Package: a b\nStatus: install ok installed\nVersion: 1\n"))
        .hasMessage("status at line 1: 'a b' is not a package name");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1\nArchitecture: AMD 64\n"))
        .hasMessage("status at line 4 (a1): Architecture 'AMD 64' is not an architecture name");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1\nSource: glibc (2.36\n"))
        .hasMessage("status at line 4 (a1): Source 'glibc (2.36' is not 'name' or 'name (version)'");
    assertThatThrownBy(() -> text("#Package: a1\n"))
        .hasMessageContaining("status at line 1: '#Package: a1' is not a 'Field: value' line");
  }

  @Test
  void refusesAVersionDpkgWouldRefuse() {
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1:\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("status at line 3 (a1): invalid deb version '1:'");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1\nSource: a (x y)\n"))
        .hasMessageContaining("Source 'a (x y)' is not 'name' or 'name (version)'");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1\nSource: a (1:)\n"))
        .hasMessageStartingWith("status at line 4 (a1): invalid deb version '1:'");
  }

  @Test
  void refusesALineLongerThanTheBound() {
    String longLine = "Description: " + "x".repeat(DpkgStatusReader.MAX_LINE);
    assertThatThrownBy(() -> text("Package: a1\n" + longLine + "\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("status at line 2: longer than 65536 characters (the limit for this file)");
  }

  @Test
  void refusesMoreStanzasThanTheBound() {
    String stanza = "Package: gone\nStatus: purge ok not-installed\n\n";
    assertThatThrownBy(() -> new DpkgStatusReader(
        Resources.repeated(stanza, DpkgStatusReader.MAX_STANZAS + 1L), "status").read())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("status at line " + (3 * DpkgStatusReader.MAX_STANZAS + 1) + ": more than 200000 stanzas");
  }

  @org.junit.jupiter.api.Test
  void theHandWrittenNameChecksAcceptExactlyWhatTheirPatternsDo() {
    java.util.regex.Pattern name = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]*");
    java.util.regex.Pattern arch = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*");
    java.util.regex.Pattern field = java.util.regex.Pattern.compile("[!-9;-~&&[^#-]][!-9;-~]*");
    for (String s : java.util.List.of("", "a", "libssl3", "g++-12", "libstdc++6", "Foo.Bar_1", "-x", ".x", "+x",
        "a b", "a:b", "\u00e9t\u00e9", "\u0661", "amd64", "arm-64", "AMD64", "x_y", "#c", "Version", "Multi-Arch",
        "a\u007f", "~tilde", "9", "a#b", "Z")) {
      assertThat(DpkgStatusReader.isPackageName(s)).as("name '%s'", s).isEqualTo(name.matcher(s).matches());
      assertThat(DpkgStatusReader.isArchitecture(s)).as("arch '%s'", s).isEqualTo(arch.matcher(s).matches());
      assertThat(DpkgStatusReader.isFieldName(s)).as("field '%s'", s).isEqualTo(field.matcher(s).matches());
    }
  }

  @Test
  void theHandWrittenSourceAndStatusSplitsAgreeWithTheirPatterns() {
    java.util.regex.Pattern source = java.util.regex.Pattern.compile("(\\S+)(?:\\s+\\((\\S+)\\))?");
    java.util.regex.Pattern blank = java.util.regex.Pattern.compile("\\s+");
    for (String s : List.of("glibc", "glibc (2.36-9)", "glibc  \t(2.36)", "a(b)", "a ()", "a ((1))", "a (x y)",
        "a (1) c", "a (", "a )", "a (1", "(1)", "a\u00a0(1)", "a (1)\u2003", "install ok installed",
        "install  ok\tinstalled", "install ok", "install ok installed extra", "hold\u001cok installed", "x",
        "a \u000b(1)", "a (1\u00a0)")) {
      java.util.regex.Matcher m = source.matcher(s);
      String[] parts = DpkgStatusReader.sourceParts(s);
      if (m.matches()) {
        assertThat(parts).as("source '%s'", s).containsExactly(m.group(1), m.group(2));
      } else {
        assertThat(parts).as("source '%s'", s).isNull();
      }
      List<String> split = List.of(blank.split(s));
      assertThat(DpkgStatusReader.words(s)).as("words of '%s'", s)
          .isEqualTo(split.size() > 4 ? split.subList(0, 4) : split);
    }
  }

  @Test
  void readsLinesAcrossItsBufferAndAFieldOfAnyCaseAsBeforeItReadBytes() {
    // a long Description pushes the next stanza across the 64 KiB buffer's end
    String longLine = "Description: " + "y".repeat(40_000) + "\n " + "y".repeat(40_000);
    CollectedPackages read = text("Package: a1\nStatus: install ok installed\nVersion: 1\n" + longLine
        + "\n\nPACKAGE: b2\nsTaTuS:   install ok installed  \nVersion:\t2.0\n");
    assertThat(read.packages()).map(InstalledPackage::name, InstalledPackage::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", "1"), org.assertj.core.groups.Tuple.tuple("b2", "2.0"));
  }

  @Test
  void countsALinesLengthInCharactersNotBytes() {
    // 40,000 two-byte characters: 80,000 bytes, but within the 65,536-character bound
    String wide = "Description: " + "\u00e9".repeat(40_000);
    assertThat(text("Package: a1\nStatus: install ok installed\nVersion: 1\n" + wide + "\n").packages())
        .map(InstalledPackage::name).containsExactly("a1");
    String tooWide = "Description: " + "\u00e9".repeat(DpkgStatusReader.MAX_LINE);
    assertThatThrownBy(() -> text("Package: a1\n" + tooWide + "\n"))
        .hasMessage("status at line 2: longer than 65536 characters (the limit for this file)");
    // an endless line without a line break is refused once it cannot be within the bound
    assertThatThrownBy(() -> text("Package: a1\n" + "z".repeat(4 * DpkgStatusReader.MAX_LINE)))
        .hasMessage("status at line 2: longer than 65536 characters (the limit for this file)");
  }

  @Test
  void takesALineOfUnicodeWhiteSpaceAsBlankAndStripsUnicodeSpaceAroundValues() {
    CollectedPackages read = text("Package: a1\nStatus: install ok installed\nVersion: 1\n\u2003\t\n"
        + "Package:\u2003b2\u3000\nStatus: install ok installed\nVersion: 2\n");
    assertThat(read.packages()).map(InstalledPackage::name).containsExactly("a1", "b2");
    assertThatThrownBy(() -> text("Package: a1\nStatus: install ok installed\nVersion: 1\n\u00a0\n"))
        .hasMessageContaining("status at line 4: '\u00a0' is not a 'Field: value' line");
  }

  @Test
  void aPackageMetAgainIsTheSameOneAndStillCheckedInAnotherStanzaShape() {
    String stanza = "Package: zz1\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0\n"
        + "Source: zz (0.9)\n\n";
    InstalledPackage first = text(stanza).packages().getFirst();
    assertThat(text(stanza).packages()).singleElement().isSameAs(first);
    assertThat(first).isEqualTo(new InstalledPackage("deb", "zz1", "1.0", "zz", "0.9", "amd64",
        "pkg:deb/debian/zz1@1.0?arch=amd64"));
    // the same package in a file whose Status differs is read, and refused, as always
    assertThatThrownBy(() -> text("Package: zz1\nStatus: install ok  installed\nVersion: 1.0\n"
        + "Architecture: amd 64\n"))
        .hasMessage("status at line 4 (zz1): Architecture 'amd 64' is not an architecture name");
  }
}
