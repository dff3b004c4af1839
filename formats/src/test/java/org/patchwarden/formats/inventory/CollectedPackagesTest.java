package org.patchwarden.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.inventory.InstalledPackage;

class CollectedPackagesTest {

  @Test
  void keepsAPackageListedTwiceOnceInFirstSeenOrder() {
    CollectedPackages.Builder b = new CollectedPackages.Builder("lock", ReadLimits.DEFAULT);
    InstalledPackage lodash = InstalledPackage.of("npm", "lodash", "4.17.20");
    InstalledPackage minimist = InstalledPackage.of("npm", "minimist", "1.2.5");

    b.add(lodash, "a").add(minimist, "b").add(lodash, "c");

    assertThat(b.build().packages()).containsExactly(lodash, minimist);
  }

  @Test
  void keepsAThousandWarningsAndCountsTheRest() {
    CollectedPackages.Builder b = new CollectedPackages.Builder("x", ReadLimits.DEFAULT);
    for (int i = 0; i < 1_005; i++) {
      b.warn("line " + i, "junk");
    }

    CollectedPackages built = b.build();
    assertThat(built.warnings()).hasSize(1_001).startsWith("line 0: junk").endsWith("… and 5 more warnings");
  }

  @Test
  void refusesMoreEntriesThanTheCap() {
    CollectedPackages.Builder b = new CollectedPackages.Builder("x", ReadLimits.DEFAULT.withMaxPackages(1));
    b.count("first");

    assertThatThrownBy(() -> b.count("second"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("x at second: more than 1 entries; refusing to read further");
  }

  @Test
  void sortsTheReasonsAndSumsTheSkippedEntries() {
    Map<String, Integer> skipped = new HashMap<>(Map.of("install ok unpacked", 2, "deinstall ok config-files", 1));
    CollectedPackages c = new CollectedPackages(List.of(InstalledPackage.of("deb", "a", "1")), skipped);
    skipped.clear(); // a copy is kept
    assertThat(c.skipped().keySet()).containsExactly("deinstall ok config-files", "install ok unpacked");
    assertThat(c.skippedCount()).isEqualTo(3);
  }
}
