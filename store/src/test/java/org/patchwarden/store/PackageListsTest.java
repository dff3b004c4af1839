package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  void packagesAreStoredByEcosystemNameVersionAndArchitectureKeepingTheOrderOfEqualKeys() {
    InstalledPackage a = new InstalledPackage("deb", "curl", "1", "", "", "amd64", "first");
    InstalledPackage b = new InstalledPackage("deb", "curl", "1", "", "", "amd64", "second");
    InstalledPackage c = new InstalledPackage("deb", "bash", "5", "", "", "", "");
    InstalledPackage d = new InstalledPackage("apk", "zlib", "1", "", "", "", "");
    assertThat(PackageLists.ordered(List.of(a, c, b, d))).containsExactly(d, c, a, b);
  }

  @Test
  void equalPackagesOfSeveralListsShareOneInstance() {
    Map<InstalledPackage, InstalledPackage> shared = new HashMap<>();
    byte[] value = PackageLists.encode(List.of(CURL));
    InstalledPackage first = PackageLists.decode(value, shared, "a").get(0);
    assertThat(PackageLists.decode(value, shared, "b").get(0)).isSameAs(first);
  }

  @Test
  void aDamagedValueIsRefusedNamingItsRevisionAndTheReason() {
    byte[] value = PackageLists.encode(List.of(CURL, LONG_NAMED));
    byte[] cut = java.util.Arrays.copyOf(value, value.length - 5);
    assertThatThrownBy(() -> PackageLists.decode(cut, null, "web-01 revision 3"))
        .hasMessageContaining("web-01 revision 3").hasMessageContaining("runs past its end");
    byte[] longer = java.util.Arrays.copyOf(value, value.length + 1);
    assertThatThrownBy(() -> PackageLists.decode(longer, null, "web-01 revision 3"))
        .hasMessageContaining("1 bytes after the last package");
    byte[] future = value.clone();
    future[0] = 9;
    assertThatThrownBy(() -> PackageLists.decode(future, null, "web-01 revision 3"))
        .hasMessageContaining("format 9");
  }

  @Test
  void aFleetSizedListRoundTrips() {
    List<InstalledPackage> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add(new InstalledPackage("deb", "pkg" + i, i + ".0-1", i % 3 == 0 ? "src" + i : "", "", "amd64", "p" + i));
    }
    assertThat(PackageLists.decode(PackageLists.encode(many), null, "x")).isEqualTo(many);
  }
}
