package org.patchwarden.remediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackageUpgradeTest {

  @Test
  void keepsNamesAndVersionsStripped() {
    PackageUpgrade u = new PackageUpgrade(" web-01 ", "deb", " openssl ", "", " 3.0.13-1~deb12u1 ");

    assertThat(u).isEqualTo(new PackageUpgrade("web-01", "deb", "openssl", null, "3.0.13-1~deb12u1"));
    assertThat(u.installedVersion()).isEmpty();
  }

  @Test
  void refusesAPackageNameThatAPackageManagerWouldTakeForAnOption() {
    assertThatThrownBy(() -> new PackageUpgrade("web-01", "deb", "--allow-unauthenticated", "1", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("package name '--allow-unauthenticated' starts with '-' and would be read as an option");
  }

  @Test
  void refusesWhiteSpaceAndControlCharactersThatCouldSplitACommandLine() {
    assertThatThrownBy(() -> new PackageUpgrade("web-01", "deb", "openssl", "1", "2 ; rm -rf /"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target version must not contain white space");
    assertThatThrownBy(() -> new PackageUpgrade("web-01", "deb", "open\u001bssl", "1", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("open\\u001bssl");
  }

  @Test
  void needsATargetVersionAndAnEcosystem() {
    assertThatThrownBy(() -> new PackageUpgrade("web-01", "deb", "openssl", "1", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("target version must not be empty");
    assertThatThrownBy(() -> new PackageUpgrade("web-01", "", "openssl", "1", "2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an ecosystem");
  }
}
