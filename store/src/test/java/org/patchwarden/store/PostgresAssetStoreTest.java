package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AssetStore contract on PostgreSQL")
class PostgresAssetStoreTest extends AssetStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }
}
