package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

class KevProductsTest {
  private static KevEntry kev(String cve, String vendor, String product) {
    return new KevEntry(cve, vendor, product, product + " vulnerability", LocalDate.of(2025, 5, 19), "desc",
        "Apply mitigations per vendor instructions.", LocalDate.of(2025, 6, 9), "Unknown", "", List.of());
  }

  private static Inventory inventory(String asset, InstalledPackage... packages) {
    return new Inventory(asset, 1, Instant.parse("2026-11-01T00:00:00Z"), null, List.of(packages));
  }

  private static InstalledPackage cpe(String vendorProduct, String version) {
    return new InstalledPackage("cpe", vendorProduct, version, "", "", "", "");
  }

  @Test
  void aKevListedApplianceProductGetsAProductOnlyFindingToVerify() {
    List<Finding> found = KevProducts.match(
        List.of(kev("CVE-2025-4427", "Ivanti", "Endpoint Manager Mobile (EPMM)"),
            kev("CVE-2024-3400", "Palo Alto Networks", "PAN-OS")),
        List.of(inventory("mdm-01", cpe("ivanti:endpoint_manager_mobile", "12.1.0.2")),
            inventory("fw-edge-01", cpe("paloaltonetworks:pan-os", "10.2.9-h1"))),
        AdvisoryIndex.empty());
    assertThat(found).extracting(Finding::assetName, Finding::advisoryId, Finding::confidence).containsExactly(
        org.assertj.core.groups.Tuple.tuple("mdm-01", "CVE-2025-4427", Confidence.PRODUCT_ONLY),
        org.assertj.core.groups.Tuple.tuple("fw-edge-01", "CVE-2024-3400", Confidence.PRODUCT_ONLY));
    assertThat(found.get(0).range()).isEqualTo(KevProducts.UNKNOWN_VERSIONS);
    assertThat(found.get(0).fixedVersion()).isEmpty();
  }

  @Test
  void eachProductOfAKevEntryNamingSeveralIsMatched() {
    List<Finding> found = KevProducts.match(List.of(kev("CVE-2024-55591", "Fortinet", "FortiOS and FortiProxy")),
        List.of(inventory("proxy-01", cpe("fortinet:fortiproxy", "7.4.1"))), AdvisoryIndex.empty());
    assertThat(found).singleElement().extracting(Finding::advisoryId).isEqualTo("CVE-2024-55591");
  }

  @Test
  void namesAreMatchedExactlyNeverFuzzily() {
    List<Finding> found = KevProducts.match(
        List.of(kev("CVE-2024-1", "Ivanti", "Endpoint Manager (EPM)"), kev("CVE-2024-2", "Fortinet", "Multiple Products")),
        List.of(inventory("mdm-01", cpe("ivanti:endpoint_manager_mobile", "12.1.0.2"), cpe("fortinet:fortios", "7.4.3"))),
        AdvisoryIndex.empty());
    assertThat(found).isEmpty();
  }

  @Test
  void theAliasTableMapsKevNamesToPackageEcosystems() {
    List<Finding> found = KevProducts.match(List.of(kev("CVE-2026-42208", "BerriAI", "LiteLLM")),
        List.of(inventory("llm-gateway", InstalledPackage.of("pypi", "litellm", "1.82.6"))), AdvisoryIndex.empty());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.confidence()).isEqualTo(Confidence.PRODUCT_ONLY);
      assertThat(f.installed().name()).isEqualTo("litellm");
    });
  }
}
