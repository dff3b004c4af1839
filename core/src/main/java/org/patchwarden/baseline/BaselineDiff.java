package org.patchwarden.baseline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.AdvisoryIndex;
import org.patchwarden.match.Finding;
import org.patchwarden.match.Matcher;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.Version;
import org.patchwarden.version.VersionScheme;

/**
 * The drift between a test-side baseline (A) and a production-side one (B): packages on one side
 * only, version differences with their direction (A older or newer, in the ecosystem's own version
 * order), settings that differ, and the vulnerabilities the matcher finds on one side and not the
 * other. A package is its (ecosystem, name) on any asset of the baseline; its versions are those of
 * every asset that has it.
 */
public record BaselineDiff(String a, String b, List<MissingPackage> missing, List<VersionDrift> versions,
    List<SettingDrift> settings, List<VulnerabilityDrift> vulnerabilities) {

  /** Which baseline of the diff. */
  public enum Side {
    /** The first, test-side baseline. */
    A,
    /** The second, production-side baseline. */
    B
  }

  /** How A's versions of a package stand to B's. */
  public enum Direction {
    /** Every version on A is below every version on B. */
    OLDER,
    /** Every version on A is above every version on B. */
    NEWER,
    /** The versions overlap: some assets older, some newer or equal. */
    MIXED,
    /** The ecosystem's scheme rejects a version, so no order is known. */
    UNCOMPARABLE
  }

  /** A package on one side only: {@code onlyOn} has it, the other side lacks it. */
  public record MissingPackage(String ecosystem, String name, Side onlyOn, SortedSet<String> versions,
      List<String> assets) {
    public MissingPackage {
      versions = Collections.unmodifiableSortedSet(new TreeSet<>(versions));
      assets = List.copyOf(assets);
    }
  }

  /** A package on both sides at different versions. */
  public record VersionDrift(String ecosystem, String name, SortedSet<String> aVersions, SortedSet<String> bVersions,
      Direction direction) {
    public VersionDrift {
      aVersions = Collections.unmodifiableSortedSet(new TreeSet<>(aVersions));
      bVersions = Collections.unmodifiableSortedSet(new TreeSet<>(bVersions));
      Objects.requireNonNull(direction, "direction");
    }
  }

  /** A setting whose values differ; a side without the key has no values. */
  public record SettingDrift(String key, SortedSet<String> aValues, SortedSet<String> bValues) {
    public SettingDrift {
      aValues = Collections.unmodifiableSortedSet(new TreeSet<>(aValues));
      bValues = Collections.unmodifiableSortedSet(new TreeSet<>(bValues));
    }
  }

  /**
   * A vulnerability the matcher finds on one side only.
   *
   * @param id the advisory record's id (CVE-…, DSA-…, GHSA-…)
   * @param where the packages it hits, as {@code asset: package version (fixed in …)}
   */
  public record VulnerabilityDrift(String id, Side onlyOn, List<String> where) {
    public VulnerabilityDrift {
      Objects.requireNonNull(id, "id");
      where = List.copyOf(where);
    }
  }

  public BaselineDiff {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    missing = List.copyOf(missing);
    versions = List.copyOf(versions);
    settings = List.copyOf(settings);
    vulnerabilities = List.copyOf(vulnerabilities);
  }

  /**
   * Compares two baselines, matching both against {@code index} with the real {@link Matcher}.
   *
   * @param index the advisories, holding at least the records that name the baselines' packages
   */
  public static BaselineDiff between(Baseline a, Baseline b, AdvisoryIndex index) {
    Map<String, Holding> pa = holdings(a);
    Map<String, Holding> pb = holdings(b);
    List<MissingPackage> missing = new ArrayList<>();
    List<VersionDrift> drift = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(pa.keySet());
    keys.addAll(pb.keySet());
    for (String key : keys) {
      Holding ha = pa.get(key);
      Holding hb = pb.get(key);
      if (hb == null) {
        missing.add(new MissingPackage(ha.ecosystem, ha.name, Side.A, ha.versions, List.copyOf(ha.assets)));
      } else if (ha == null) {
        missing.add(new MissingPackage(hb.ecosystem, hb.name, Side.B, hb.versions, List.copyOf(hb.assets)));
      } else if (!ha.versions.equals(hb.versions)) {
        drift.add(new VersionDrift(ha.ecosystem, ha.name, ha.versions, hb.versions,
            direction(ha.ecosystem, ha.versions, hb.versions)));
      }
    }
    return new BaselineDiff(a.label(), b.label(), missing, drift, settings(a, b),
        vulnerabilities(a, b, new Matcher(index)));
  }

  /** How many packages are on one side only. */
  public int missingCount(Side onlyOn) {
    return (int) missing.stream().filter(m -> m.onlyOn() == onlyOn).count();
  }

  /** How many packages are on A at versions older than B's; mixed and uncomparable ones count too. */
  public int olderCount() {
    return (int) versions.stream().filter(v -> v.direction() != Direction.NEWER).count();
  }

  /** How many packages are on A at versions newer than B's; mixed ones count too. */
  public int newerCount() {
    return (int) versions.stream().filter(v -> v.direction() == Direction.NEWER || v.direction() == Direction.MIXED)
        .count();
  }

  /** How many vulnerabilities are found on one side only. */
  public int vulnerabilityCount(Side onlyOn) {
    return (int) vulnerabilities.stream().filter(v -> v.onlyOn() == onlyOn).count();
  }

  /** Whether the two baselines are alike in every respect compared. */
  public boolean identical() {
    return missing.isEmpty() && versions.isEmpty() && settings.isEmpty() && vulnerabilities.isEmpty();
  }

  private static final class Holding {
    final String ecosystem;
    final String name;
    final TreeSet<String> versions = new TreeSet<>();
    final TreeSet<String> assets = new TreeSet<>();

    Holding(String ecosystem, String name) {
      this.ecosystem = ecosystem;
      this.name = name;
    }
  }

  private static Map<String, Holding> holdings(Baseline baseline) {
    Map<String, Holding> out = new TreeMap<>();
    for (BaselineAsset asset : baseline.assets()) {
      for (InstalledPackage p : asset.packages()) {
        Holding h = out.computeIfAbsent(p.ecosystem() + "\u0000" + p.name(), k -> new Holding(p.ecosystem(), p.name()));
        h.versions.add(p.version());
        h.assets.add(asset.name());
      }
    }
    return out;
  }

  static Direction direction(String ecosystem, SortedSet<String> a, SortedSet<String> b) {
    VersionScheme scheme = ecosystem.equals("cpe") ? Schemes.forEcosystem("generic")
        : Schemes.find(ecosystem).orElse(null);
    if (scheme == null) {
      return Direction.UNCOMPARABLE;
    }
    try {
      List<Version> va = a.stream().map(scheme::parse).sorted().toList();
      List<Version> vb = b.stream().map(scheme::parse).sorted().toList();
      if (va.getLast().compareTo(vb.getFirst()) < 0) {
        return Direction.OLDER;
      }
      if (va.getFirst().compareTo(vb.getLast()) > 0) {
        return Direction.NEWER;
      }
      return Direction.MIXED;
    } catch (InvalidVersionException e) {
      return Direction.UNCOMPARABLE;
    }
  }

  private static List<SettingDrift> settings(Baseline a, Baseline b) {
    Map<String, TreeSet<String>> sa = settingValues(a);
    Map<String, TreeSet<String>> sb = settingValues(b);
    TreeSet<String> keys = new TreeSet<>(sa.keySet());
    keys.addAll(sb.keySet());
    List<SettingDrift> out = new ArrayList<>();
    for (String key : keys) {
      TreeSet<String> va = sa.getOrDefault(key, new TreeSet<>());
      TreeSet<String> vb = sb.getOrDefault(key, new TreeSet<>());
      if (!va.equals(vb)) {
        out.add(new SettingDrift(key, va, vb));
      }
    }
    return out;
  }

  private static Map<String, TreeSet<String>> settingValues(Baseline baseline) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (BaselineAsset asset : baseline.assets()) {
      asset.settings().forEach((k, v) -> out.computeIfAbsent(k, x -> new TreeSet<>()).add(v));
    }
    return out;
  }

  private static List<VulnerabilityDrift> vulnerabilities(Baseline a, Baseline b, Matcher matcher) {
    Map<String, List<String>> va = findings(a, matcher);
    Map<String, List<String>> vb = findings(b, matcher);
    List<VulnerabilityDrift> out = new ArrayList<>();
    va.forEach((id, where) -> {
      if (!vb.containsKey(id)) {
        out.add(new VulnerabilityDrift(id, Side.A, where));
      }
    });
    vb.forEach((id, where) -> {
      if (!va.containsKey(id)) {
        out.add(new VulnerabilityDrift(id, Side.B, where));
      }
    });
    return out;
  }

  /** Advisory id to where it hits, ids sorted. */
  private static Map<String, List<String>> findings(Baseline baseline, Matcher matcher) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (BaselineAsset asset : baseline.assets()) {
      for (Finding f : matcher.match(asset.inventory(baseline.capturedAt())).findings()) {
        out.computeIfAbsent(f.advisoryId(), k -> new TreeSet<>()).add(asset.name() + ": " + f.installed().name() + " "
            + f.installed().version() + (f.fixedVersion().isEmpty() ? " (no fix: " + f.status().name().toLowerCase(
                java.util.Locale.ROOT) + ")" : " (fixed in " + f.fixedVersion() + ")"));
      }
    }
    Map<String, List<String>> lists = new TreeMap<>();
    out.forEach((k, v) -> lists.put(k, List.copyOf(v)));
    return lists;
  }
}
