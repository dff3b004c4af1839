package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EcosystemKeysTest {

  @Test
  void ecosystemsAreCaseInsensitiveAndKeepTheirRelease() {
    assertThat(EcosystemKeys.ecosystem("Debian:11")).isEqualTo("debian:11");
    assertThat(EcosystemKeys.ecosystem("AlmaLinux:9")).isEqualTo("almalinux:9");
    assertThat(EcosystemKeys.ecosystem("Rocky Linux:8")).isEqualTo("rocky linux:8");
    assertThat(EcosystemKeys.ecosystem("Alpine:v3.20")).isEqualTo("alpine:v3.20");
    assertThat(EcosystemKeys.ecosystem(" PyPI ")).isEqualTo("pypi");
    assertThat(EcosystemKeys.ecosystem("crates.io")).isEqualTo("crates.io");
  }

  @Test
  void ubuntuLtsAndRedHatRepositorySuffixesAreDropped() {
    assertThat(EcosystemKeys.ecosystem("Ubuntu:22.04:LTS")).isEqualTo("ubuntu:22.04");
    assertThat(EcosystemKeys.ecosystem("Ubuntu:23.10")).isEqualTo("ubuntu:23.10");
    assertThat(EcosystemKeys.ecosystem("Ubuntu:Pro:14.04:LTS")).isEqualTo("ubuntu:pro:14.04");
    assertThat(EcosystemKeys.ecosystem("Red Hat:enterprise_linux:9::appstream")).isEqualTo("red hat:enterprise_linux:9");
  }

  @Test
  void nvdCpeAndCve5VendorProductsShareTheCpeIndex() {
    assertThat(EcosystemKeys.ecosystem("cpe")).isEqualTo(EcosystemKeys.CPE);
    assertThat(EcosystemKeys.ecosystem("vendor")).isEqualTo(EcosystemKeys.CPE);
    assertThat(EcosystemKeys.name("cpe", "Palo Alto Networks:PAN-OS")).isEqualTo("paloaltonetworks:panos");
    assertThat(EcosystemKeys.name("cpe", "palo_alto_networks:pan-os")).isEqualTo("paloaltonetworks:panos");
    assertThat(EcosystemKeys.name("cpe", "ivanti:endpoint_manager_mobile"))
        .isEqualTo(EcosystemKeys.name("cpe", "Ivanti:Endpoint Manager Mobile"));
  }

  @Test
  void pypiNamesFollowPep503() {
    assertThat(EcosystemKeys.name("pypi", "Friendly-Bard")).isEqualTo("friendly-bard");
    assertThat(EcosystemKeys.name("pypi", "Friendly.Bard")).isEqualTo("friendly-bard");
    assertThat(EcosystemKeys.name("pypi", "friendly_bard")).isEqualTo("friendly-bard");
    assertThat(EcosystemKeys.name("pypi", "FRIENDLY-._BARD")).isEqualTo("friendly-bard");
  }

  @Test
  void caseSensitiveEcosystemsKeepTheNameAsItIs() {
    assertThat(EcosystemKeys.name("go", "github.com/BurntSushi/toml")).isEqualTo("github.com/BurntSushi/toml");
    assertThat(EcosystemKeys.name("maven", "org.apache.logging.log4j:log4j-core"))
        .isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(EcosystemKeys.name("debian:11", "libreoffice")).isEqualTo("libreoffice");
    assertThat(EcosystemKeys.name("almalinux:9", "NetworkManager-libnm")).isEqualTo("NetworkManager-libnm");
    assertThat(EcosystemKeys.name("nuget", "Newtonsoft.Json")).isEqualTo("newtonsoft.json");
  }

  @Test
  void aMatchNameIsTheNameKeyWithinTheSourcesEcosystemAsSpelled() {
    assertThat(EcosystemKeys.matchName("PyPI", "zope.interface")).isEqualTo("zope-interface");
    assertThat(EcosystemKeys.matchName("vendor", "Palo Alto Networks:PAN-OS")).isEqualTo("paloaltonetworks:panos");
    assertThat(EcosystemKeys.matchName("Go", "github.com/BurntSushi/toml")).isEqualTo("github.com/BurntSushi/toml");
    assertThat(EcosystemKeys.matchName("Ubuntu:22.04:LTS", "openssl")).isEqualTo("openssl");
  }

  @Test
  void operatingSystemReleasesAreTheKeysNamingAReleaseNotLanguagesOrCpe() {
    assertThat(EcosystemKeys.isOsRelease("debian:12")).isTrue();
    assertThat(EcosystemKeys.isOsRelease("ubuntu:22.04")).isTrue();
    assertThat(EcosystemKeys.isOsRelease("alpine:v3.20")).isTrue();
    assertThat(EcosystemKeys.isOsRelease("red hat:enterprise_linux:9")).isTrue();
    assertThat(EcosystemKeys.isOsRelease("pypi")).isFalse();
    assertThat(EcosystemKeys.isOsRelease("crates.io")).isFalse();
    assertThat(EcosystemKeys.isOsRelease(EcosystemKeys.CPE)).isFalse();
  }
}
