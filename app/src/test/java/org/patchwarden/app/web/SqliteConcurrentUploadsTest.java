package org.patchwarden.app.web;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConcurrentUploadsContract} on SQLite. */
class SqliteConcurrentUploadsTest extends ConcurrentUploadsContract {
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir).loadDemoFeeds();
  }
}
