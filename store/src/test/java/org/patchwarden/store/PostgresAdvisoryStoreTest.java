package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AdvisoryStore contract on PostgreSQL")
class PostgresAdvisoryStoreTest extends AdvisoryStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }
}
