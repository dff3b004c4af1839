package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WriterLock contract on SQLite")
class SqliteWriterLockTest extends WriterLockContract {
  private Path file;

  @Override
  protected Database open(Path tempDir) {
    file = tempDir.resolve("patchwarden.db");
    return TestDatabases.sqlite(tempDir);
  }

  @Override
  protected String url() {
    return "jdbc:sqlite:" + file;
  }

  @Test
  void theLockIsAFileBesideTheDatabase() {
    try (var held = db.writerLock().acquire(() -> {})) {
      assertThat(file.resolveSibling("patchwarden.db-writer.lock")).exists();
    }
  }
}
