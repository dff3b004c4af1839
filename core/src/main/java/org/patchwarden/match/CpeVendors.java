package org.patchwarden.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/**
 * Appliance products (CPE {@code vendor:product} packages) whose vendor no loaded CPE data names:
 * a misspelt or unknown vendor matches nothing, so the appliance is unknown, not clean.
 */
public final class CpeVendors {
  private CpeVendors() {}

  /** The vendor of a CPE name ({@code Palo Alto Networks:PAN-OS}) as match names store it ({@code paloaltonetworks}). */
  public static String vendorKey(String cpeName) {
    String key = EcosystemKeys.cpeName(cpeName);
    int colon = key.indexOf(':');
    return colon < 0 ? key : key.substring(0, colon);
  }

  /**
   * A gap per asset and unknown vendor. None when no CPE data is loaded at all: the matcher then
   * reports the products as having no data already.
   */
  public static List<CoverageGap> unknown(List<Inventory> inventories, AdvisoryStore advisories) {
    Set<String> vendors = new TreeSet<>();
    inventories.forEach(i -> i.packages().stream().filter(CpeVendors::isCpe).forEach(p -> vendors.add(vendorKey(p.name()))));
    if (vendors.isEmpty() || advisories.affectedPackageCounts().getOrDefault(EcosystemKeys.CPE, 0) == 0) {
      return List.of();
    }
    Set<String> known = advisories.knownCpeVendors(vendors);
    List<CoverageGap> gaps = new ArrayList<>();
    for (Inventory inv : inventories) {
      Map<String, List<String>> products = new TreeMap<>();
      for (InstalledPackage p : inv.packages()) {
        if (isCpe(p) && !known.contains(vendorKey(p.name()))) {
          int colon = p.name().indexOf(':');
          products.computeIfAbsent(colon < 0 ? p.name() : p.name().substring(0, colon), k -> new ArrayList<>())
              .add(p.name());
        }
      }
      products.forEach((vendor, names) -> gaps.add(new CoverageGap(inv.assetName(), EcosystemKeys.CPE, names.size(),
          "no loaded advisory names the CPE vendor '" + vendor + "' (" + String.join(", ", names)
              + "): check its spelling against NVD's (e.g. paloaltonetworks) or load data that covers it")));
    }
    return gaps;
  }

  private static boolean isCpe(InstalledPackage p) {
    return EcosystemKeys.isCpe(EcosystemKeys.ecosystem(p.ecosystem()));
  }
}
