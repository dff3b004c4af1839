package org.patchwarden.app.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    List<ScanAssets.AssetInventory> inputs = new ArrayList<>();
    Map<String, List<String>> notes = new LinkedHashMap<>();
    for (AssetListEntry e : entries) {
      Set<InstalledPackage> packages = new LinkedHashSet<>(e.products());
      Path assetDir = dir.resolve(e.asset().name());
      OsRelease os = null;
      if (Files.isDirectory(assetDir)) {
        inside(root, assetDir, list, e.asset().name(), "its folder");
        List<Path> files;
        try (Stream<Path> s = Files.list(assetDir)) {
          files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException ex) {
          throw new UncheckedIOException("cannot list " + assetDir, ex);
        }
        for (Path f : files) {
          inside(root, f, list, e.asset().name(), "its file '" + f.getFileName() + "'");
        }
        CollectedInventory c = InventoryFiles.read(files);
        packages.addAll(c.packages());
        os = c.os();
        if (!c.notes().isEmpty()) {
          notes.put(e.asset().name(), c.notes());
        }
      }
      inputs.add(new ScanAssets.AssetInventory(e.asset(), true, os, List.copyOf(packages)));
    }
    return new Fleet(inputs, notes);
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
}
