package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.match.KevProducts;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.InventoryScan;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.CoverageStore;
import org.patchwarden.match.CpeVendors;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.MatchResult;

/**
 * Use case: record new inventories of assets, match them against every loaded advisory, and record
 * the findings (new ones open, gone ones fixed by the new inventory). Assets are matched together,
 * so that packages shared across the fleet are evaluated once.
 *
 * <p>A scan replaces only the ecosystems it inventoried ({@link InventoryScan}): the asset's other
 * packages, and its OS when the scan found none, stay, so their findings stay open. An inventory
 * equal to the newest one adds no revision.
 */
public final class ScanAssets {
  private final AssetStore assets;
  private final AdvisoryStore advisories;
  private final FindingStore findings;
  private final KevStore kev;
  private final CoverageStore coverage;
  private final Clock clock;

  public ScanAssets(AssetStore assets, AdvisoryStore advisories, FindingStore findings, KevStore kev,
      CoverageStore coverage, Clock clock) {
    this.assets = assets;
    this.advisories = advisories;
    this.findings = findings;
    this.kev = kev;
    this.coverage = coverage;
    this.clock = clock;
  }

  /**
   * One asset's scan input.
   *
   * @param asset the asset's context: every field it states replaces the stored one, the fields it
   *     leaves unstated (null) keep what was stored, e.g. by {@code asset set}
   * @param replaceContext whether the asset's kind is stated too (an asset list), not only inferred
   * @param os the operating system found, or null
   * @param complete whether the input is everything installed on the asset: packages of other
   *     ecosystems, and an OS it does not name, are dropped instead of kept
   */
  public record AssetInventory(Asset asset, boolean replaceContext, OsRelease os, List<InstalledPackage> packages,
      boolean complete) {
    public AssetInventory {
      Objects.requireNonNull(asset, "asset");
      packages = List.copyOf(packages);
    }

    /** An input that replaces only the ecosystems it has packages of. */
    public AssetInventory(Asset asset, boolean replaceContext, OsRelease os, List<InstalledPackage> packages) {
      this(asset, replaceContext, os, packages, false);
    }
  }

  /**
   * What scanning one asset found and changed.
   *
   * @param inventory the asset's inventory after the scan: the newest revision, with the packages of
   *     the ecosystems the scan did not cover
   * @param warnings what the scan dropped that the user should check (the OS, most packages)
   * @param unchanged whether the inventory equals the previous revision, so no revision was added
   */
  public record AssetReport(Asset asset, Inventory inventory, List<Finding> findings, List<CoverageGap> gaps,
      FindingsUpdate update, List<String> warnings, boolean unchanged) {
    public AssetReport {
      warnings = List.copyOf(warnings);
    }

    public AssetReport(Asset asset, Inventory inventory, List<Finding> findings, List<CoverageGap> gaps,
        FindingsUpdate update) {
      this(asset, inventory, findings, gaps, update, List.of(), false);
    }
  }

  /**
   * The context a scanned host gets when nothing says otherwise: none stated. The assessment fills
   * it from the policy's assumptions and lists them as assumed.
   */
  public static Asset newHost(String name) {
    return Asset.unstated(name, AssetKind.HOST);
  }

  /** Scans the assets; reports come in input order. */
  public List<AssetReport> scan(List<AssetInventory> inputs) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Inventory> recorded = new ArrayList<>(inputs.size());
    Map<String, Asset> context = new LinkedHashMap<>();
    Map<String, List<String>> warnings = new LinkedHashMap<>();
    Set<String> unchanged = new HashSet<>();
    for (AssetInventory in : inputs) {
      Asset asset = in.asset();
      var stored = assets.find(asset.name());
      Asset overlaid = stored.isPresent() ? stored.get().overlaidWith(asset, in.replaceContext()) : asset;
      if (stored.isEmpty() || !stored.get().equals(overlaid)) {
        assets.save(overlaid);
      }
      asset = overlaid;
      context.put(asset.name(), asset);
      Inventory previous = assets.currentInventory(asset.name()).orElse(null);
      InventoryScan.Merged merged = new InventoryScan(in.os(), in.packages(), in.complete()).applyTo(previous);
      Inventory inventory = assets.recordInventory(asset.name(), now, merged.os(), merged.packages());
      if (previous != null && inventory.revision() == previous.revision()) {
        unchanged.add(asset.name());
      }
      warnings.put(asset.name(), merged.warnings());
      recorded.add(inventory);
    }
    List<AssetReport> reports = new ArrayList<>(recorded.size());
    for (Matched m : matchRecorded(recorded, now)) {
      String name = m.inventory().assetName();
      reports.add(new AssetReport(context.get(name), m.inventory(), m.findings(), m.gaps(), m.update(),
          warnings.get(name), unchanged.contains(name)));
    }
    return reports;
  }

  /**
   * Matches inventories that were recorded but whose findings were not (a scan or import killed in
   * between left them "match incomplete") and records their findings, as the scan would have.
   *
   * @return the findings opened, kept and closed, all assets together
   */
  public FindingsUpdate completeMatch(List<Inventory> recorded) {
    FindingsUpdate total = new FindingsUpdate(0, 0, 0);
    if (recorded.isEmpty()) {
      return total;
    }
    for (Matched m : matchRecorded(recorded, clock.instant().truncatedTo(ChronoUnit.MICROS))) {
      total = total.plus(m.update());
    }
    return total;
  }

  /** What matching one recorded inventory found, as recorded. */
  private record Matched(Inventory inventory, List<Finding> findings, List<CoverageGap> gaps,
      FindingsUpdate update) {}

  private List<Matched> matchRecorded(List<Inventory> recorded, Instant now) {
    AdvisoryIndex index = AdvisoryIndex.forInventories(advisories, recorded);
    MatchResult result = new FleetMatcher(index).match(recorded);
    Map<String, List<Finding>> byAsset = new LinkedHashMap<>();
    recorded.forEach(i -> byAsset.put(i.assetName(), new ArrayList<>()));
    result.findings().forEach(f -> byAsset.get(f.assetName()).add(f));
    KevProducts.match(kev.newest(Integer.MAX_VALUE), recorded, index).forEach(f -> byAsset.get(f.assetName()).add(f));
    Map<String, List<CoverageGap>> gaps = new LinkedHashMap<>();
    result.gaps().forEach(g -> gaps.computeIfAbsent(g.assetName(), k -> new ArrayList<>()).add(g));
    CpeVendors.unknown(recorded, advisories).forEach(g -> gaps.computeIfAbsent(g.assetName(), k -> new ArrayList<>()).add(g));
    List<Matched> matched = new ArrayList<>(recorded.size());
    for (Inventory inv : recorded) {
      List<Finding> found = byAsset.get(inv.assetName());
      FindingsUpdate update = findings.recordScan(inv.assetName(), inv.revision(), now, found);
      List<CoverageGap> uncovered = gaps.getOrDefault(inv.assetName(), List.of());
      // stored so that later listings show the asset as "no data", not as clean
      coverage.recordGaps(inv.assetName(), inv.revision(), uncovered);
      matched.add(new Matched(inv, found, uncovered, update));
    }
    return matched;
  }
}
