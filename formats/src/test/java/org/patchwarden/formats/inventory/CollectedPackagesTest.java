package org.patchwarden.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.InstalledPackage;

class CollectedPackagesTest {

  @Test
  void sortsTheReasonsAndSumsTheSkippedEntries() {
    Map<String, Integer> skipped = new HashMap<>(Map.of("install ok unpacked", 2, "deinstall ok config-files", 1));
    CollectedPackages c = new CollectedPackages(List.of(InstalledPackage.of("deb", "a", "1")), skipped);
    skipped.clear(); // a copy is kept
    assertThat(c.skipped().keySet()).containsExactly("deinstall ok config-files", "install ok unpacked");
    assertThat(c.skippedCount()).isEqualTo(3);
  }
}
