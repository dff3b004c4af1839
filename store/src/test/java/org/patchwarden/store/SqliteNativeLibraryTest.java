package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/** The native library is extracted once into the cache, under the driver's version, and reused. */
class SqliteNativeLibraryTest {
  @TempDir Path root;

  @Test
  void theLibraryIsExtractedOnceUnderTheDriverVersionWithTheJarsBytes() throws IOException {
    Path lib = SqliteNativeLibrary.cached(root).orElseThrow();
    assertThat(lib).startsWith(root.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()));
    String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + lib.getFileName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      assertThat(Files.readAllBytes(lib)).isEqualTo(in.readAllBytes());
    }
    FileTime written = FileTime.fromMillis(0);
    Files.setLastModifiedTime(lib, written);

    assertThat(SqliteNativeLibrary.cached(root)).contains(lib);
    assertThat(Files.getLastModifiedTime(lib)).as("not written again").isEqualTo(written);
    try (var files = Files.list(lib.getParent())) {
      assertThat(files).as("no temporary file left").containsExactly(lib);
    }
  }

  @Test
  void thePlatformFolderIsAskedOfTheDriverOnceThenReadFromTheCache() throws IOException {
    Path versionDir = root.resolve("sqlite-jdbc-x");
    assertThat(SqliteNativeLibrary.platformFolder(versionDir)).isEqualTo(OSInfo.getNativeLibFolderPathForCurrentOS());
    Path remembered;
    try (var files = Files.list(versionDir)) {
      remembered = files.filter(p -> p.getFileName().toString().startsWith("platform-")).findFirst().orElseThrow();
    }
    // What is remembered is what the next start uses, without asking the driver (which runs uname).
    Files.writeString(remembered, "Remembered/arch");
    assertThat(SqliteNativeLibrary.platformFolder(versionDir)).isEqualTo("Remembered/arch");
    Files.writeString(remembered, "../escape");
    assertThat(SqliteNativeLibrary.platformFolder(versionDir)).as("a path outside the cache is not trusted")
        .isEqualTo(OSInfo.getNativeLibFolderPathForCurrentOS());
  }
}
