package org.patchwarden.store;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

@DisplayName("AssessmentIndex contract on PostgreSQL")
class PostgresAssessmentIndexTest extends AssessmentIndexContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }
}
