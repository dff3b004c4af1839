package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FindingStore contract on PostgreSQL")
class PostgresFindingStoreTest extends FindingStoreContract {
  @Override
  protected Database open(Path tempDir) {
    return TestDatabases.postgres();
  }

  @Test
  void findingsPagesAreFilledOnlyToTheFillFactorThatLeavesRescansRoom() {
    String options = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'findings'").mapTo(String.class).one());

    assertThat(options).contains("fillfactor=" + FindingsFillFactorMigration.FILL_FACTOR);
  }
}
