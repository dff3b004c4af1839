package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.patchwarden.match.FindingKey;
import org.patchwarden.remediate.AuditEntry;
import org.patchwarden.remediate.AuditLog;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeConflict;
import org.patchwarden.remediate.ChangeFinding;
import org.patchwarden.remediate.ChangeFinding.Outcome;
import org.patchwarden.remediate.ChangeState;
import org.patchwarden.remediate.ChangeWindow;
import org.patchwarden.remediate.RiskAcceptance;

/** What every {@link org.patchwarden.remediate.ChangeStore} and its audit log must do, on every database. */
abstract class ChangeStoreContract extends DatabaseContract {
  static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
  static final Instant T1 = T0.plus(Duration.ofHours(1));
  static final FindingKey OPENSSL = new FindingKey("web-01", "deb", "libssl1.1", "DSA-5139-1");
  static final FindingKey CURL = new FindingKey("web-02", "deb", "curl", "DSA-5197-1");

  static Change planned(int approvals) {
    return Change.plan("bullseye fixes", "T0", List.of("web-01", "web-02"),
        new ChangeWindow(T0, T0.plus(Duration.ofHours(4))), approvals, "alice", T0, List.of(
            new ChangeFinding(OPENSSL, List.of("CVE-2022-1292"), "Debian:11", true, "1.1.1k-1+deb11u1",
                "1.1.1n-0+deb11u2", "1.1.1n-0+deb11u2", T0.minus(Duration.ofDays(3)), "T0", "web-platform",
                Outcome.PENDING, null, ""),
            new ChangeFinding(CURL, List.of(), "Debian:11", false, "7.74.0-1.3+deb11u1", "7.74.0-1.3+deb11u2",
                "7.74.0-1.3+deb11u2", T0.minus(Duration.ofDays(2)), "T1", "", Outcome.PENDING, null, "")),
        null);
  }

  private static List<AuditEntry> audit(String action) {
    return List.of(AuditEntry.change(0, T0, "alice", action, "because"));
  }

  @Test
  void anInsertedChangeIsReadBackWholeWithItsIdAtVersionOne() {
    Change stored = db.changeStore().insert(planned(1), audit("planned"));
    assertThat(stored.id()).isEqualTo(1);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(db.changeStore().find(1)).contains(stored);
    assertThat(db.changeStore().insert(planned(0), List.of()).id()).isEqualTo(2);
    assertThat(db.changeStore().list()).extracting(Change::id).containsExactly(2L, 1L);
    assertThat(db.auditLog().list("change:1")).singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo("planned"));
  }

  @Test
  void everyTransitionIsStoredWithItsApprovalsOutcomesAndAuditEntries() {
    Change c = db.changeStore().insert(planned(2), audit("planned"));
    c = db.changeStore().update(c.approve("bob", T1), List.of(AuditEntry.change(c.id(), T1, "bob", "approved", "")));
    c = db.changeStore().update(c.approve("carol", T1), List.of(AuditEntry.change(c.id(), T1, "carol", "approved", "")));
    c = db.changeStore().update(c.apply("ops", T1, Duration.ofHours(24)), audit("applied"));
    Change applied = c;
    c = db.changeStore().update(c.checked(List.of(applied.findings().get(0).checked(Outcome.VERIFIED, T1, "fixed"),
        applied.findings().get(1).checked(Outcome.FAILED, T1, "curl still below")), T1), audit("verification-failed"));
    assertThat(c.version()).isEqualTo(5);
    Change read = db.changeStore().find(c.id()).orElseThrow();
    assertThat(read).isEqualTo(c);
    assertThat(read.state()).isInstanceOf(ChangeState.VerificationFailed.class);
    assertThat(read.applied().deadline()).isEqualTo(T1.plus(Duration.ofHours(24)));
    assertThat(read.findings()).extracting(ChangeFinding::evidence).containsExactly("fixed", "curl still below");
    assertThat(db.auditLog().list(null)).extracting(AuditEntry::action)
        .containsExactly("planned", "approved", "approved", "applied", "verification-failed");
  }

  @Test
  void aStaleUpdateIsRefusedAsAConflictAndWritesNothing() {
    Change c = db.changeStore().insert(planned(1), List.of());
    db.changeStore().update(c.approve("bob", T1), audit("approved"));
    assertThatThrownBy(() -> db.changeStore().update(c.cancel("alice", "superseded", T1), audit("cancelled")))
        .isInstanceOf(ChangeConflict.class).hasMessageContaining("read it again and retry");
    assertThat(db.changeStore().find(c.id()).orElseThrow().state()).isInstanceOf(ChangeState.Approved.class);
    assertThat(db.auditLog().list(null)).extracting(AuditEntry::action).containsExactly("approved");
  }

  @Test
  void twoApproversRacingOnTwoConnectionsNeverLoseAnUpdate() throws Exception {
    long id = db.changeStore().insert(planned(2), List.of()).id();
    CyclicBarrier bothRead = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> conflicts = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (String approver : List.of("bob", "carol")) {
        runs.add(pool.submit(() -> {
          Change read = db.changeStore().find(id).orElseThrow();
          bothRead.await(10, TimeUnit.SECONDS);
          for (int attempt = 0; ; attempt++) {
            try {
              db.changeStore().update(read.approve(approver, T1),
                  List.of(AuditEntry.change(id, T1, approver, "approved", "")));
              return null;
            } catch (ChangeConflict e) {
              conflicts.add(approver);
              read = db.changeStore().find(id).orElseThrow();
            }
          }
        }));
      }
      for (Future<?> f : runs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Change after = db.changeStore().find(id).orElseThrow();
    assertThat(conflicts).as("both read version 1: exactly one update lost the race and retried").hasSize(1);
    assertThat(after.approvals()).extracting(a -> a.by()).containsExactlyInAnyOrder("bob", "carol");
    assertThat(after.state()).isInstanceOf(ChangeState.Approved.class);
    assertThat(after.version()).isEqualTo(3);
    assertThat(db.auditLog().list("change:" + id)).hasSize(2);
  }

  @Test
  void concurrentPlannersGetDistinctIds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<Long>>> runs = new ArrayList<>();
    try {
      for (int t = 0; t < 2; t++) {
        runs.add(pool.submit(() -> {
          List<Long> ids = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            ids.add(db.changeStore().insert(planned(1), audit("planned")).id());
          }
          return ids;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (var f : runs) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).doesNotHaveDuplicates().hasSize(10);
    } finally {
      pool.shutdownNow();
    }
    assertThat(db.auditLog().list(null)).extracting(AuditEntry::seq).doesNotHaveDuplicates().hasSize(10);
  }

  @Test
  void riskAcceptancesAreReadBackNewestFirstWithTheirAuditEntry() {
    RiskAcceptance first = new RiskAcceptance(OPENSSL, "compensating WAF rule", "carol", T0, T0.plus(Duration.ofDays(30)));
    RiskAcceptance second = new RiskAcceptance(CURL, "internal only", "carol", T1, T1.plus(Duration.ofDays(7)));
    db.changeStore().accept(first, AuditEntry.finding(OPENSSL.toString(), T0, "carol", "risk-accepted", "WAF"));
    db.changeStore().accept(second, AuditEntry.finding(CURL.toString(), T1, "carol", "risk-accepted", "internal"));
    assertThat(db.changeStore().riskAcceptances()).containsExactly(second, first);
    assertThat(db.auditLog().list("finding:" + OPENSSL)).hasSize(1);
  }

  @Test
  void theAuditLogHasNoUpdateOrDeletePathInItsPortOrItsSql() throws Exception {
    assertThat(Arrays.stream(AuditLog.class.getMethods()).map(Method::getName))
        .containsExactlyInAnyOrder("append", "list");
    String source = Files.readString(Path.of("src/main/java/org/patchwarden/store/JdbiChangeStore.java"));
    String compact = source.replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
    assertThat(compact).doesNotContain("UPDATE AUDIT_LOG").doesNotContain("DELETE FROM AUDIT_LOG")
        .doesNotContain("TRUNCATE").contains("INSERT INTO AUDIT_LOG");
  }
}
