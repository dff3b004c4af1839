package org.patchwarden.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.dpkg.DpkgStatusReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.version.OsvEvent;

/**
 * A synthetic fleet built from real package names and versions: this machine's dpkg database
 * (names, source packages, Debian 12 versions) and the fixed versions the loaded advisories name
 * per source package and release (the Debian DSA/DLA lists), so that matching meets the real shape
 * of the data. A few images (mostly Debian 11, some Debian 10 and 12, a few language packages from
 * the OSV data), each host one image with a little drift; hosts share their image's package
 * objects, as inventories of one image read from a store would share strings.
 */
public final class FleetGenerator {
  /** Longest dpkg status file read; a large server's is a few MB. */
  static final long MAX_STATUS_BYTES = 64L << 20;

  private static final OsRelease BULLSEYE = new OsRelease("debian", "11", "bullseye", "");
  private static final OsRelease BUSTER = new OsRelease("debian", "10", "buster", "");
  private static final OsRelease BOOKWORM = new OsRelease("debian", "12", "bookworm", "");
  private static final Instant SCANNED = Instant.parse("2026-08-20T00:00:00Z");

  /** One dpkg package as the status file lists it. */
  record DpkgPackage(String name, String version, String source, String sourceVersion, String architecture) {}

  // release ecosystem ("Debian:11") -> source package -> fixed versions named, in order seen
  private final Map<String, Map<String, List<String>>> fixedBySource = new LinkedHashMap<>();
  // language ecosystem -> name -> fixed versions (OSV data)
  private final Map<String, Map<String, List<String>>> languageFixes = new LinkedHashMap<>();

  /** Remembers the fixed versions a record names; feed it every record loaded. */
  public void observe(AdvisoryRecord record) {
    for (AffectedPackage a : record.affected()) {
      String eco = a.ecosystem();
      boolean debian = eco.startsWith("Debian:");
      boolean language = eco.equals("PyPI") || eco.equals("Go");
      if (!debian && !language) {
        continue;
      }
      for (AffectedRange r : a.ranges()) {
        if (r instanceof AffectedRange.Events e && !e.type().equals("GIT")) {
          for (OsvEvent ev : e.events()) {
            if (ev.kind() == OsvEvent.Kind.FIXED) {
              Map<String, Map<String, List<String>>> target = debian ? fixedBySource : languageFixes;
              List<String> versions = target.computeIfAbsent(eco, k -> new LinkedHashMap<>())
                  .computeIfAbsent(a.name(), k -> new ArrayList<>(2));
              if (!versions.contains(ev.version())) {
                versions.add(ev.version());
              }
            }
          }
        }
      }
    }
  }

  /**
   * The installed packages of a dpkg status file as {@link DpkgStatusReader} reads them, bounded to
   * {@link #MAX_STATUS_BYTES}. Unlike that reader, which turns the Latin-1 bytes of old descriptions
   * into U+FFFD, this refuses a file that is not UTF-8.
   *
   * @throws FeedFormatException naming the file, and the line of a malformed line or stanza
   */
  public static List<DpkgPackage> readDpkgStatus(Path status) {
    byte[] bytes;
    try {
      if (Files.size(status) > MAX_STATUS_BYTES) {
        throw new FeedFormatException(status.toString(), "file",
            "larger than " + (MAX_STATUS_BYTES >> 20) + " MB, the most read");
      }
      bytes = Files.readAllBytes(status);
      // a strict decoder reports malformed input; the text itself is not needed
      new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder())
          .transferTo(Writer.nullWriter());
    } catch (CharacterCodingException e) {
      throw new FeedFormatException(status.toString(), "file", "not UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status, e);
    }
    List<DpkgPackage> out = new ArrayList<>();
    for (InstalledPackage p : new DpkgStatusReader(new ByteArrayInputStream(bytes), status.toString()).read()
        .packages()) {
      out.add(new DpkgPackage(p.name(), p.version(), p.sourceName(), p.sourceVersion(), p.architecture()));
    }
    return out;
  }

  /**
   * The fleet.
   *
   * @param dpkg the real packages to name images after
   * @param hosts how many hosts
   * @param packagesPerHost OS packages per host (real ones first, then sources the lists name)
   * @param imageCount images: 80 % Debian 11, then Debian 10, at least one Debian 12
   * @param drift packages per host at another version than their image's
   */
  public List<Inventory> generate(List<DpkgPackage> dpkg, int hosts, int packagesPerHost, int imageCount, int drift,
      long seed) {
    Random random = new Random(seed);
    int bullseye = Math.max(1, imageCount * 4 / 5);
    int buster = Math.max(1, (imageCount - bullseye) / 2);
    int bookworm = Math.max(1, imageCount - bullseye - buster);
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < bullseye; i++) {
      images.add(debianImage("Debian:11", BULLSEYE, dpkg, packagesPerHost, 0, i, random));
    }
    for (int i = 0; i < buster; i++) {
      images.add(debianImage("Debian:10", BUSTER, dpkg, packagesPerHost, 0, i, random));
    }
    for (int i = 0; i < bookworm; i++) {
      images.add(bookwormImage(dpkg, packagesPerHost));
    }
    addLanguagePackages(images, random);

    List<Inventory> out = new ArrayList<>(hosts);
    for (int h = 0; h < hosts; h++) {
      // 80 % of hosts on the Debian 11 images, the rest spread over the others
      int pick = random.nextInt(100) < 80 ? random.nextInt(bullseye) : bullseye + random.nextInt(images.size() - bullseye);
      out.add(host(h, images.get(pick), drift, random));
    }
    return out;
  }

  /**
   * A fleet of one Debian release only, every host on one of {@code imageCount} images of it (older
   * images at older fixed versions) with drift, and without language packages: the hosts a
   * release-specific scanner such as debsecan can be run on.
   *
   * @param release {@code Debian:10} or {@code Debian:11}
   */
  public List<Inventory> generateRelease(String release, List<DpkgPackage> dpkg, int hosts, int packagesPerHost,
      int imageCount, int drift, long seed) {
    return generateRelease(release, dpkg, hosts, packagesPerHost, 0, imageCount, drift, seed);
  }

  /**
   * A fleet of one Debian release as {@link #generateRelease(String, List, int, int, int, int, long)}
   * builds it, but each image's first {@code listedFirst} packages are sources the lists name for the
   * release (halfway down the versions they name, so affected by the advisories after it), before this
   * machine's real packages: a fleet as exposed as long-unpatched hosts, whatever this machine has
   * installed.
   */
  public List<Inventory> generateRelease(String release, List<DpkgPackage> dpkg, int hosts, int packagesPerHost,
      int listedFirst, int imageCount, int drift, long seed) {
    OsRelease os = switch (release) {
      case "Debian:10" -> BUSTER;
      case "Debian:11" -> BULLSEYE;
      default -> throw new IllegalArgumentException("release must be Debian:10 or Debian:11, got " + release);
    };
    Random random = new Random(seed);
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < Math.max(1, imageCount); i++) {
      images.add(debianImage(release, os, dpkg, packagesPerHost, listedFirst, i, random));
    }
    List<Inventory> out = new ArrayList<>(hosts);
    for (int h = 0; h < hosts; h++) {
      out.add(host(h, images.get(random.nextInt(images.size())), drift, random));
    }
    return out;
  }

  private Inventory host(int number, Image img, int drift, Random random) {
    List<InstalledPackage> pkgs = new ArrayList<>(img.packages);
    for (int d = 0; d < drift; d++) { // drift: a few packages updated (or not) differently from the image
      int i = random.nextInt(pkgs.size());
      pkgs.set(i, drifted(img, pkgs.get(i), random));
    }
    return new Inventory(String.format("host-%05d", number), 1, SCANNED, img.os, List.copyOf(pkgs));
  }

  /**
   * Writes the {@code deb} packages of an inventory as a dpkg status file (Package, Status, Architecture,
   * Source with its version when it differs, Version), which dpkg tools and {@link #readDpkgStatus} read.
   */
  public static Path writeDpkgStatus(Inventory inventory, Path file) {
    StringBuilder out = new StringBuilder();
    for (InstalledPackage p : inventory.packages()) {
      if (!p.ecosystem().equals("deb")) {
        continue;
      }
      out.append("Package: ").append(p.name()).append("\nStatus: install ok installed\n");
      if (!p.architecture().isEmpty()) {
        out.append("Architecture: ").append(p.architecture()).append('\n');
      }
      if (!p.sourceName().isEmpty() || !p.sourceVersion().isEmpty()) {
        out.append("Source: ").append(p.effectiveSourceName());
        if (!p.sourceVersion().isEmpty()) {
          out.append(" (").append(p.sourceVersion()).append(')');
        }
        out.append('\n');
      }
      out.append("Version: ").append(p.version()).append("\n\n");
    }
    try {
      return Files.writeString(file, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** An image: its OS, packages, and the release whose fixed versions it draws from. */
  private record Image(OsRelease os, String release, List<InstalledPackage> packages) {}

  private Image debianImage(String release, OsRelease os, List<DpkgPackage> dpkg, int size, int listedFirst, int age,
      Random random) {
    Map<String, List<String>> fixes = fixedBySource.getOrDefault(release, Map.of());
    List<InstalledPackage> pkgs = new ArrayList<>(size);
    Set<String> names = new LinkedHashSet<>();
    Map<String, String> chosen = new LinkedHashMap<>(); // binaries of one source share its version
    for (Map.Entry<String, List<String>> e : fixes.entrySet()) {
      if (pkgs.size() >= Math.min(size, listedFirst)) {
        break;
      }
      // the lists name versions newest first: one halfway down is affected by the newer half of the
      // advisories, as on a host not updated for a long while
      String version = chosen.computeIfAbsent(e.getKey(), k -> e.getValue().get(e.getValue().size() / 2));
      names.add(e.getKey());
      pkgs.add(new InstalledPackage("deb", e.getKey(), version, "", "", "amd64", ""));
    }
    for (DpkgPackage p : dpkg) {
      if (pkgs.size() >= size) {
        break;
      }
      if (names.contains(p.name())) {
        continue;
      }
      String source = p.source().isEmpty() ? p.name() : p.source();
      List<String> fixed = fixes.get(source);
      String version = p.version();
      String sourceVersion = p.sourceVersion();
      if (fixed != null) {
        // older images sit at older fixed versions: each is affected by the advisories after it
        version = chosen.computeIfAbsent(source,
            k -> fixed.get(Math.min(fixed.size() - 1, (age + random.nextInt(3)) % fixed.size())));
        sourceVersion = "";
      }
      names.add(p.name());
      pkgs.add(new InstalledPackage("deb", p.name(), version, p.source(), sourceVersion, p.architecture(), ""));
    }
    // not enough real packages: sources the lists name for this release, at one of their fixed versions
    for (Map.Entry<String, List<String>> e : fixes.entrySet()) {
      if (pkgs.size() >= size) {
        break;
      }
      if (names.add(e.getKey())) {
        List<String> fixed = e.getValue();
        pkgs.add(new InstalledPackage("deb", e.getKey(), fixed.get(random.nextInt(fixed.size())), "", "", "amd64", ""));
      }
    }
    return new Image(os, release, pkgs);
  }

  private static Image bookwormImage(List<DpkgPackage> dpkg, int size) {
    List<InstalledPackage> pkgs = new ArrayList<>();
    for (DpkgPackage p : dpkg.subList(0, Math.min(size, dpkg.size()))) {
      pkgs.add(new InstalledPackage("deb", p.name(), p.version(), p.source(), p.sourceVersion(), p.architecture(), ""));
    }
    return new Image(BOOKWORM, "Debian:12", pkgs);
  }

  /** A few PyPI and Go packages from the OSV data on every image, below one of their fixes. */
  private void addLanguagePackages(List<Image> images, Random random) {
    for (String eco : List.of("PyPI", "Go")) {
      List<Map.Entry<String, List<String>>> known = new ArrayList<>(languageFixes.getOrDefault(eco, Map.of()).entrySet());
      if (known.isEmpty()) {
        continue;
      }
      for (Image img : images) {
        for (int i = 0; i < 10; i++) {
          Map.Entry<String, List<String>> e = known.get(random.nextInt(known.size()));
          String fixed = e.getValue().get(random.nextInt(e.getValue().size()));
          String version = eco.equals("Go") ? "v" + fixed : fixed;
          img.packages.add(InstalledPackage.of(eco.equals("Go") ? "go" : "pypi", e.getKey(), version));
        }
      }
    }
  }

  private InstalledPackage drifted(Image img, InstalledPackage p, Random random) {
    if (!p.ecosystem().equals("deb")) {
      return p;
    }
    List<String> fixed = fixedBySource.getOrDefault(img.release, Map.of()).get(p.effectiveSourceName());
    if (fixed == null) {
      return p;
    }
    String v = fixed.get(random.nextInt(fixed.size()));
    return new InstalledPackage("deb", p.name(), random.nextBoolean() ? v : v + "~1", p.sourceName(), "",
        p.architecture(), "");
  }
}
