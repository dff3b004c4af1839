package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("EpssStore contract on PostgreSQL")
class PostgresEpssStoreTest extends EpssStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }
}
