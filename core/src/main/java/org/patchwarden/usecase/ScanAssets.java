package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.KevStore;
import org.patchwarden.match.KevProducts;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.InventoryContent;
import org.patchwarden.inventory.InventoryScan;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.CoverageGap;
import org.patchwarden.match.CoverageStore;
import org.patchwarden.match.CpeVendors;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.FindingsUpdate;
import org.patchwarden.match.FleetMatcher;
import org.patchwarden.match.MatchResult;
import org.patchwarden.match.OpenCount;
import org.patchwarden.match.TrackedFinding;

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
  /** Assets whose store writes share one transaction. */
  static final int GROUP = 500;

  private final AssetStore assets;
  private final AdvisoryStore advisories;
  private final FindingStore findings;
  private final KevStore kev;
  private final CoverageStore coverage;
  private final Clock clock;
  private final StoreTransactions transactions;

  public ScanAssets(AssetStore assets, AdvisoryStore advisories, FindingStore findings, KevStore kev,
      CoverageStore coverage, Clock clock) {
    this(assets, advisories, findings, kev, coverage, clock, StoreTransactions.NONE);
  }

  /** @param transactions groups the writes of {@value #GROUP} assets into one transaction */
  public ScanAssets(AssetStore assets, AdvisoryStore advisories, FindingStore findings, KevStore kev,
      CoverageStore coverage, Clock clock, StoreTransactions transactions) {
    this.transactions = transactions;
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
   * @param contentHash {@link InventoryContent#hash} of {@code os} and {@code packages} when the
   *     reader computed it already (on its own threads, while the previous group is written), else null
   */
  public record AssetInventory(Asset asset, boolean replaceContext, OsRelease os, List<InstalledPackage> packages,
      boolean complete, String rawDigest, Supplier<AssetInventory> parse, String contentHash) {
    public AssetInventory {
      Objects.requireNonNull(asset, "asset");
      packages = List.copyOf(packages);
    }

    public AssetInventory(Asset asset, boolean replaceContext, OsRelease os, List<InstalledPackage> packages,
        boolean complete, String rawDigest, Supplier<AssetInventory> parse) {
      this(asset, replaceContext, os, packages, complete, rawDigest, parse, null);
    }

    /** A parsed input whose content hash ({@link InventoryContent#hash} of its OS and packages) the reader computed. */
    public static AssetInventory hashed(Asset asset, boolean replaceContext, OsRelease os,
        List<InstalledPackage> packages, boolean complete, String rawDigest, String contentHash) {
      return new AssetInventory(asset, replaceContext, os, packages, complete, rawDigest, null,
          Objects.requireNonNull(contentHash));
    }

    /**
     * @param rawDigest digest of the raw input this was parsed from, stored with the revision so that
     *     a later import of the same bytes may skip parsing; null when there is none to keep
     */
    public AssetInventory(Asset asset, boolean replaceContext, OsRelease os, List<InstalledPackage> packages,
        boolean complete, String rawDigest) {
      this(asset, replaceContext, os, packages, complete, rawDigest, null);
    }

    public AssetInventory(Asset asset, boolean replaceContext, OsRelease os, List<InstalledPackage> packages,
        boolean complete) {
      this(asset, replaceContext, os, packages, complete, null, null);
    }

    /**
     * An input not parsed yet because its raw input has the digest stored with the asset's newest,
     * matched revision: the scan reports that revision, unless the store says otherwise by then, when
     * it calls {@code parse} and goes on as usual.
     */
    public static AssetInventory unparsed(Asset asset, boolean replaceContext, String rawDigest,
        Supplier<AssetInventory> parse) {
      return new AssetInventory(asset, replaceContext, null, List.of(), false, Objects.requireNonNull(rawDigest),
          Objects.requireNonNull(parse));
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
   * @param packageCount how many packages the inventory holds: its packages are left out (empty) when
   *     the scan skipped parsing unchanged raw input
   */
  public record AssetReport(Asset asset, Inventory inventory, List<Finding> findings, List<CoverageGap> gaps,
      FindingsUpdate update, List<String> warnings, boolean unchanged, int packageCount) {
    public AssetReport {
      warnings = List.copyOf(warnings);
    }

    public AssetReport(Asset asset, Inventory inventory, List<Finding> findings, List<CoverageGap> gaps,
        FindingsUpdate update, List<String> warnings, boolean unchanged) {
      this(asset, inventory, findings, gaps, update, warnings, unchanged, inventory.packages().size());
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

  /**
   * Scans the assets; reports come in input order. Store writes go in transactions of {@value
   * #GROUP} assets. An asset whose inventory equals its newest revision, already matched, writes
   * nothing: its report shows the findings and gaps recorded for that revision, which equal a new
   * match because every feed change re-matches the findings it touches.
   */
  public List<AssetReport> scan(List<AssetInventory> inputs) {
    return scan(inputs, null).stream().map(Counted::report).toList();
  }

  /**
   * One asset's report with its open findings counted, for a fleet summary.
   *
   * @param report as {@link #scan} gives it, except that the findings of an unchanged asset are
   *     not read back from the store (empty): {@code open} counts them
   */
  public record Counted(AssetReport report, OpenCount open) {}

  /**
   * Scans the assets as {@link #scan} does, but counts the open findings of unchanged assets in the
   * store instead of reading every one back: a re-import of an unchanged fleet reads nothing but
   * its inventories' heads and one count per asset. KEV-listed findings are counted too.
   */
  public List<Counted> scanCounted(List<AssetInventory> inputs) {
    return scan(inputs, kevListed());
  }

  /**
   * Scans a fleet given group by group, as {@link #scan} (or, {@code counted}, {@link #scanCounted})
   * scans it whole: each group's inventories are recorded, matched and their findings written
   * before the next group is asked for, so that memory follows a group, not the fleet, and a group
   * can be read while the one before is written. A group's assets are matched together against an
   * index kept while the next groups' packages are in it (the same findings as one match of the
   * fleet: a package's entries are every record naming it). Every report has one time of scan.
   * Store writes go in transactions of at most {@value #GROUP} assets, as in {@link #scan}; a
   * failure (of the store, or of {@code groups} reading the next group) leaves the groups before
   * it recorded and matched.
   *
   * @param each gets every report, in input order, as soon as its group is written
   * @throws IllegalArgumentException when an asset comes in two groups (give its inputs in one)
   */
  public void scanGroups(Iterator<List<AssetInventory>> groups, boolean counted, Consumer<Counted> each) {
    Set<String> kevIds = counted ? kevListed() : null;
    Session session = new Session(clock.instant().truncatedTo(ChronoUnit.MICROS));
    Set<String> seen = new HashSet<>();
    while (groups.hasNext()) {
      List<AssetInventory> group = groups.next();
      Set<String> names = new HashSet<>();
      for (AssetInventory in : group) {
        if (seen.contains(in.asset().name())) {
          throw new IllegalArgumentException("asset '" + in.asset().name() + "' comes in two groups of one scan");
        }
        names.add(in.asset().name());
      }
      seen.addAll(names);
      session.prepareIndex(group);
      scan(group, kevIds, session).forEach(each);
    }
  }

  /**
   * What the groups of one scan share: its time, the advisory index of the packages seen so far
   * (rebuilt when a group brings packages it does not cover), the KEV catalog, the recorded gaps.
   */
  private final class Session {
    final Instant now;
    private AdvisoryIndex.Lookups loaded;
    private AdvisoryIndex index;
    /** The index {@link #prepareIndex} is building, or null. */
    private PreparedIndex preparing;
    private List<org.patchwarden.advisory.KevEntry> kevEntries;
    private Map<String, List<CoverageGap>> gaps;

    Session(Instant now) {
      this.now = now;
    }

    /**
     * Starts building, on a thread of its own, the index a group's parsed inputs will want, while the
     * group's inventories are recorded: reading and parsing the advisory records the packages name
     * took a first group of 62 hosts 140 ms, as long as recording them. {@link #index} takes it
     * when it covers what the recorded inventories want (they hold the inputs' packages, and from
     * a rescan that covered only some ecosystems, packages of the others), else builds one itself.
     */
    void prepareIndex(List<AssetInventory> group) {
      List<Inventory> parsed = new ArrayList<>();
      for (AssetInventory in : group) {
        if (in.parse() == null) {
          parsed.add(new Inventory(in.asset().name(), 1, now, in.os(), in.packages()));
        }
      }
      AdvisoryIndex.Lookups wanted = AdvisoryIndex.lookupsOf(parsed);
      if (wanted.names().isEmpty() || (index != null && loaded.covers(wanted))) {
        return;
      }
      AdvisoryIndex.Lookups target = loaded == null ? wanted : loaded.union(wanted);
      FutureTask<AdvisoryIndex> task = new FutureTask<>(() -> AdvisoryIndex.forLookups(advisories, target));
      Thread.ofPlatform().name("patchwarden:advisory-index").daemon().start(task);
      preparing = new PreparedIndex(target, task);
    }

    AdvisoryIndex index(List<Inventory> inventories) {
      AdvisoryIndex.Lookups wanted = AdvisoryIndex.lookupsOf(inventories);
      PreparedIndex prepared = preparing;
      preparing = null;
      if (prepared != null && (index == null || !loaded.covers(wanted))) {
        try {
          // the prepared keys include every key loaded before it was started
          index = prepared.index().get();
          loaded = prepared.lookups();
        } catch (ExecutionException e) {
          // built again below, where the failure, if it is the store's, is thrown on this thread
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the advisory index was built", e);
        }
      }
      if (index == null || !loaded.covers(wanted)) {
        loaded = loaded == null ? wanted : loaded.union(wanted);
        index = AdvisoryIndex.forLookups(advisories, loaded);
      }
      return index;
    }

    List<org.patchwarden.advisory.KevEntry> kev() {
      if (kevEntries == null) {
        kevEntries = kev.newest(Integer.MAX_VALUE);
      }
      return kevEntries;
    }

    /** The recorded gaps of these assets. */
    Map<String, List<CoverageGap>> gaps(Set<String> assetNames) {
      if (gaps == null) {
        gaps = new HashMap<>();
        for (CoverageGap g : coverage.currentGaps()) {
          gaps.computeIfAbsent(g.assetName(), k -> new ArrayList<>()).add(g);
        }
      }
      Map<String, List<CoverageGap>> out = new HashMap<>();
      assetNames.forEach(n -> {
        List<CoverageGap> g = gaps.get(n);
        if (g != null) {
          out.put(n, g);
        }
      });
      return out;
    }
  }

  /** An index being built for these keys. */
  private record PreparedIndex(AdvisoryIndex.Lookups lookups, Future<AdvisoryIndex> index) {}

  /** @param kevIds null to read unchanged assets' findings back, else to count them with these KEV ids */
  private List<Counted> scan(List<AssetInventory> inputs, Set<String> kevIds) {
    return scan(inputs, kevIds, new Session(clock.instant().truncatedTo(ChronoUnit.MICROS)));
  }

  private List<Counted> scan(List<AssetInventory> inputs, Set<String> kevIds, Session session) {
    Instant now = session.now;
    Recording r = new Recording(now);
    for (int from = 0; from < inputs.size(); from += GROUP) {
      List<AssetInventory> group = inputs.subList(from, Math.min(inputs.size(), from + GROUP));
      transactions.run(() -> r.record(group));
    }
    Map<String, Matched> matched = new HashMap<>();
    for (Matched m : matchRecorded(r.recorded, r.newRevisions, session)) {
      matched.put(m.inventory().assetName(), m);
    }
    matched.putAll(asRecorded(r.skipped, kevIds, session));
    List<Counted> reports = new ArrayList<>(inputs.size());
    for (AssetInventory in : inputs) {
      String name = in.asset().name();
      Matched m = matched.get(name);
      AssetReport report = new AssetReport(r.context.get(name), m.inventory(), m.findings(), m.gaps(), m.update(),
          r.warnings.get(name), r.unchanged.contains(name),
          r.counted.getOrDefault(name, m.inventory().packages().size()));
      OpenCount open = m.open();
      if (open == null && kevIds != null) {
        int kev = (int) m.findings().stream().filter(f -> OpenCount.isKevListed(f, kevIds)).count();
        open = new OpenCount(m.findings().size(), m.update().notAffected(), kev);
      }
      reports.add(new Counted(report, open));
    }
    return reports;
  }

  /** What recording the inputs' inventories found, group by group. */
  private final class Recording {
    private final Instant now;
    final Map<String, Asset> context = new LinkedHashMap<>();
    final Map<String, List<String>> warnings = new LinkedHashMap<>();
    final Set<String> unchanged = new HashSet<>();
    /** Package counts of the inventories reported without their packages (parsing skipped). */
    final Map<String, Integer> counted = new HashMap<>();
    /** Inventories to match and record findings of. */
    final List<Inventory> recorded = new ArrayList<>();
    /** Unchanged inventories already matched: nothing to write. */
    final Map<String, Inventory> skipped = new LinkedHashMap<>();
    /** Assets whose revision this scan inserted (not one kept because its content was equal). */
    final Set<String> newRevisions = new HashSet<>();
    /** First inventories of assets (none before), recorded together at the end of a group. */
    private final Map<String, AssetStore.NewInventory> firsts = new LinkedHashMap<>();

    Recording(Instant now) {
      this.now = now;
    }

    void record(List<AssetInventory> group) {
      List<String> names = group.stream().map(in -> in.asset().name()).toList();
      Map<String, Asset> stored = assets.findAll(names);
      Map<String, AssetStore.Newest> newest = assets.newest(names);
      // the content hashes of the parsed inputs, on every core: hashing a fleet's packages is a
      // noticeable part of an import (an unparsed input is hashed below if it must be parsed after all)
      List<String> hashes = group.parallelStream()
          .map(in -> in.parse() != null ? null
              : in.contentHash() != null ? in.contentHash() : InventoryContent.hash(in.os(), in.packages()))
          .toList();
      for (int at = 0; at < group.size(); at++) {
        AssetInventory input = group.get(at);
        AssetInventory in = input;
        String precomputed = hashes.get(at);
        Asset asset = in.asset();
        String name = asset.name();
        // an asset listed twice is recorded twice, the second time against the first one's revision
        boolean again = context.containsKey(name);
        if (again && firsts.containsKey(name)) {
          recordFirsts();
        }
        Asset before = again ? context.get(name) : stored.get(name);
        Asset overlaid = before != null ? before.overlaidWith(asset, in.replaceContext()) : asset;
        if (before == null || !before.equals(overlaid)) {
          assets.save(overlaid);
        }
        context.put(name, overlaid);
        AssetStore.Newest head = again ? null : newest.get(name);
        if (in.parse() != null) {
          if (head != null && head.matchComplete() && in.rawDigest().equals(head.rawDigest())) {
            // byte-identical input to what produced the newest, matched revision: the parse would
            // give its content, so this is the equal-content case below without reading packages
            skipped.put(name, head.header());
            counted.put(name, head.packageCount());
            unchanged.add(name);
            warnings.put(name, List.of());
            continue;
          }
          in = in.parse().get();
        }
        String contentHash = in == input && precomputed != null ? precomputed : InventoryContent.hash(in.os(), in.packages());
        if (head != null && head.matchComplete() && !head.contentHash().isEmpty()
            && head.contentHash().equals(contentHash)) {
          // equal content: the newest revision holds exactly these packages and OS, so the scan
          // would merge to it (nothing of another ecosystem to keep) and warn about nothing
          Inventory h = head.header();
          skipped.put(name, new Inventory(name, h.revision(), h.scannedAt(), h.os(), in.packages()));
          if (in.rawDigest() != null && !in.rawDigest().equals(head.rawDigest())) {
            assets.recordRawDigest(name, h.revision(), in.rawDigest());
          }
          unchanged.add(name);
          warnings.put(name, List.of());
          continue;
        }
        // an asset without any revision has nothing to merge with: its previous inventory is not read
        Inventory previous = head == null && !again ? null : assets.currentInventory(name).orElse(null);
        InventoryScan.Merged merged = new InventoryScan(in.os(), in.packages(), in.complete()).applyTo(previous);
        if (previous == null) {
          // the digest stands for the revision when parsing the input gave no warning (see below)
          String first = in.rawDigest() != null && merged.warnings().isEmpty() ? in.rawDigest() : null;
          firsts.put(name, new AssetStore.NewInventory(name, merged.os(), merged.packages(), contentHash, first));
          warnings.put(name, merged.warnings());
          continue;
        }
        // a merge that kept nothing of the previous inventory (its packages are the input's, the
        // previous ones come first) and has the input's OS is the input itself, whose hash is known
        boolean asInput = merged.packages().size() == in.packages().size() && Objects.equals(merged.os(), in.os());
        String mergedHash = previous == null || asInput ? contentHash
            : InventoryContent.hash(merged.os(), merged.packages());
        // the digest stands for the revision only when parsing the input gives exactly its content
        // and no warning, so that a skip reports what a parse would; the revision recorded holds
        // the merge's content (a new one, or an equal one that was kept), and the digest with it
        String digest = in.rawDigest() != null && merged.warnings().isEmpty() && contentHash.equals(mergedHash)
            ? in.rawDigest() : null;
        Inventory inventory = assets.recordInventory(name, now, merged.os(), merged.packages(), mergedHash, digest);
        if (previous != null && inventory.revision() == previous.revision()) {
          unchanged.add(name);
        } else {
          // a revision inserted by this scan: no coverage gaps are stored for it yet
          newRevisions.add(name);
        }
        warnings.put(name, merged.warnings());
        if (again) {
          skipped.remove(name);
          counted.remove(name);
          recorded.removeIf(i -> i.assetName().equals(name));
        }
        recorded.add(inventory);
      }
      recordFirsts();
    }

    /** Records the first inventories gathered so far, in one write. */
    private void recordFirsts() {
      if (firsts.isEmpty()) {
        return;
      }
      for (Inventory inventory : assets.recordInventories(now, List.copyOf(firsts.values()))) {
        newRevisions.add(inventory.assetName());
        recorded.add(inventory);
      }
      firsts.clear();
    }
  }

  /**
   * The findings and gaps recorded for unchanged, matched inventories, as a match would report them;
   * with {@code kevIds}, the findings counted rather than read.
   */
  private Map<String, Matched> asRecorded(Map<String, Inventory> skipped, Set<String> kevIds, Session session) {
    Map<String, Matched> out = new HashMap<>();
    if (skipped.isEmpty()) {
      return out;
    }
    Map<String, List<CoverageGap>> gaps = session.gaps(skipped.keySet());
    List<String> names = List.copyOf(skipped.keySet());
    for (int from = 0; from < names.size(); from += GROUP) {
      List<String> chunk = names.subList(from, Math.min(names.size(), from + GROUP));
      if (kevIds != null) {
        Map<String, OpenCount> counts = findings.openCounts(chunk, kevIds);
        for (String name : chunk) {
          OpenCount c = counts.getOrDefault(name, OpenCount.NONE);
          out.put(name, new Matched(skipped.get(name), List.of(), gaps.getOrDefault(name, List.of()),
              new FindingsUpdate(0, c.findings() - c.notAffected(), 0, 0, c.notAffected()), c));
        }
        continue;
      }
      Map<String, List<TrackedFinding>> open = findings.openFindings(chunk);
      open.forEach((name, tracked) -> {
        int marked = (int) tracked.stream().filter(t -> t.status() == FindingStatus.NOT_AFFECTED).count();
        out.put(name, new Matched(skipped.get(name), tracked.stream().map(TrackedFinding::finding).toList(),
            gaps.getOrDefault(name, List.of()), new FindingsUpdate(0, tracked.size() - marked, 0, 0, marked)));
      });
    }
    return out;
  }

  /**
   * The raw-input digests ({@link AssetInventory#rawDigest}) of the newest revisions, among those of
   * {@code names}, whose findings are recorded: input with such a digest need not be parsed.
   */
  public Map<String, String> matchedRawDigests(List<String> names) {
    Map<String, String> out = new HashMap<>();
    for (int from = 0; from < names.size(); from += GROUP) {
      assets.newest(names.subList(from, Math.min(names.size(), from + GROUP))).forEach((name, n) -> {
        if (n.matchComplete() && n.rawDigest() != null) {
          out.put(name, n.rawDigest());
        }
      });
    }
    return out;
  }

  /** The CVE ids of the newest KEV catalog, so that a summary of reports can count KEV-listed findings. */
  public Set<String> kevListed() {
    Set<String> ids = new HashSet<>();
    kev.newest(Integer.MAX_VALUE).forEach(e -> ids.add(e.cveId()));
    return ids;
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
    for (Matched m : matchRecorded(recorded, Set.of(), new Session(clock.instant().truncatedTo(ChronoUnit.MICROS)))) {
      total = total.plus(m.update());
    }
    return total;
  }

  /**
   * What matching one recorded inventory found, as recorded.
   *
   * @param open the open findings counted when they were not read ({@code findings} empty), else null
   */
  private record Matched(Inventory inventory, List<Finding> findings, List<CoverageGap> gaps,
      FindingsUpdate update, OpenCount open) {
    Matched(Inventory inventory, List<Finding> findings, List<CoverageGap> gaps, FindingsUpdate update) {
      this(inventory, findings, gaps, update, null);
    }
  }

  /** @param newRevisions assets whose recorded revision is new: without gaps to record, none are stored */
  private List<Matched> matchRecorded(List<Inventory> recorded, Set<String> newRevisions, Session session) {
    if (recorded.isEmpty()) {
      return List.of();
    }
    Instant now = session.now;
    AdvisoryIndex index = session.index(recorded);
    MatchResult result = new FleetMatcher(index).match(recorded);
    Map<String, List<Finding>> byAsset = new LinkedHashMap<>();
    recorded.forEach(i -> byAsset.put(i.assetName(), new ArrayList<>()));
    result.findings().forEach(f -> byAsset.get(f.assetName()).add(f));
    KevProducts.match(session.kev(), recorded, index).forEach(f -> byAsset.get(f.assetName()).add(f));
    Map<String, List<CoverageGap>> gaps = new LinkedHashMap<>();
    result.gaps().forEach(g -> gaps.computeIfAbsent(g.assetName(), k -> new ArrayList<>()).add(g));
    CpeVendors.unknown(recorded, advisories).forEach(g -> gaps.computeIfAbsent(g.assetName(), k -> new ArrayList<>()).add(g));
    List<Matched> matched = new ArrayList<>(recorded.size());
    for (int from = 0; from < recorded.size(); from += GROUP) {
      List<Inventory> group = recorded.subList(from, Math.min(recorded.size(), from + GROUP));
      transactions.run(() -> {
        // the group's findings in one write: one read of what the assets had, one batch of rows
        List<FindingsUpdate> updates = findings.recordScans(now, group.stream()
            .map(inv -> new FindingStore.AssetScan(inv.assetName(), inv.revision(), byAsset.get(inv.assetName())))
            .toList());
        for (int i = 0; i < group.size(); i++) {
          Inventory inv = group.get(i);
          List<CoverageGap> uncovered = gaps.getOrDefault(inv.assetName(), List.of());
          // stored so that later listings show the asset as "no data", not as clean; a new revision
          // has none stored, so without gaps there is nothing to replace
          if (!uncovered.isEmpty() || !newRevisions.contains(inv.assetName())) {
            coverage.recordGaps(inv.assetName(), inv.revision(), uncovered);
          }
          matched.add(new Matched(inv, byAsset.get(inv.assetName()), uncovered, updates.get(i)));
        }
      });
    }
    return matched;
  }
}
