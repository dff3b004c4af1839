package org.patchwarden.app.web;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConcurrentUploadsContract} on PostgreSQL. */
class PostgresConcurrentUploadsTest extends ConcurrentUploadsContract {
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(dir).loadDemoFeeds();
  }
}
