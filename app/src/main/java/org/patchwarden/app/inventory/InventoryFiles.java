package org.patchwarden.app.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.InventoryFormat;
import org.patchwarden.formats.inventory.InventoryFormats;
import org.patchwarden.formats.inventory.osrelease.OsReleaseReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/**
 * Reads the inventory files of one asset (package databases, SBOMs, lockfiles, an os-release file)
 * into one inventory. A file of no known format is an error naming it: a scan that silently
 * ignored a lockfile would report the asset clean. Settings files ({@link
 * org.patchwarden.formats.baseline.SettingsFiles}) are no inventory and are left to baselines.
 */
public final class InventoryFiles {
  private InventoryFiles() {}

  /** Whether {@code file} is an os-release file, recognised by name. */
  static boolean isOsRelease(Path file) {
    String name = file.getFileName().toString();
    return name.equals("os-release") || name.endsWith(".os-release");
  }

  /**
   * Reads every file into one inventory.
   *
   * @throws FeedFormatException naming a file that is malformed or of no known format
   */
  public static CollectedInventory read(List<Path> files) {
    OsRelease os = null;
    Set<InstalledPackage> packages = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    String subject = "";
    for (Path file : files) {
      if (isOsRelease(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          os = new OsReleaseReader(in, file.toString()).read();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
        continue;
      }
      if (org.patchwarden.formats.baseline.SettingsFiles.kind(file).isPresent()) {
        continue; // settings for baselines (sshd_config, sysctl.conf, settings): 'baseline capture' reads them
      }
      InventoryFormat format = InventoryFormats.detect(file).orElseThrow(() -> new FeedFormatException(
          file.toString(), "whole file", "not a known inventory format (dpkg status, rpm -qa list, apk installed db,"
              + " CycloneDX, SPDX, package-lock.json, requirements.txt, poetry.lock, mvn dependency:list, go.mod, os-release)"));
      CollectedPackages collected = InventoryFormats.reader(format).orElseThrow(() -> new FeedFormatException(
              file.toString(), "whole file", "an asset list describes assets, not one asset's packages: use 'inventory import'"))
          .read(file);
      packages.addAll(collected.packages());
      if (collected.packages().isEmpty()) {
        // an empty dpkg status (or any empty inventory file) checks nothing: say so, not "0 findings"
        notes.add(file.getFileName() + ": no packages read (a " + format.name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', ' ') + " without packages): nothing checked, not clean");
      }
      collected.warnings().forEach(w -> notes.add(file.getFileName() + ": " + w));
      collected.skipped().forEach((reason, n) -> notes.add(file.getFileName() + ": " + n + " entries skipped (" + reason + ")"));
      if (subject.isEmpty()) {
        subject = collected.subjectName();
      }
    }
    return new CollectedInventory(os, List.copyOf(packages), notes, subject);
  }
}
