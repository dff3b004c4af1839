package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.patchwarden.match.Records.record;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/** Appliance vendors that no loaded CPE data names are gaps, not silence (issue 10 item 6). */
class CpeVendorsTest {
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

  private static InstalledPackage appliance(String vendorProduct, String version) {
    return new InstalledPackage("cpe", vendorProduct, version, "", "", "", "");
  }

  private static Inventory asset(String name, InstalledPackage... packages) {
    return new Inventory(name, 1, NOW, null, List.of(packages));
  }

  @Test
  void anApplianceVendorNoLoadedCpeDataNamesIsAGapNamingTheVendorAndProducts() {
    var store = new MemoryAdvisoryStore().add("cve5", record("cve5", "CVE-2024-3400", Set.of(),
        new AffectedPackage("vendor", "Palo Alto Networks:PAN-OS", null, AffectedStatus.AFFECTED, List.of(),
            List.of("11.1.0"), "")));
    var fleet = List.of(
        asset("fw-01", appliance("paloaltonetworks:pan-os", "11.1.0")),
        asset("fw-02", appliance("palo-alto:pan-os", "11.1.0"), appliance("palo-alto:globalprotect", "6.0")));
    assertThat(CpeVendors.unknown(fleet, store)).containsExactly(new CoverageGap("fw-02", "cpe", 2,
        "no loaded advisory names the CPE vendor 'palo-alto' (palo-alto:pan-os, palo-alto:globalprotect):"
            + " check its spelling against NVD's (e.g. paloaltonetworks) or load data that covers it"));
  }

  @Test
  void withoutAnyCpeDataTheMatchersNoDataGapSpeaksAlone() {
    assertThat(CpeVendors.unknown(List.of(asset("fw-02", appliance("palo-alto:pan-os", "11.1.0"))),
        new MemoryAdvisoryStore())).isEmpty();
  }
}
