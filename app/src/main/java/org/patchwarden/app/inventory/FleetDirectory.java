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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.patchwarden.formats.inventory.assetlist.AssetListEntry;
import org.patchwarden.formats.inventory.assetlist.AssetListReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.InventoryContent;
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
    try (Groups groups = groups(dir, matched, Integer.MAX_VALUE)) {
      List<ScanAssets.AssetInventory> inputs = new ArrayList<>();
      groups.forEachRemaining(inputs::addAll);
      return new Fleet(inputs, groups.notes());
    }
  }

  /** Assets read, parsed and handed on together by {@link #groups}: an import's memory follows this, not the fleet. */
  public static final int GROUP = 250;

  /**
   * Reads {@code dir} as {@link #read(Path, Function)} does, {@code groupSize} listed assets at a
   * time (the first group a quarter of that): while one group is handed on (and written), the next
   * is read, digested and parsed on the other cores. A folder that cannot be read fails its group, when that group is asked for; the
   * groups before it were handed on. An asset list that names an asset twice is one group (an
   * asset's inputs are recorded together).
   *
   * @throws IllegalArgumentException when the directory has no asset list
   */
  public static Groups groups(Path dir, Function<List<String>, Map<String, String>> matched, int groupSize) {
    if (groupSize < 1) {
      throw new IllegalArgumentException("group size must be 1 or more, got " + groupSize);
    }
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
    int size = listed.size() < entries.size() ? Integer.MAX_VALUE : groupSize;
    return new Groups(entries, dir, root, list, listed, stored, size);
  }

  /**
   * The inputs of a fleet directory, group by group in list order, each group read ahead while the
   * one before is used; {@link #notes} holds the notes of the groups handed on so far (and of
   * unparsed inputs once parsed). Close it to stop reading ahead.
   */
  public static final class Groups implements Iterator<List<ScanAssets.AssetInventory>>, AutoCloseable {
    /** Distinct packages kept as one instance each; past this the sharing starts over (bounded memory). */
    private static final int MAX_SHARED = 200_000;

    private final List<AssetListEntry> entries;
    private final Path dir;
    private final Path root;
    private final Path list;
    private final Map<String, Integer> listed;
    private final Map<String, String> stored;
    private final int size;
    // hosts of one image list equal packages: one instance each, so that memory follows the
    // distinct packages of the fleet rather than assets x packages
    private final Map<InstalledPackage, InstalledPackage> shared = new ConcurrentHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private int next;
    private CompletableFuture<List<Folder>> ahead;

    private Groups(List<AssetListEntry> entries, Path dir, Path root, Path list, Map<String, Integer> listed,
        Map<String, String> stored, int size) {
      this.entries = entries;
      this.dir = dir;
      this.root = root;
      this.list = list;
      this.listed = listed;
      this.stored = stored;
      this.size = size;
    }

    /** Notes by asset, in list order, of the groups handed on so far. */
    public Map<String, List<String>> notes() {
      return notes;
    }

    /** How many assets the asset list names (an asset listed twice counts twice). */
    public int listed() {
      return entries.size();
    }

    @Override
    public boolean hasNext() {
      return next < entries.size();
    }

    @Override
    public List<ScanAssets.AssetInventory> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int from = next;
      int to = (int) Math.min(entries.size(), (long) from + sizeAt(from));
      List<Folder> folders;
      if (ahead != null) {
        try {
          folders = ahead.join();
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
          ahead = null;
        }
      } else {
        folders = readFolders(from, to);
      }
      next = to;
      if (next < entries.size()) {
        int aheadFrom = next;
        int aheadTo = (int) Math.min(entries.size(), (long) aheadFrom + sizeAt(aheadFrom));
        ahead = CompletableFuture.supplyAsync(() -> readFolders(aheadFrom, aheadTo));
      }
      return inputs(from, folders);
    }

    /**
     * The size of the group that starts at entry {@code from}: the first group is a quarter of the
     * others, because nothing is written while it is read; the writes of a small first group start
     * sooner, and the reading of the next group overlaps them.
     */
    private int sizeAt(int from) {
      return from == 0 && size != Integer.MAX_VALUE ? Math.max(1, size / 4) : size;
    }

    /** The folders of entries {@code from} (inclusive) to {@code to}, listed, digested and parsed on every core. */
    private List<Folder> readFolders(int from, int to) {
      if (shared.size() > MAX_SHARED) {
        shared.clear();
      }
      return IntStream.range(from, to).parallel()
          .mapToObj(i -> Folder.read(entries.get(i), dir, root, list, listed, stored, shared)).toList();
    }

    /**
     * The inputs of one group, taken in list order, so that notes, inputs and the first error are
     * those of a reading one by one.
     */
    private List<ScanAssets.AssetInventory> inputs(int from, List<Folder> folders) {
      List<ScanAssets.AssetInventory> inputs = new ArrayList<>(folders.size());
      for (int i = 0; i < folders.size(); i++) {
        AssetListEntry e = entries.get(from + i);
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
          inputs.add(new ScanAssets.AssetInventory(e.asset(), true, null,
              List.copyOf(new LinkedHashSet<>(e.products()))));
        } else if (f.collected() == null) {
          // byte-identical to what the newest matched revision was parsed from, which had no notes
          if (!assetNotes.isEmpty()) {
            notes.put(name, assetNotes);
          }
          List<Path> files = f.files();
          String digest = f.digest();
          inputs.add(ScanAssets.AssetInventory.unparsed(e.asset(), true, digest,
              () -> {
                CollectedInventory c = sharedPackages(InventoryFiles.read(files), shared);
                return parsed(e, c, packagesOf(e, c), null, digest, notes, assetNotes);
              }));
        } else {
          inputs.add(parsed(e, f.collected(), f.packages(), f.contentHash(), f.digest(), notes, assetNotes));
        }
      }
      return inputs;
    }

    /** Stops reading ahead: waits for a group being read, and drops it. */
    @Override
    public void close() {
      CompletableFuture<List<Folder>> pending = ahead;
      ahead = null;
      if (pending != null) {
        try {
          pending.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
          // a group nobody asked for: its failure is not this reader's
        }
      }
    }
  }

  /**
   * What reading one listed asset's folder gave.
   *
   * @param files the folder's files, or null when the asset has no folder
   * @param collected the files parsed, or null when they need no parse (or there is no folder)
   * @param packages the asset's packages (listed products, then the parsed ones), with {@code collected}
   * @param contentHash their {@link InventoryContent#hash}, with {@code collected}
   * @param failure why the folder could not be read, thrown when its turn comes; else null
   */
  private record Folder(List<Path> files, String digest, List<String> notes, CollectedInventory collected,
      List<InstalledPackage> packages, String contentHash, RuntimeException failure) {
    static Folder read(AssetListEntry e, Path dir, Path root, Path list, Map<String, Integer> listed,
        Map<String, String> stored, Map<InstalledPackage, InstalledPackage> shared) {
      try {
        String name = e.asset().name();
        Path assetDir = dir.resolve(name);
        List<String> assetNotes = new ArrayList<>();
        if (!Files.isDirectory(assetDir)) {
          return new Folder(null, null, assetNotes, null, null, null, null);
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
          return new Folder(files, digest, assetNotes, null, null, null, null);
        }
        // shared at once, so that what a folder parsed to is garbage before the next folders are read
        CollectedInventory collected = sharedPackages(InventoryFiles.read(files), shared);
        List<InstalledPackage> packages = packagesOf(e, collected);
        // hashed here, on the reading threads, so that the writing thread does not
        return new Folder(files, digest, assetNotes, collected, packages,
            InventoryContent.hash(collected.os(), packages), null);
      } catch (RuntimeException ex) {
        return new Folder(null, null, List.of(), null, null, null, ex);
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
  private static ScanAssets.AssetInventory parsed(AssetListEntry e, CollectedInventory c,
      List<InstalledPackage> packages, String contentHash, String digest, Map<String, List<String>> notes,
      List<String> assetNotes) {
    List<String> all = new ArrayList<>(assetNotes);
    all.addAll(c.notes());
    if (!all.isEmpty()) {
      notes.put(e.asset().name(), all);
    }
    String rawDigest = c.notes().isEmpty() ? digest : null;
    return contentHash == null
        ? new ScanAssets.AssetInventory(e.asset(), true, c.os(), packages, false, rawDigest)
        : ScanAssets.AssetInventory.hashed(e.asset(), true, c.os(), packages, false, rawDigest, contentHash);
  }

  /** An asset's packages: the products its list entry names, then its parsed files' packages, each once. */
  private static List<InstalledPackage> packagesOf(AssetListEntry e, CollectedInventory c) {
    Set<InstalledPackage> packages = new LinkedHashSet<>(e.products());
    packages.addAll(c.packages());
    return List.copyOf(packages);
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
