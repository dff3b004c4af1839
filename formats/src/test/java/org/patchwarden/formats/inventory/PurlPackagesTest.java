package org.patchwarden.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.InstalledPackage;

class PurlPackagesTest {
  private final CollectedPackages.Builder notes = new CollectedPackages.Builder("test", ReadLimits.DEFAULT);

  private Optional<InstalledPackage> purl(String text, String fallback) {
    return PurlPackages.fromPurl(text, fallback, notes, "here");
  }

  @Test
  void normalizesPythonNamesAsPep503Does() {
    assertThat(PurlPackages.pep503("Django_Rest.framework")).isEqualTo("django-rest-framework");
    assertThat(PurlPackages.pep503("zope.interface")).isEqualTo("zope-interface");
    assertThat(PurlPackages.pep503("A__-.b")).isEqualTo("a-b");
  }

  @Test
  void buildsThePurlsOfPackageDatabasesInADistributionsNamespace() {
    assertThat(PurlPackages.distributionNamespace("almalinux")).isEqualTo("almalinux");
    assertThatThrownBy(() -> PurlPackages.distributionNamespace("Debian"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("purl namespace 'Debian' must be a lower-case distribution id");
    assertThatThrownBy(() -> PurlPackages.distributionNamespace(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PurlPackages.databasePurl("rpm", "fedora", "bash", "5.2.26-3.fc40", Map.of("epoch", "1", "arch", "x86_64")))
        .isEqualTo("pkg:rpm/fedora/bash@5.2.26-3.fc40?arch=x86_64&epoch=1");
    assertThat(PurlPackages.databasePurl("deb", "debian", "libc6", "2.36-9", Map.of()))
        .isEqualTo("pkg:deb/debian/libc6@2.36-9");
    assertThatThrownBy(() -> PurlPackages.databasePurl("deb", "debian", "", "1", Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot build the purl of  1");
  }

  @Test
  void mapsPurlTypesToOurEcosystems() {
    assertThat(PurlPackages.ecosystemOf("golang")).contains("go");
    assertThat(PurlPackages.ecosystemOf("gem")).contains("rubygems");
    assertThat(PurlPackages.ecosystemOf("NuGet")).contains("nuget");
    assertThat(PurlPackages.ecosystemOf("cargo")).isEmpty();
  }

  @Test
  void keepsTheCaseOfGoModulePathsThatPackageurlLowerCases() {
    assertThat(purl("pkg:golang/github.com/Azure/azure-sdk-for-go/sdk/AzCore@v1.9.0#sub/dir", ""))
        .map(InstalledPackage::name).contains("github.com/Azure/azure-sdk-for-go/sdk/AzCore");
  }

  @Test
  void leavesAZeroRpmEpochOutAndReadsASourceRpmWithoutSuffixAsAName() {
    assertThat(purl("pkg:rpm/almalinux/bash@5.1.8-6.el9_1?epoch=0&upstream=bash", "")).contains(
        new InstalledPackage("rpm", "bash", "5.1.8-6.el9_1", "", "", "",
            "pkg:rpm/almalinux/bash@5.1.8-6.el9_1?epoch=0&upstream=bash"));
  }

  @Test
  void takesTheVersionOfTheComponentWhenThePurlHasNone() {
    assertThat(purl("pkg:maven/org.yaml/snakeyaml", "1.30")).map(InstalledPackage::version).contains("1.30");
    assertThat(purl("pkg:maven/org.yaml/snakeyaml", "")).isEmpty();
    assertThat(notes.build().warnings()).containsExactly(
        "here: purl 'pkg:maven/org.yaml/snakeyaml' has no version and the component gives none; skipped");
  }

  @Test
  void takesTheVersionOfTheComponentWhenTheCpeHasAnyVersion() {
    assertThat(PurlPackages.fromCpe("cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*", "9.8.4", notes, "here"))
        .contains(new InstalledPackage("cpe", "cisco:asa_5505", "9.8.4", "", "", "",
            "cpe:2.3:h:cisco:asa_5505:-:*:*:*:*:*:*:*"));
    assertThat(PurlPackages.fromCpe("cpe:/a:openssl:openssl:1.1.1k", "", notes, "here"))
        .map(InstalledPackage::version).contains("1.1.1k");
    assertThat(PurlPackages.fromCpe("cpe:2.3:a:only:three", "", notes, "here")).isEmpty();
  }

  @Test
  void buildsCanonicalPurlsFromCoordinates() {
    assertThat(PurlPackages.purl("npm", "@babel", "core", "7.0.0")).isEqualTo("pkg:npm/%40babel/core@7.0.0");
    assertThat(PurlPackages.purl("maven", "io.netty", "netty-transport-native-epoll", "4.1.77.Final",
        Map.of("type", "jar", "classifier", "linux-x86_64")))
        .isEqualTo("pkg:maven/io.netty/netty-transport-native-epoll@4.1.77.Final?classifier=linux-x86_64&type=jar");
    assertThat(PurlPackages.purl("npm", null, "", "1.0")).isEmpty();
  }
}
