package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("SsvcStore contract on PostgreSQL")
class PostgresSsvcStoreTest extends SsvcStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }
}
