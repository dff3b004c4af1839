package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("WriterLock contract on PostgreSQL")
class PostgresWriterLockTest extends WriterLockContract {
  private String url;

  @Override
  protected Database open(Path tempDir) {
    url = TestDatabases.postgresUrl();
    return Database.open(url, null, null);
  }

  @Override
  protected String url() {
    return url;
  }
}
