package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of every store contract suite: a fresh, migrated database per test. */
public abstract class DatabaseContract {
  @TempDir Path tempDir;
  protected Database db;

  /** Opens the database under test; {@code tempDir} is free to use. */
  protected abstract Database open(Path tempDir);

  @BeforeEach
  void openDatabase() {
    db = open(tempDir);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }
}
