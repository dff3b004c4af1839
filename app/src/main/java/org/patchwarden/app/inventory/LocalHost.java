package org.patchwarden.app.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.patchwarden.formats.inventory.CollectedPackages;
import org.patchwarden.formats.inventory.apk.ApkInstalledReader;
import org.patchwarden.formats.inventory.dpkg.DpkgStatusReader;
import org.patchwarden.formats.inventory.osrelease.OsReleaseReader;
import org.patchwarden.formats.inventory.rpm.RpmQueryReader;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/**
 * Inventories the machine Patchwarden runs on: {@code /etc/os-release}, then whichever package
 * databases exist (dpkg, apk, and rpm through the {@code rpm} command). {@code root} is {@code /}
 * except in tests, which point it at a prepared tree.
 */
public final class LocalHost {
  private static final long RPM_TIMEOUT_SECONDS = 120;

  private LocalHost() {}

  /** This host's name, as the system reports it. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
  }

  /**
   * Collects the inventory under {@code root}.
   *
   * @throws IllegalStateException when no package database is found at all
   */
  public static CollectedInventory collect(Path root) {
    OsRelease os = null;
    for (String candidate : List.of("etc/os-release", "usr/lib/os-release")) {
      Path file = root.resolve(candidate);
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          os = new OsReleaseReader(in, file.toString()).read();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
        break;
      }
    }
    List<InstalledPackage> packages = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean found = false;
    Path dpkg = root.resolve("var/lib/dpkg/status");
    if (Files.isRegularFile(dpkg)) {
      found = true;
      String namespace = os == null ? DpkgStatusReader.DEFAULT_NAMESPACE : os.id();
      add(read(dpkg, in -> new DpkgStatusReader(in, dpkg.toString(), namespace).read()), "dpkg", packages, notes);
    }
    Path apk = root.resolve("lib/apk/db/installed");
    if (Files.isRegularFile(apk)) {
      found = true;
      add(read(apk, in -> new ApkInstalledReader(in, apk.toString()).read()), "apk", packages, notes);
    }
    if (root.equals(Path.of("/")) && Files.isDirectory(Path.of("/var/lib/rpm")) && Files.isExecutable(Path.of("/usr/bin/rpm"))) {
      found = true;
      String namespace = os == null ? "redhat" : os.id();
      add(rpm(namespace), "rpm", packages, notes);
    }
    if (!found) {
      throw new IllegalStateException("no package database found under " + root
          + " (looked for var/lib/dpkg/status, lib/apk/db/installed and an rpm database)");
    }
    return new CollectedInventory(os, packages, notes, "");
  }

  @FunctionalInterface
  private interface StreamRead {
    CollectedPackages read(InputStream in);
  }

  private static CollectedPackages read(Path file, StreamRead reader) {
    try (InputStream in = Files.newInputStream(file)) {
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void add(CollectedPackages c, String what, List<InstalledPackage> packages, List<String> notes) {
    packages.addAll(c.packages());
    c.skipped().forEach((reason, n) -> notes.add(what + ": " + n + " entries skipped (" + reason + ")"));
  }

  private static CollectedPackages rpm(String namespace) {
    try {
      Process p = new ProcessBuilder("rpm", "-qa", "--qf", RpmQueryReader.QUERY_FORMAT)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      CollectedPackages c;
      try (InputStream in = p.getInputStream()) {
        c = new RpmQueryReader(in, "rpm -qa", namespace).read();
      }
      if (!p.waitFor(RPM_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("rpm -qa failed or did not finish within " + RPM_TIMEOUT_SECONDS + " s");
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run rpm -qa", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running rpm -qa", e);
    }
  }
}
