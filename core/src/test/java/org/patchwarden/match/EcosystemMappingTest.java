package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

class EcosystemMappingTest {
  private static EcosystemMapping.Target target(OsRelease os, InstalledPackage p) {
    EcosystemMapping.Mapped m = EcosystemMapping.map(os, p);
    assertThat(m).isInstanceOf(EcosystemMapping.Target.class);
    return (EcosystemMapping.Target) m;
  }

  @Test
  void debianPackagesAreLookedUpBySourceInTheMajorRelease() {
    OsRelease os = new OsRelease("debian", "11", "bullseye", "");
    EcosystemMapping.Target t = target(os,
        new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u4", "openssl", "", "amd64", ""));
    assertThat(t.ecosystem()).isEqualTo("Debian:11");
    assertThat(t.name()).isEqualTo("openssl");
    assertThat(t.version()).isEqualTo("1.1.1n-0+deb11u4");
    assertThat(t.describe()).isEqualTo("Debian:11 (bullseye)");
  }

  @Test
  void theSourceVersionWinsOverTheBinaryOne() {
    OsRelease os = new OsRelease("debian", "12", "bookworm", "");
    assertThat(target(os, new InstalledPackage("deb", "libc6", "2.36-9+deb12u4+b1", "glibc", "2.36-9+deb12u4", "", ""))
        .version()).isEqualTo("2.36-9+deb12u4");
    assertThat(target(os, InstalledPackage.of("deb", "bash", "5.2.15-2+b2")).version()).isEqualTo("5.2.15-2");
    // only a trailing binNMU suffix is one
    assertThat(target(os, InstalledPackage.of("deb", "x", "1.0+b1+deb12u1")).version()).isEqualTo("1.0+b1+deb12u1");
  }

  @Test
  void debianTestingWithoutVersionIdGoesByCodenameAndDescribesItself() {
    EcosystemMapping.Target t = target(new OsRelease("debian", "", "trixie", ""), InstalledPackage.of("deb", "bash", "5.2.21-2"));
    assertThat(t.ecosystem()).isEqualTo("Debian:13");
    assertThat(target(new OsRelease("debian", "12.5", "", ""), InstalledPackage.of("deb", "bash", "5.2.15-2")).describe())
        .isEqualTo("Debian:12 (bookworm)");
    assertThat(EcosystemMapping.map(new OsRelease("debian", "", "", ""), InstalledPackage.of("deb", "bash", "1")))
        .isInstanceOf(EcosystemMapping.NoEcosystem.class);
  }

  @Test
  void ubuntuKeepsItsFullRelease() {
    assertThat(target(new OsRelease("ubuntu", "22.04", "jammy", "debian"), InstalledPackage.of("deb", "bash", "5.1-6ubuntu1"))
        .ecosystemKey()).isEqualTo("ubuntu:22.04");
  }

  @Test
  void rpmDistributionsMatchTheBinaryNameInTheirMajorRelease() {
    InstalledPackage p = new InstalledPackage("rpm", "openssl-libs", "1:3.0.7-27.el9", "openssl", "", "x86_64", "");
    assertThat(target(new OsRelease("almalinux", "9.4", "", ""), p).ecosystem()).isEqualTo("AlmaLinux:9");
    assertThat(target(new OsRelease("almalinux", "9.4", "", ""), p).name()).isEqualTo("openssl-libs");
    assertThat(target(new OsRelease("rocky", "8.10", "", ""), p).ecosystem()).isEqualTo("Rocky Linux:8");
    assertThat(target(new OsRelease("rhel", "9.4", "", ""), p).ecosystemKey()).isEqualTo("red hat:enterprise_linux:9");
    assertThat(EcosystemMapping.map(new OsRelease("fedora", "40", "", ""), p))
        .isEqualTo(new EcosystemMapping.NoEcosystem("rpm on fedora 40"));
  }

  @Test
  void alpineUsesTheBranchAndTheOriginPackage() {
    EcosystemMapping.Target t = target(new OsRelease("alpine", "3.20.3", "", ""),
        new InstalledPackage("apk", "libcrypto3", "3.3.2-r0", "openssl", "", "", ""));
    assertThat(t.ecosystem()).isEqualTo("Alpine:v3.20");
    assertThat(t.name()).isEqualTo("openssl");
  }

  @Test
  void languagePackagesIgnoreTheOsAndGoDropsItsPrefixes() {
    OsRelease os = new OsRelease("debian", "12", "bookworm", "");
    assertThat(target(os, InstalledPackage.of("pypi", "Jinja2", "3.1.2")).nameKey()).isEqualTo("jinja2");
    assertThat(target(null, InstalledPackage.of("npm", "lodash", "4.17.21")).ecosystem()).isEqualTo("npm");
    assertThat(target(null, InstalledPackage.of("maven", "org.yaml:snakeyaml", "1.33")).ecosystem()).isEqualTo("Maven");
    assertThat(target(null, InstalledPackage.of("go", "golang.org/x/net", "v0.17.0")).version()).isEqualTo("0.17.0");
    assertThat(target(null, InstalledPackage.of("go", "stdlib", "go1.21.3")).version()).isEqualTo("1.21.3");
    assertThat(target(null, InstalledPackage.of("rubygems", "rack", "2.2.8")).ecosystem()).isEqualTo("RubyGems");
    assertThat(target(null, InstalledPackage.of("nuget", "Newtonsoft.Json", "13.0.1")).nameKey())
        .isEqualTo("newtonsoft.json");
  }

  @Test
  void cpeProductsGoToTheCpeIndexInLowerCase() {
    EcosystemMapping.Target t = target(null, InstalledPackage.of("cpe", "PaloAltoNetworks:PAN-OS", "10.2.9-h1"));
    assertThat(t.ecosystemKey()).isEqualTo("cpe");
    assertThat(t.name()).isEqualTo("paloaltonetworks:pan-os");
  }

  @Test
  void packagesWithoutAnAdvisoryEcosystemSayWhatTheyAre() {
    assertThat(EcosystemMapping.map(null, InstalledPackage.of("generic", "thing", "1.0")))
        .isEqualTo(new EcosystemMapping.NoEcosystem("generic"));
    assertThat(EcosystemMapping.map(null, InstalledPackage.of("deb", "bash", "5.2")))
        .isEqualTo(new EcosystemMapping.NoEcosystem("deb without an OS"));
    assertThat(EcosystemMapping.map(new OsRelease("alpine", "3.20.3", "", ""), InstalledPackage.of("deb", "bash", "5.2")))
        .isEqualTo(new EcosystemMapping.NoEcosystem("deb on alpine 3.20.3"));
  }

  @Test
  void anSbomPackageWithoutAnOsTakesItsReleaseFromThePurlsDistroQualifier() {
    InstalledPackage alma = new InstalledPackage("rpm", "openssl", "1:3.0.7-18.el9", "", "", "x86_64",
        "pkg:rpm/almalinux/openssl@3.0.7-18.el9?arch=x86_64&distro=almalinux-9.2&epoch=1");
    assertThat(target(null, alma).ecosystem()).isEqualTo("AlmaLinux:9");
    InstalledPackage musl = new InstalledPackage("apk", "musl", "1.2.4-r2", "", "", "",
        "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18.4");
    assertThat(target(null, musl).ecosystem()).isEqualTo("Alpine:v3.18");
    InstalledPackage rocky = new InstalledPackage("rpm", "bash", "5.1.8-9.el9", "", "", "", "pkg:rpm/rocky/bash@5.1.8-9.el9?distro=rocky-9.3");
    assertThat(target(null, rocky).ecosystem()).isEqualTo("Rocky Linux:9");
    // Trivy names Red Hat "redhat"; a bare release takes the distribution from the namespace
    assertThat(target(null, new InstalledPackage("rpm", "bash", "5.1.8-9.el9", "", "", "",
        "pkg:rpm/redhat/bash@5.1.8-9.el9?distro=redhat-9.2")).ecosystemKey()).isEqualTo("red hat:enterprise_linux:9");
    assertThat(target(null, new InstalledPackage("deb", "bash", "5.2.15-2+b2", "", "", "",
        "pkg:deb/debian/bash@5.2.15-2%2Bb2?distro=bookworm")).ecosystem()).isEqualTo("Debian:12");
    // the os-release, when there is one, wins over what a purl says
    assertThat(target(new OsRelease("almalinux", "8.10", "", ""), alma).ecosystem()).isEqualTo("AlmaLinux:8");
    assertThat(EcosystemMapping.map(null, new InstalledPackage("rpm", "bash", "5.1", "", "", "", "pkg:rpm/almalinux/bash@5.1")))
        .isEqualTo(new EcosystemMapping.NoEcosystem("rpm without an OS"));
  }
}
