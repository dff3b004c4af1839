package org.patchwarden.formats.inventory.rpm;

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
import org.patchwarden.version.Schemes;

/** Sample: rpm -qa output constructed from real AlmaLinux 9 package versions; see PROVENANCE.md. */
class RpmQueryReaderTest {

  private static final String FIXTURE = "rpm-qa-almalinux9-constructed.tsv";

  private static CollectedPackages fixture() {
    return new RpmQueryReader(new ByteArrayInputStream(Resources.bytes("/inventory/rpm/" + FIXTURE)), FIXTURE,
        "almalinux").read();
  }

  private static CollectedPackages text(String text) {
    return new RpmQueryReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "rpm-qa.txt",
        "almalinux").read();
  }

  private static InstalledPackage only(List<InstalledPackage> packages, String name) {
    return packages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void readsEveryPackageAndLeavesOutImportedSigningKeys() {
    CollectedPackages read = fixture();
    assertThat(read.packages()).hasSize(75);
    assertThat(read.skipped()).containsExactly(Map.entry("gpg-pubkey", 2));
    assertThat(read.packages()).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo("rpm");
      assertThat(Schemes.forEcosystem("rpm").parse(p.version())).isNotNull();
    });
  }

  @Test
  void writesTheEpochIntoTheVersionOnlyWhenItIsNotZero() {
    List<InstalledPackage> packages = fixture().packages();
    assertThat(packages).first().isEqualTo(new InstalledPackage("rpm", "glibc", "2.34-168.el9_6.20", "", "",
        "x86_64", "pkg:rpm/almalinux/glibc@2.34-168.el9_6.20?arch=x86_64"));
    // The purl spec keeps rpm's epoch in a qualifier.
    assertThat(only(packages, "openssl-libs")).isEqualTo(new InstalledPackage("rpm", "openssl-libs",
        "1:3.2.2-6.el9_5.1", "openssl", "", "x86_64",
        "pkg:rpm/almalinux/openssl-libs@3.2.2-6.el9_5.1?arch=x86_64&epoch=1"));
    assertThat(only(packages, "bind-libs").version()).isEqualTo("32:9.16.23-24.el9_5.3");
  }

  @Test
  void takesTheSourcePackageFromTheSourceRpmFileName() {
    List<InstalledPackage> packages = fixture().packages();
    // Built from a source package of another name and another version.
    assertThat(only(packages, "nspr")).extracting(InstalledPackage::sourceName, InstalledPackage::sourceVersion)
        .containsExactly("nss", "3.90.0-6.el9_3");
    assertThat(only(packages, "bpftool")).extracting(InstalledPackage::sourceName, InstalledPackage::sourceVersion)
        .containsExactly("kernel", "5.14.0-503.38.1.el9_5");
    // A dot in the source name: everything before the last two '-' parts is the name.
    assertThat(only(packages, "python3")).extracting(InstalledPackage::sourceName, InstalledPackage::sourceVersion)
        .containsExactly("python3.9", "");
    assertThat(only(packages, "nodejs")).extracting(InstalledPackage::sourceName, InstalledPackage::sourceVersion)
        .containsExactly("", "");
    // The epoch the file name lacks is taken from the binary.
    assertThat(only(packages, "perl-Errno").effectiveSourceVersion()).isEqualTo("5.32.1-481.el9");
    assertThat(only(packages, "perl-interpreter").effectiveSourceVersion()).isEqualTo("4:5.32.1-481.el9");
  }

  @Test
  void keepsEveryInstalledVersionAndArchitectureOfAPackage() {
    List<InstalledPackage> packages = fixture().packages();
    assertThat(packages).filteredOn(p -> p.name().equals("kernel-core")).map(InstalledPackage::version)
        .containsExactly("5.14.0-503.38.1.el9_5", "5.14.0-570.37.1.el9_6");
    assertThat(packages).filteredOn(p -> p.name().equals("glibc")).map(InstalledPackage::architecture)
        .containsExactly("x86_64", "i686");
  }

  @Test
  void acceptsTheNoneSpellingOfAMissingEpochAndAnEmptyOutput() {
    assertThat(text("zlib\t(none)\t1.2.11\t32.el9_0\tx86_64\tzlib-1.2.11-32.el9_0.src.rpm\n").packages())
        .singleElement().extracting(InstalledPackage::version).isEqualTo("1.2.11-32.el9_0");
    assertThat(text("").packages()).isEmpty();
    assertThat(text("\n\n").packages()).isEmpty();
  }

  @Test
  void refusesLinesThatAreNotTheQueryFormat() {
    assertThatThrownBy(() -> text("zlib-1.2.11-32.el9_0.x86_64\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessageStartingWith("rpm-qa.txt at line 1: 1 tab-separated fields where NAME EPOCHNUM VERSION RELEASE ARCH"
            + " SOURCERPM are 6 (is this the output of rpm -qa --qf");
    assertThatThrownBy(() -> text("zlib\tx\t1.2.11\t32.el9_0\tx86_64\tzlib-1.2.11-32.el9_0.src.rpm\n"))
        .hasMessage("rpm-qa.txt at line 1 (zlib): EPOCHNUM 'x' is not a number");
    assertThatThrownBy(() -> text("zlib\t0\t1.2-11\t32.el9_0\tx86_64\tzlib-1.2.11-32.el9_0.src.rpm\n"))
        .hasMessage("rpm-qa.txt at line 1 (zlib): VERSION '1.2-11' is not an rpm version");
    assertThatThrownBy(() -> text("zlib\t0\t1.2.11\t\tx86_64\tzlib-1.2.11-32.el9_0.src.rpm\n"))
        .hasMessage("rpm-qa.txt at line 1 (zlib): RELEASE '' is not an rpm release");
    assertThatThrownBy(() -> text("zl ib\t0\t1.2.11\t1\tx86_64\tzlib-1.2.11-1.src.rpm\n"))
        .hasMessage("rpm-qa.txt at line 1: NAME 'zl ib' is not a package name");
    assertThatThrownBy(() -> text("zlib\t0\t1.2.11\t1\tx86 64\tzlib-1.2.11-1.src.rpm\n"))
        .hasMessage("rpm-qa.txt at line 1 (zlib): ARCH 'x86 64' is not an architecture");
  }

  @Test
  void refusesASourceRpmThatIsNotNameVersionRelease() {
    assertThatThrownBy(() -> text("\nzlib\t0\t1.2.11\t1\tx86_64\tzlib-1.2.11.src.rpm\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("rpm-qa.txt at line 2 (zlib): SOURCERPM 'zlib-1.2.11.src.rpm' is not name-version-release.src.rpm");
    assertThatThrownBy(() -> text("zlib\t0\t1.2.11\t1\tx86_64\tzlib-1.2.11-1.x86_64.rpm\n"))
        .hasMessageContaining("SOURCERPM 'zlib-1.2.11-1.x86_64.rpm' is not name-version-release.src.rpm");
    assertThatThrownBy(() -> text("zlib\t0\t1.2.11\t1\tx86_64\t-1.2.11-1.src.rpm\n"))
        .hasMessageContaining("is not name-version-release.src.rpm");
  }

  @Test
  void refusesALineLongerThanTheBound() {
    assertThatThrownBy(() -> text("x".repeat(RpmQueryReader.MAX_LINE + 1)))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("rpm-qa.txt at line 1: longer than 4096 characters (the limit for this file)");
  }

  @Test
  void refusesMorePackagesThanTheBound() {
    String line = "zlib\t0\t1.2.11\t1\tx86_64\tzlib-1.2.11-1.src.rpm\n";
    assertThatThrownBy(() -> new RpmQueryReader(Resources.repeated(line, RpmQueryReader.MAX_PACKAGES + 1L),
        "rpm-qa.txt", "almalinux").read())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("rpm-qa.txt at line 200001: more than 200000 packages");
  }

  @Test
  void needsALowerCaseDistributionForThePurl() {
    assertThatThrownBy(() -> new RpmQueryReader(new ByteArrayInputStream(new byte[0]), "x", "Red Hat"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace 'Red Hat'");
  }
}
