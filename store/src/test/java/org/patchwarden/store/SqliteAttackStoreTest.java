package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AttackStore contract on SQLite")
class SqliteAttackStoreTest extends AttackStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
