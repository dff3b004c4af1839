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
   * The product-only findings for {@code inventories}, and the findings of KEV products matched by
   * version through another name (a PyPI package KEV lists as a vendor product).
   *
   * <p>Before a product-only finding is made, the versioned data of the KEV CVE is consulted: the
   * records of {@code index} that name the CVE (as id or alias) for the package itself or, for a
   * package KEV names differently ({@link #ALIASES}), for the KEV vendor and product in the CPE
   * index (CVE 5 {@code affected} entries, NVD CPE bounds). When such data states versions, it
   * decides: the installed version inside it gives a finding with that evidence (the package's
   * own data has already been matched by the matcher, so nothing is added then), outside it gives
   * nothing. Only when no record states versions is the finding product-only: "verify".
   *
   * @param index must hold the records naming the inventories' packages and their KEV CPE keys
   *     ({@link AdvisoryIndex#forInventories} loads both)
   */
  public static List<Finding> match(Collection<KevEntry> kev, Collection<Inventory> inventories, AdvisoryIndex index) {
    Map<String, List<Candidate>> byKey = new HashMap<>();
    for (KevEntry e : kev) {
      String vendor = reduce(e.vendorProject());
      for (String product : products(e.product())) {
        String key = vendor + ":" + product;
        byKey.computeIfAbsent("cpe:" + key, k -> new ArrayList<>()).add(new Candidate(e, key));
        for (String alias : ALIASES.getOrDefault(key, List.of())) {
          byKey.computeIfAbsent(alias, k -> new ArrayList<>()).add(new Candidate(e, key));
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Inventory inv : inventories) {
      Set<String> seen = new HashSet<>();
      for (InstalledPackage p : inv.packages()) {
        for (Candidate c : byKey.getOrDefault(key(p), List.of())) {
          String cve = c.entry().cveId();
          if (!seen.add(cve + "|" + p.ecosystem() + "|" + p.name())) {
            continue;
          }
          if (hasVersionedData(index, p.ecosystem(), p.name(), cve)) {
            continue; // the matcher has evaluated the package's own versioned data
          }
          if (!p.ecosystem().equals("cpe") && hasVersionedData(index, "cpe", c.cpeKey(), cve)) {
            byVersion(index, inv.assetName(), p, c.cpeKey(), cve).ifPresent(out::add);
            continue;
          }
          out.add(new Finding(inv.assetName(), p, cve, Set.of(), "cisa-kev", p.ecosystem(), p.name(), p.version(),
              AffectedStatus.AFFECTED, UNKNOWN_VERSIONS, "", Confidence.PRODUCT_ONLY));
        }
      }
    }
    return out;
  }

  /**
   * The CPE keys ({@code vendor:product}) whose records {@link #match} consults for a package KEV
   * names differently: {@code berriai:litellm} for {@code pypi:litellm}; empty for others.
   */
  public static List<String> cpeKeysOf(InstalledPackage p) {
    if (p.ecosystem().equals("cpe")) {
      return List.of();
    }
    String key = key(p);
    List<String> out = new ArrayList<>(1);
    ALIASES.forEach((kevKey, packages) -> {
      if (packages.contains(key)) {
        out.add(kevKey);
      }
    });
    return out;
  }

  /** A KEV entry and the CPE key of the product it names. */
  private record Candidate(KevEntry entry, String cpeKey) {}

  /** The finding the CPE index's data for {@code cve} makes on {@code p}, if its version is affected. */
  private static java.util.Optional<Finding> byVersion(AdvisoryIndex index, String asset, InstalledPackage p,
      String cpeKey, String cve) {
    String version = p.version().strip();
    var target = new EcosystemMapping.Target("cpe", EcosystemKeys.CPE, cpeKey, EcosystemKeys.cpeName(cpeKey), version,
        "");
    for (Hit h : TupleEvaluation.of(index, target, Set.of(cve)).hits()) {
      // Recorded under KEV's source whichever record gave the versions: the KEV-product step owns
      // these findings, so a re-match of that step alone (after a KEV change) can retract them.
      return java.util.Optional.of(new Finding(asset, p, h.advisoryId(), h.aliases(), "cisa-kev",
          h.advisoryEcosystem(), p.name(), version, h.status(), h.range(), h.fixedVersion(), h.confidence()));
    }
    return java.util.Optional.empty();
  }

  /**
   * Whether a record naming {@code cve} states versions (ranges, versions, or "not affected") for
   * the package: a product named without versions ("versions unspecified") does not.
   */
  private static boolean hasVersionedData(AdvisoryIndex index, String ecosystem, String name, String cve) {
    for (AdvisoryIndex.Entry entry : index.entries(ecosystem, name)) {
      if ((entry.recordId().equals(cve) || entry.aliases().contains(cve)) && entry.statesVersions()) {
        return true;
      }
    }
    return false;
  }

  /** The lookup key of an installed package: {@code cpe:vendor:product} reduced, or {@code ecosystem:name}. */
  static String key(InstalledPackage p) {
    if (p.ecosystem().equals("cpe")) {
      return "cpe:" + EcosystemKeys.cpeName(p.name());
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
    return EcosystemKeys.reduce(s);
  }
}
