package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("EpssStore contract on SQLite")
class SqliteEpssStoreTest extends EpssStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
