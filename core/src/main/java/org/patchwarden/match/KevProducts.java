package org.patchwarden.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.advisory.KevEntry;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/**
 * Flags assets that carry a product CISA lists in KEV when no loaded advisory says which versions
 * are affected (common for fresh KEV entries): a distinct, lower-confidence finding, "KEV-listed
 * product present, affected versions unknown: verify", never dropped and never shown as confirmed.
 *
 * <p>Names are matched explicitly, never fuzzily: KEV's vendor and each product it names (split at
 * " and " and commas, parenthesised abbreviations dropped) are reduced to lower-case letters and
 * digits and must equal the asset product's CPE vendor and product reduced the same way
 * ({@code Palo Alto Networks / PAN-OS} = {@code paloaltonetworks:pan-os}); products KEV names
 * differently from any package ecosystem go through the small alias table below.
 */
public final class KevProducts {
  /** The range text of such findings. */
  public static final String UNKNOWN_VERSIONS = "KEV-listed product present, affected versions unknown: verify";

  /** KEV "vendor:product" (reduced) to package keys "ecosystem:name" that are that product. */
  static final Map<String, List<String>> ALIASES = Map.of(
      "berriai:litellm", List.of("pypi:litellm"),
      "apache:log4j2", List.of("maven:org.apache.logging.log4j:log4j-core"),
      "apache:struts", List.of("maven:org.apache.struts:struts2-core"),
      "vmware:springframework", List.of("maven:org.springframework:spring-beans", "maven:org.springframework:spring-webmvc"),
      "langchain:langchain", List.of("pypi:langchain", "pypi:langchain-core"));

  private KevProducts() {}

  /**
   * The product-only findings for {@code inventories}.
   *
   * @param index decides whether versioned data exists: when any loaded advisory names the KEV CVE
   *     for the package, the versioned match has spoken and no product-only finding is made
   */
  public static List<Finding> match(Collection<KevEntry> kev, Collection<Inventory> inventories, AdvisoryIndex index) {
    Map<String, List<KevEntry>> byKey = new HashMap<>();
    for (KevEntry e : kev) {
      String vendor = reduce(e.vendorProject());
      for (String product : products(e.product())) {
        String key = vendor + ":" + product;
        byKey.computeIfAbsent("cpe:" + key, k -> new ArrayList<>()).add(e);
        for (String alias : ALIASES.getOrDefault(key, List.of())) {
          byKey.computeIfAbsent(alias, k -> new ArrayList<>()).add(e);
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Inventory inv : inventories) {
      Set<String> seen = new HashSet<>();
      for (InstalledPackage p : inv.packages()) {
        for (KevEntry e : byKey.getOrDefault(key(p), List.of())) {
          if (!seen.add(e.cveId() + "|" + p.ecosystem() + "|" + p.name()) || hasVersionedData(index, p, e.cveId())) {
            continue;
          }
          out.add(new Finding(inv.assetName(), p, e.cveId(), Set.of(), "cisa-kev", p.ecosystem(), p.name(), p.version(),
              AffectedStatus.AFFECTED, UNKNOWN_VERSIONS, "", Confidence.PRODUCT_ONLY));
        }
      }
    }
    return out;
  }

  /** The lookup key of an installed package: {@code cpe:vendor:product} reduced, or {@code ecosystem:name}. */
  static String key(InstalledPackage p) {
    if (p.ecosystem().equals("cpe")) {
      int colon = p.name().indexOf(':');
      return colon < 0 ? "cpe:" + reduce(p.name()) : "cpe:" + reduce(p.name().substring(0, colon)) + ":" + reduce(p.name().substring(colon + 1));
    }
    return p.ecosystem() + ":" + p.name().toLowerCase(Locale.ROOT);
  }

  private static boolean hasVersionedData(AdvisoryIndex index, InstalledPackage p, String cve) {
    String ecosystem = p.ecosystem().equals("cpe") ? "cpe" : null;
    if (ecosystem == null) {
      return false; // language packages: a versioned advisory for this CVE would have matched already
    }
    for (AdvisoryIndex.Entry entry : index.entries(ecosystem, p.name())) {
      if (entry.recordId().equals(cve) || entry.aliases().contains(cve)) {
        return true;
      }
    }
    return false;
  }

  /** The products a KEV product field names: "FortiOS and FortiProxy SSL-VPN" → fortios, fortiproxysslvpn. */
  static List<String> products(String field) {
    List<String> out = new ArrayList<>();
    for (String part : field.replaceAll("\\([^)]*\\)", " ").split(",|\\band\\b")) {
      String r = reduce(part);
      if (!r.isEmpty() && !r.equals("multipleproducts")) {
        out.add(r);
      }
    }
    return out;
  }

  /** Lower-case letters and digits only. */
  static String reduce(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
