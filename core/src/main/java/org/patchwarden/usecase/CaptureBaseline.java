package org.patchwarden.usecase;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineAsset;
import org.patchwarden.baseline.BaselineStore;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;

/**
 * Use case: capture the next version of a baseline from the newest inventories of some assets,
 * chosen by name or by role (a tag), with the os-release keys of each inventory and any settings
 * collected beside it.
 */
public final class CaptureBaseline {
  private final AssetStore assets;
  private final BaselineStore baselines;
  private final Clock clock;

  public CaptureBaseline(AssetStore assets, BaselineStore baselines, Clock clock) {
    this.assets = Objects.requireNonNull(assets, "assets");
    this.baselines = Objects.requireNonNull(baselines, "baselines");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Which assets a baseline holds: the named ones, or those tagged {@code role} (in {@code
   * environment} when given).
   */
  public record Selection(List<String> assets, String role, String environment) {
    public Selection {
      assets = assets == null ? List.of() : assets.stream().map(String::strip).toList();
      role = role == null || role.isBlank() ? null : role.strip();
      environment = environment == null || environment.isBlank() ? null : environment.strip();
      if (assets.isEmpty() == (role == null)) {
        throw new IllegalArgumentException("a baseline takes its assets by name or by role, one of the two");
      }
    }

    public static Selection named(List<String> assets) {
      return new Selection(assets, null, null);
    }

    public static Selection role(String role, String environment) {
      return new Selection(List.of(), role, environment);
    }
  }

  /**
   * Captures and stores the baseline.
   *
   * @param settings per asset name, settings collected from its files (may be empty)
   * @throws NoSuchElementException when a named asset is unknown
   * @throws IllegalArgumentException when no asset matches the role, or an asset has no inventory
   */
  public Baseline capture(String name, Selection selection, Function<String, Map<String, String>> settings,
      String by) {
    Baseline.requireName(name);
    List<Asset> chosen = new ArrayList<>();
    if (selection.role() == null) {
      for (String n : selection.assets()) {
        chosen.add(assets.find(n).orElseThrow(() -> new NoSuchElementException("no asset named '" + n
            + "' ('asset list' names them)")));
      }
    } else {
      String role = selection.role().toLowerCase(Locale.ROOT);
      for (Asset a : assets.list()) {
        boolean tagged = a.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(role));
        boolean inEnvironment = selection.environment() == null
            || selection.environment().equalsIgnoreCase(a.environment() == null ? "" : a.environment());
        if (tagged && inEnvironment) {
          chosen.add(a);
        }
      }
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException("no asset is tagged '" + selection.role() + "'"
            + (selection.environment() == null ? "" : " in environment '" + selection.environment() + "'")
            + " ('asset list' shows tags)");
      }
    }
    Map<String, Inventory> newest = new TreeMap<>();
    for (Asset a : chosen) {
      newest.put(a.name(), assets.currentInventory(a.name()).orElseThrow(() -> new IllegalArgumentException(
          "asset " + a.name() + " has no inventory (never scanned or imported): a baseline of it would say nothing")));
    }
    List<BaselineAsset> members = new ArrayList<>();
    for (Asset a : chosen) {
      Inventory inv = newest.get(a.name());
      TreeMap<String, String> found = new TreeMap<>(osReleaseKeys(inv.os()));
      found.putAll(settings.apply(a.name()));
      members.add(new BaselineAsset(a.name(), selection.role() == null ? "" : selection.role(), inv.revision(),
          inv.os(), inv.packages(), found));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return baselines.save(new Baseline(name, 0, now, by, members));
  }

  /** The os-release keys an inventory kept, named as in the file: {@code os-release:ID} … */
  static Map<String, String> osReleaseKeys(OsRelease os) {
    TreeMap<String, String> out = new TreeMap<>();
    if (os == null) {
      return out;
    }
    out.put("os-release:ID", os.id());
    if (!os.versionId().isEmpty()) {
      out.put("os-release:VERSION_ID", os.versionId());
    }
    if (!os.codename().isEmpty()) {
      out.put("os-release:VERSION_CODENAME", os.codename());
    }
    if (!os.idLike().isEmpty()) {
      out.put("os-release:ID_LIKE", os.idLike());
    }
    return out;
  }
}
