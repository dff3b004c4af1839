package org.patchwarden.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.config.AppConfig;

class AppTest {
  @TempDir Path home;

  private App app(String url) {
    return new App(new AppConfig(home, url, null, null, "warn", List.of(), null), Clock.systemUTC());
  }

  @Test
  void theDatabaseDescriptionNamesTheSqliteFileOrTheUrlWithItsPasswordMasked() {
    assertThat(app("jdbc:sqlite:" + home.resolve("patchwarden.db")).databaseDescription())
        .isEqualTo(home.resolve("patchwarden.db").toAbsolutePath().toString());
    assertThat(app("jdbc:postgresql://pw:s3cret@db.example:5432/patchwarden?ssl=true").databaseDescription())
        .isEqualTo("jdbc:postgresql://pw:***@db.example:5432/patchwarden?ssl=true");
    assertThat(app("jdbc:postgresql://db.example/patchwarden?user=pw&password=s3cret&ssl=true").databaseDescription())
        .isEqualTo("jdbc:postgresql://db.example/patchwarden?user=pw&password=***&ssl=true");
  }

  @Test
  void anEmbeddedDatabaseExistsOnlyOnceItsFileDoesAndAskingCreatesNothing() throws Exception {
    try (App app = app("jdbc:sqlite:" + home.resolve("patchwarden.db"))) {
      assertThat(app.databaseExists()).isFalse();
      assertThat(home).isEmptyDirectory();
      Files.createFile(home.resolve("patchwarden.db"));
      assertThat(app.databaseExists()).isTrue();
    }
    assertThat(app("jdbc:postgresql://db.example/patchwarden").databaseExists()).isTrue();
  }
}
