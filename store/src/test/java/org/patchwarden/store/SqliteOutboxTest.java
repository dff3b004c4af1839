package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Outbox contract on SQLite")
class SqliteOutboxTest extends OutboxContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
