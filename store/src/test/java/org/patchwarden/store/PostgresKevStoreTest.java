package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("KevStore contract on PostgreSQL")
class PostgresKevStoreTest extends KevStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }
}
