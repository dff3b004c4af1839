package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AttackMappingStore contract on SQLite")
class SqliteAttackMappingStoreTest extends AttackMappingStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
