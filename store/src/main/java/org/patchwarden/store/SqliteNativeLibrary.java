package org.patchwarden.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc's native library, kept in a per-user cache ({@code $XDG_CACHE_HOME/patchwarden} or
 * {@code ~/.cache/patchwarden}) keyed by driver version: left to itself the driver copies it out
 * of the jar to /tmp, compares the copy and sweeps /tmp for old copies on every start.
 */
final class SqliteNativeLibrary {
  private static boolean configured;

  private SqliteNativeLibrary() {}

  /**
   * Points the driver at the cached library (extracting it once), unless someone chose a library
   * already; any failure leaves the driver to its own extraction.
   */
  static synchronized void useCache() {
    if (configured || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    configured = true;
    try {
      cached(cacheRoot()).ifPresent(lib -> {
        System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
        System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
      });
    } catch (IOException | RuntimeException e) {
      // NB: a read-only or full home is no reason to fail: the driver extracts to /tmp as before.
    }
  }

  /**
   * The library for this platform under {@code root}, extracted from the driver's jar when absent;
   * empty when the jar carries none for this platform.
   */
  static Optional<Path> cached(Path root) throws IOException {
    Path versionDir = root.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
    String folder = platformFolder(versionDir);
    String name = System.mapLibraryName("sqlitejdbc");
    Path dir = versionDir.resolve(folder);
    Path lib = dir.resolve(name);
    if (Files.isRegularFile(lib)) {
      return Optional.of(lib);
    }
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream("/org/sqlite/native/" + folder + "/" + name)) {
      if (in == null) {
        return Optional.empty();
      }
      Files.createDirectories(dir);
      // Written beside it and renamed: a concurrent start sees the whole library or none.
      Path tmp = Files.createTempFile(dir, name, ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return Optional.of(lib);
  }

  /**
   * The driver's name for this platform's library folder ({@code Linux/x86_64}), remembered beside
   * the libraries: the driver finds it by running {@code uname -o} (is this Android?), a process
   * started on every command otherwise. A wrong remembered name (a home shared with a musl machine
   * of the same architecture) only fails the load, and the driver then extracts its own copy.
   */
  static String platformFolder(Path versionDir) throws IOException {
    String key = (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_");
    Path remembered = versionDir.resolve("platform-" + key);
    if (Files.isRegularFile(remembered)) {
      String folder = Files.readString(remembered).strip();
      if (!folder.isEmpty() && !folder.contains("..")) {
        return folder;
      }
    }
    String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
    Files.createDirectories(versionDir);
    Path tmp = Files.createTempFile(versionDir, "platform-", ".tmp");
    try {
      Files.writeString(tmp, folder);
      Files.move(tmp, remembered, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return folder;
  }

  private static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("patchwarden");
  }
}
