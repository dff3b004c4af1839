package org.patchwarden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.app.App;
import org.patchwarden.app.OpenFindings;
import org.patchwarden.app.config.ConfigLoader;

/**
 * Matching commands run at the same time on one database (threads here, processes in {@code bench
 * chaos}) end where running them one after the other ends: the writer lock keeps their re-matches
 * from interleaving, which lost findings.
 */
class ConcurrentMatchingCommandsTest {
  @TempDir Path tmp;

  @Test
  void aFeedLoadAndTwoImportsRunAtOnceGiveTheFindingsOfRunningThemInTurn() throws Exception {
    Path feeds = DemoCommand.extract("feeds", tmp.resolve("feeds"));
    Path fleet = DemoCommand.extract("fleet", tmp.resolve("fleet"));
    Path home = tmp.resolve("together");
    assertThat(run(home, "feeds", "load", "--from", feeds.resolve("kev").toString()).exitCode()).isZero();

    List<String[]> commands = List.of(new String[] {"feeds", "load", "--from", feeds.resolve("debian").toString()},
        new String[] {"inventory", "import", fleet.toString()},
        new String[] {"feeds", "load", "--from", feeds.resolve("osv").toString()});
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<CommandLineRunner.Result>> runs = commands.stream()
        .map(c -> CompletableFuture.supplyAsync(() -> {
          await(start);
          return run(home, c);
        })).toList();
    start.countDown();
    for (var r : runs) {
      var result = r.get(300, TimeUnit.SECONDS);
      assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }

    Path inTurn = tmp.resolve("in-turn");
    assertThat(run(inTurn, "feeds", "load", "--from", feeds.resolve("kev").toString()).exitCode()).isZero();
    commands.forEach(c -> assertThat(run(inTurn, c).exitCode()).isZero());
    Set<String> expected = open(inTurn);
    assertThat(expected).isNotEmpty();
    assertThat(open(home)).isEqualTo(expected);
    assertThat(run(home, "feeds", "rematch").out()).contains("nothing owed");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static CommandLineRunner.Result run(Path home, String... args) {
    return CommandLineRunner.run(Map.of("PATCHWARDEN_HOME", home.toString()), "", args);
  }

  private static Set<String> open(Path home) {
    try (App app = new App(ConfigLoader.load(new ConfigLoader.Flags(home, null, null), Map.of()), Clock.systemUTC())) {
      return OpenFindings.of(app);
    }
  }
}
