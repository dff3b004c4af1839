package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.UploadReceipts;
import org.patchwarden.schedule.Event;
import org.patchwarden.schedule.JobRun;
import org.patchwarden.schedule.ScheduledJob;
import org.patchwarden.schedule.Scheduler;
import org.patchwarden.usecase.FlagStaleAgents;
import org.patchwarden.usecase.ReceiveUpload;

/**
 * What the schedule, events, check-ins and upload receipts must do on every database; above all,
 * that two schedulers on one database (two server processes) run a due job once.
 */
abstract class ScheduleContract extends DatabaseContract {
  static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  static final Duration SIX_HOURS = Duration.ofHours(6);

  /** A second, independent connection pool on the database under test, as a second process would open. */
  protected abstract Database openSecond(Path tempDir);

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  @Test
  void aNewJobIsDueAtOnceAndThenAgainAfterItsInterval() {
    AtomicInteger runs = new AtomicInteger();
    List<ScheduledJob> jobs = List.of(new ScheduledJob("feed-sync", SIX_HOURS, () -> "run " + runs.incrementAndGet()));
    assertThat(new Scheduler(db.jobStore(), "n1", at(T0), jobs).runDue()).extracting(JobRun::detail)
        .containsExactly("run 1");
    assertThat(new Scheduler(db.jobStore(), "n1", at(T0.plus(Duration.ofHours(5))), jobs).runDue()).isEmpty();
    assertThat(new Scheduler(db.jobStore(), "n1", at(T0.plus(SIX_HOURS)), jobs).runDue()).extracting(JobRun::detail)
        .containsExactly("run 2");
    assertThat(db.jobStore().runs("feed-sync", 10)).extracting(JobRun::detail, JobRun::ok)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("run 2", true), org.assertj.core.groups.Tuple.tuple("run 1", true));
  }

  @Test
  void aJobThatThrowsIsRecordedAsFailedAndTheOthersStillRun() {
    List<ScheduledJob> jobs = List.of(
        new ScheduledJob("broken", SIX_HOURS, () -> {
          throw new IllegalStateException("upstream unreachable");
        }),
        new ScheduledJob("fine", SIX_HOURS, () -> "ok"));
    List<JobRun> runs = new Scheduler(db.jobStore(), "n1", at(T0), jobs).runDue();
    assertThat(runs).extracting(JobRun::job, JobRun::ok).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("broken", false), org.assertj.core.groups.Tuple.tuple("fine", true));
    assertThat(db.jobStore().runs("broken", 1).get(0).detail()).contains("upstream unreachable");
  }

  @Test
  void aJobLeasedByANodeThatDiedIsTakenAgainOnlyWhenItsLeaseExpires() {
    db.jobStore().register("feed-sync", SIX_HOURS, T0);
    assertThat(db.jobStore().claim(List.of("feed-sync"), "dead-node", T0)).isPresent();
    // never finished: the lease holds until the next due time
    assertThat(db.jobStore().claim(List.of("feed-sync"), "n2", T0.plus(Duration.ofHours(1)))).isEmpty();
    assertThat(db.jobStore().claim(List.of("feed-sync"), "n2", T0.plus(SIX_HOURS))).get()
        .extracting(c -> c.node()).isEqualTo("n2");
  }

  @Test
  void twoSchedulersOnOneDatabaseRunADueJobOnce() throws Exception {
    try (Database second = openSecond(tempDir)) {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch bothTicking = new CountDownLatch(2);
      List<ScheduledJob> jobs = List.of(new ScheduledJob("feed-sync", SIX_HOURS, () -> "run " + runs.incrementAndGet()));
      Scheduler a = new Scheduler(db.jobStore(), "node-a", at(T0), jobs);
      Scheduler b = new Scheduler(second.jobStore(), "node-b", at(T0), jobs);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Callable<List<JobRun>>> ticks = List.of(a, b).stream().<Callable<List<JobRun>>>map(s -> () -> {
          bothTicking.countDown();
          bothTicking.await(10, TimeUnit.SECONDS);
          return s.runDue();
        }).toList();
        List<Future<List<JobRun>>> done = pool.invokeAll(ticks);
        int made = 0;
        for (Future<List<JobRun>> f : done) {
          made += f.get().size();
        }
        assertThat(made).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(runs).hasValue(1);
      assertThat(db.jobStore().runs("feed-sync", 10)).hasSize(1);
    }
  }

  @Test
  void anEventIsRaisedOncePerKindSubjectAndOccasion() {
    Event overdue = new Event(Event.Kind.OVERDUE, "web-01|deb|openssl|DSA-1", "2026-12-01", T0, "3 days overdue");
    assertThat(db.eventStore().raise(overdue)).isTrue();
    assertThat(db.eventStore().raise(new Event(Event.Kind.OVERDUE, "web-01|deb|openssl|DSA-1", "2026-12-01",
        T0.plusSeconds(60), "again"))).isFalse();
    assertThat(db.eventStore().raise(new Event(Event.Kind.OVERDUE, "web-01|deb|openssl|DSA-1", "2026-12-04",
        T0.plusSeconds(120), "a new due date"))).isTrue();
    assertThat(db.eventStore().recent(10)).extracting(Event::detail).containsExactly("a new due date", "3 days overdue");
  }

  @Test
  void aCheckInKeepsTheNewestTime() {
    db.agentCheckins().checkedIn("web-01", T0, "web-01 patchwarden/0.1");
    db.agentCheckins().checkedIn("web-01", T0.minusSeconds(60), "late retry");
    assertThat(db.agentCheckins().lastCheckIns()).containsEntry("web-01", T0);
  }

  @Test
  void anAssetNotSeenForLongerThanTheLimitIsFlaggedStaleOnce() {
    db.assetStore().save(AssetStoreContract.WEB);
    db.assetStore().recordInventory("web-01", T0, AssetStoreContract.BOOKWORM, List.of(AssetStoreContract.OPENSSL));
    Duration limit = Duration.ofHours(48);
    FlagStaleAgents.Result fresh = new FlagStaleAgents(db.assetStore(), db.agentCheckins(), db.eventStore(),
        at(T0.plus(Duration.ofHours(47))), limit).run();
    assertThat(fresh.stale()).isEmpty();

    FlagStaleAgents late = new FlagStaleAgents(db.assetStore(), db.agentCheckins(), db.eventStore(),
        at(T0.plus(Duration.ofHours(49))), limit);
    assertThat(late.run().stale()).extracting(FlagStaleAgents.Stale::asset).containsExactly("web-01");
    assertThat(late.run().raised()).as("the same stale period raises one event").isZero();
    assertThat(db.eventStore().recent(10)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Event.Kind.STALE_INVENTORY);
      assertThat(e.detail()).contains("unknown risk");
    });

    // an unchanged inventory adds no revision: the agent's check-in says it is alive
    db.agentCheckins().checkedIn("web-01", T0.plus(Duration.ofHours(48)), "web-01");
    assertThat(late.run().stale()).isEmpty();
  }

  @Test
  void aRetriedUploadIsRecordedOnceAndItsFirstAnswerGivenAgainWhileTheCheckInCounts() {
    AtomicInteger recorded = new AtomicInteger();
    java.util.function.Supplier<String> record = () -> "{\"revision\":" + recorded.incrementAndGet() + "}";
    var first = new ReceiveUpload(db.uploadReceipts(), db.agentCheckins(), at(T0))
        .receive("sha256:k1", "web-01", "agent", record);
    var retry = new ReceiveUpload(db.uploadReceipts(), db.agentCheckins(), at(T0.plusSeconds(30)))
        .receive("sha256:k1", "web-01", "agent", record);

    assertThat(first).isEqualTo(new ReceiveUpload.Outcome("{\"revision\":1}", false));
    assertThat(retry).isEqualTo(new ReceiveUpload.Outcome("{\"revision\":1}", true));
    assertThat(recorded).hasValue(1);
    assertThat(db.agentCheckins().lastCheckIns()).containsEntry("web-01", T0.plusSeconds(30));
  }

  @Test
  void anUploadReceiptKeepsTheFirstAnswerForItsKey() {
    UploadReceipts receipts = db.uploadReceipts();
    UploadReceipts.Receipt first = new UploadReceipts.Receipt("sha256:abc", "web-01", T0, "{\"revision\":1}");
    assertThat(receipts.remember(first)).isEqualTo(first);
    assertThat(receipts.remember(new UploadReceipts.Receipt("sha256:abc", "web-01", T0.plusSeconds(5),
        "{\"revision\":2}"))).isEqualTo(first);
    assertThat(receipts.find("sha256:abc")).contains(first);
    assertThat(receipts.find("sha256:other")).isEmpty();
  }
}
