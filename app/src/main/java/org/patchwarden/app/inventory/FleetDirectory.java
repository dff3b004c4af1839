package org.patchwarden.app.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.patchwarden.formats.inventory.assetlist.AssetListEntry;
import org.patchwarden.formats.inventory.assetlist.AssetListReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.usecase.ScanAssets;

/**
 * A fleet directory (docs/inventory-import.md): {@code assets.csv|yaml} with every asset's context,
 * and one folder of inventory files per asset.
 */
public final class FleetDirectory {
  /**
   * The fleet read from a directory.
   *
   * @param notes per asset, what its files skipped or warned about
   */
  public record Fleet(List<ScanAssets.AssetInventory> inventories, Map<String, List<String>> notes) {}

  private FleetDirectory() {}

  /**
   * Reads {@code dir}.
   *
   * @throws IllegalArgumentException when the directory has no asset list
   */
  public static Fleet read(Path dir) {
    return read(dir, names -> Map.of());
  }

  /**
   * Reads {@code dir}, leaving unparsed ({@link ScanAssets.AssetInventory#unparsed}) each asset whose
   * raw input ({@link RawDigest}) has the digest {@code matched} gives for it; every other asset's
   * input carries its digest.
   *
   * @param matched the stored digests of the listed assets (the names given), by name
   * @throws IllegalArgumentException when the directory has no asset list
   */
  public static Fleet read(Path dir, Function<List<String>, Map<String, String>> matched) {
    Path list = Stream.of("assets.csv", "assets.yaml", "assets.yml").map(dir::resolve).filter(Files::isRegularFile)
        .findFirst().orElseThrow(() -> new IllegalArgumentException(
            dir + " has no assets.csv or assets.yaml (see docs/inventory-import.md)"));
    List<AssetListEntry> entries;
    try (InputStream in = Files.newInputStream(list)) {
      entries = new AssetListReader(in, list.toString()).read();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + list, e);
    }
    Path root = realPath(dir, dir);
    Map<String, Integer> listed = new HashMap<>();
    entries.forEach(e -> listed.merge(e.asset().name(), 1, Integer::sum));
    Map<String, String> stored = matched.apply(List.copyOf(listed.keySet()));
    // hosts of one image list equal packages: one instance each, so memory follows the distinct
    // packages of the fleet rather than assets x packages
    Map<InstalledPackage, InstalledPackage> shared = new ConcurrentHashMap<>();
    // the folders are listed, digested and parsed on every core; what they gave is then taken in
    // list order, so that notes, inputs and the first error are those of a reading one by one
    List<Folder> folders = IntStream.range(0, entries.size()).parallel()
        .mapToObj(i -> Folder.read(entries.get(i), dir, root, list, listed, stored, shared)).toList();
    List<ScanAssets.AssetInventory> inputs = new ArrayList<>();
    Map<String, List<String>> notes = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      AssetListEntry e = entries.get(i);
      Folder f = folders.get(i);
      if (f.failure() != null) {
        throw f.failure();
      }
      String name = e.asset().name();
      List<String> assetNotes = f.notes();
      if (f.files() == null) {
        if (e.products().isEmpty()) {
          assetNotes.add(missingFolder(dir, name));
        }
        if (!assetNotes.isEmpty()) {
          notes.put(name, assetNotes);
        }
        inputs.add(new ScanAssets.AssetInventory(e.asset(), true, null, List.copyOf(new LinkedHashSet<>(e.products()))));
      } else if (f.collected() == null) {
        // byte-identical to what the newest matched revision was parsed from, which had no notes
        if (!assetNotes.isEmpty()) {
          notes.put(name, assetNotes);
        }
        List<Path> files = f.files();
        String digest = f.digest();
        inputs.add(ScanAssets.AssetInventory.unparsed(e.asset(), true, digest,
            () -> parsed(e, sharedPackages(InventoryFiles.read(files), shared), digest, notes, assetNotes)));
      } else {
        inputs.add(parsed(e, f.collected(), f.digest(), notes, assetNotes));
      }
    }
    return new Fleet(inputs, notes);
  }

  /**
   * What reading one listed asset's folder gave.
   *
   * @param files the folder's files, or null when the asset has no folder
   * @param collected the files parsed, or null when they need no parse (or there is no folder)
   * @param failure why the folder could not be read, thrown when its turn comes; else null
   */
  private record Folder(List<Path> files, String digest, List<String> notes, CollectedInventory collected,
      RuntimeException failure) {
    static Folder read(AssetListEntry e, Path dir, Path root, Path list, Map<String, Integer> listed,
        Map<String, String> stored, Map<InstalledPackage, InstalledPackage> shared) {
      try {
        String name = e.asset().name();
        Path assetDir = dir.resolve(name);
        List<String> assetNotes = new ArrayList<>();
        if (!Files.isDirectory(assetDir)) {
          return new Folder(null, null, assetNotes, null, null);
        }
        inside(root, assetDir, list, name, "its folder");
        List<Path> entriesOfDir;
        try (Stream<Path> s = Files.list(assetDir)) {
          entriesOfDir = s.sorted().toList();
        } catch (IOException ex) {
          throw new UncheckedIOException("cannot list " + assetDir, ex);
        }
        List<Path> files = new ArrayList<>();
        for (Path p : entriesOfDir) {
          String fileName = p.getFileName().toString();
          if (Files.isDirectory(p)) {
            assetNotes.add("sub-folder '" + fileName + "/' ignored: only files directly in the asset's folder are read");
          } else if (fileName.startsWith(".")) {
            assetNotes.add("hidden file '" + fileName + "' ignored");
          } else if (Files.isRegularFile(p)) {
            inside(root, p, list, name, "its file '" + fileName + "'");
            files.add(p);
          }
        }
        String digest = RawDigest.of(e, files);
        if (listed.get(name) == 1 && digest.equals(stored.get(name))) {
          return new Folder(files, digest, assetNotes, null, null);
        }
        // shared at once, so that what a folder parsed to is garbage before the next folders are read
        return new Folder(files, digest, assetNotes, sharedPackages(InventoryFiles.read(files), shared), null);
      } catch (RuntimeException ex) {
        return new Folder(null, null, List.of(), null, ex);
      }
    }
  }

  /** The parsed files with each package replaced by the fleet's one instance of it. */
  private static CollectedInventory sharedPackages(CollectedInventory c, Map<InstalledPackage, InstalledPackage> shared) {
    List<InstalledPackage> packages = new ArrayList<>(c.packages().size());
    c.packages().forEach(pkg -> packages.add(shared.computeIfAbsent(pkg, k -> k)));
    return new CollectedInventory(c.os(), packages, c.notes(), c.subjectName());
  }

  /**
   * An asset's input from its parsed folder files, whose packages are shared ({@link #sharedPackages}). The digest goes with it only when the files gave
   * no notes: a skipped parse would not repeat them.
   */
  private static ScanAssets.AssetInventory parsed(AssetListEntry e, CollectedInventory c, String digest,
      Map<String, List<String>> notes, List<String> assetNotes) {
    Set<InstalledPackage> packages = new LinkedHashSet<>(e.products());
    packages.addAll(c.packages());
    List<String> all = new ArrayList<>(assetNotes);
    all.addAll(c.notes());
    if (!all.isEmpty()) {
      notes.put(e.asset().name(), all);
    }
    return new ScanAssets.AssetInventory(e.asset(), true, c.os(), List.copyOf(packages), false,
        c.notes().isEmpty() ? digest : null);
  }

  /**
   * Refuses a folder or file that resolves outside the fleet directory (a symbolic link, say): the
   * message names the asset list and the asset, never where the link leads, so that an import
   * cannot be used to probe or echo system files.
   */
  private static void inside(Path root, Path path, Path list, String asset, String what) {
    if (!realPath(path, root).startsWith(root)) {
      throw new IllegalArgumentException(list + ": asset '" + asset + "': " + what
          + " leads outside the fleet directory (a symbolic link?); refused");
    }
  }

  private static Path realPath(Path path, Path shown) {
    try {
      return path.toRealPath();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot resolve " + shown, ex);
    }
  }

  /**
   * Why a listed asset without products got no packages: no folder at all, or one whose name
   * differs only in case (not read: on a case-sensitive file system it is another name).
   */
  private static String missingFolder(Path dir, String assetName) {
    String near;
    try (Stream<Path> s = Files.list(dir)) {
      near = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> n.equalsIgnoreCase(assetName) && !n.equals(assetName)).findFirst().orElse(null);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot list " + dir, ex);
    }
    return near != null
        ? "no folder '" + assetName + "/', but '" + near + "/' differs only in case and was not read:"
            + " nothing inventoried, the asset is unknown, not clean"
        : "no folder '" + assetName + "/' in the fleet directory: nothing inventoried, the asset is unknown, not clean";
  }
}
