package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("MatchBacklog contract on PostgreSQL")
class PostgresMatchBacklogTest extends MatchBacklogContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }
}
