package org.patchwarden.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.version.OsvEvent;
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

  private static org.patchwarden.advisory.AdvisoryRecord record(String source, String id, AffectedPackage... affected) {
    return new org.patchwarden.advisory.AdvisoryRecord(source, id, java.util.Set.of(), "", "", null, null, false,
        List.of(affected), List.of(), List.of(), List.of());
  }

  private static AffectedPackage events(String ecosystem, String name, String... introducedFixed) {
    List<OsvEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < introducedFixed.length; i++) {
      events.add(new OsvEvent(i % 2 == 0 ? OsvEvent.Kind.INTRODUCED : OsvEvent.Kind.FIXED, introducedFixed[i]));
    }
    return new AffectedPackage(ecosystem, name, null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.Events("ECOSYSTEM", events)), List.of(), "");
  }

  private static AffectedPackage nvd(String criteria, String startIncluding, String endExcluding) {
    return new AffectedPackage("cpe", "paloaltonetworks:pan-os", null, AffectedStatus.AFFECTED,
        List.of(new AffectedRange.CpeMatch(criteria, startIncluding, null, null, endExcluding)), List.of(), "");
  }

  private static AdvisoryIndex index(String source, org.patchwarden.advisory.AdvisoryRecord... records) {
    AdvisoryIndex.Builder b = AdvisoryIndex.builder();
    for (var r : records) {
      b.add(source, r);
    }
    return b.build();
  }

  @Test
  void nvdCpeBoundsThatLeaveTheInstalledVersionOutMakeNoFinding() {
    // CVE-2019-1579 per NVD: PAN-OS before 7.1.19, 8.0.0 to 8.0.12, 8.1.0 to 8.1.3; the firewall runs 10.2.9-h1
    String any = "cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*";
    AdvisoryIndex index = index("nvd", record("nvd", "CVE-2019-1579",
        nvd(any, null, "7.1.19"), nvd(any, "8.0.0", "8.0.12"), nvd(any, "8.1.0", "8.1.3")));
    List<Finding> found = KevProducts.match(List.of(kev("CVE-2019-1579", "Palo Alto Networks", "PAN-OS")),
        List.of(inventory("fw-edge-01", cpe("paloaltonetworks:pan-os", "10.2.9-h1"))), index);
    assertThat(found).isEmpty();
  }

  @Test
  void aCve5RecordSpelledDifferentlyStillCountsAsVersionedDataForTheAppliance() {
    // The CNA's CPEs say palo_alto_networks:pan-os; the asset list says paloaltonetworks:pan-os.
    AdvisoryIndex index = index("cve5", record("cve5", "CVE-2026-0300",
        events("cpe", "palo_alto_networks:pan-os", "10.2.0", "10.2.7-h34", "10.2.8", "10.2.10-h36")));
    List<Finding> kevOnly = KevProducts.match(List.of(kev("CVE-2026-0300", "Palo Alto Networks", "PAN-OS")),
        List.of(inventory("fw-edge-01", cpe("paloaltonetworks:pan-os", "10.2.9-h1"))), index);
    assertThat(kevOnly).isEmpty();
    Finding matched = new Matcher(index).match(inventory("fw-edge-01", cpe("paloaltonetworks:pan-os", "10.2.9-h1")))
        .findings().stream().filter(f -> f.advisoryId().equals("CVE-2026-0300")).findFirst().orElseThrow();
    assertThat(matched.confidence()).isEqualTo(Confidence.CPE_MATCH);
    assertThat(matched.fixedVersion()).isEqualTo("10.2.10-h36");
    assertThat(new Matcher(index).match(inventory("fw-edge-01", cpe("paloaltonetworks:pan-os", "10.2.7-h34")))
        .findings()).isEmpty();
  }

  @Test
  void aPackageKevNamesAsAVendorProductIsMatchedByTheVendorsVersionRange() {
    AdvisoryIndex index = index("cve5", record("cve5", "CVE-2026-42208",
        events("vendor", "berriai:litellm", "1.81.16", "1.83.7")));
    List<KevEntry> kev = List.of(kev("CVE-2026-42208", "BerriAI", "LiteLLM"));
    List<Finding> affected = KevProducts.match(kev,
        List.of(inventory("llm-gateway", InstalledPackage.of("pypi", "litellm", "1.82.6"))), index);
    assertThat(affected).singleElement().satisfies(f -> {
      assertThat(f.confidence()).isEqualTo(Confidence.CPE_MATCH);
      assertThat(f.feedSource()).as("the KEV-product step owns the finding").isEqualTo("cisa-kev");
      assertThat(f.fixedVersion()).isEqualTo("1.83.7");
      assertThat(f.installed().ecosystem()).isEqualTo("pypi");
    });
    assertThat(KevProducts.match(kev,
        List.of(inventory("llm-gateway", InstalledPackage.of("pypi", "litellm", "1.83.7"))), index)).isEmpty();
  }

  @Test
  void theAliasedCpeKeysAreLookedUpForTheInventory() {
    assertThat(KevProducts.cpeKeysOf(InstalledPackage.of("pypi", "LiteLLM", "1.82.6"))).containsExactly("berriai:litellm");
    assertThat(AdvisoryIndex.lookupNames(List.of(inventory("llm-gateway", InstalledPackage.of("pypi", "litellm", "1.0")))))
        .contains("litellm", "berriai:litellm");
  }
}
