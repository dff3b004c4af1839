package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Schedule contract on SQLite")
class SqliteScheduleTest extends ScheduleContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }

  @Override
  protected Database openSecond(Path tempDir) {
    return TestDatabases.sqlite(tempDir);
  }
}
