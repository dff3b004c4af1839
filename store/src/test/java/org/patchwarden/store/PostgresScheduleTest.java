package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Schedule contract on PostgreSQL")
class PostgresScheduleTest extends ScheduleContract {
  private String url;

  @Override
  protected Database open(Path tempDir) {
    url = TestDatabases.postgresUrl();
    return Database.open(url, null, null);
  }

  @Override
  protected Database openSecond(Path tempDir) {
    return Database.open(url, null, null);
  }
}
