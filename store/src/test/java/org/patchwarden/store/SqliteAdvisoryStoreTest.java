package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AdvisoryStore contract on SQLite")
class SqliteAdvisoryStoreTest extends AdvisoryStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
