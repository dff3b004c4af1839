package org.patchwarden.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.assess.Assessment;
import org.patchwarden.assess.Assessor;
import org.patchwarden.assess.AssetAssumptions;
import org.patchwarden.assess.Policies;
import org.patchwarden.assess.RealProfiles;
import org.patchwarden.assess.SignalCollector;
import org.patchwarden.assess.SsvcTables;
import org.patchwarden.inventory.Asset;
import org.patchwarden.match.FindingKey;
import org.patchwarden.remediate.Change;
import org.patchwarden.remediate.ChangeFinding;

class NotificationEventsTest {
  private static final Instant NOW = Instant.parse("2025-08-27T08:00:00Z");
  private final Assessor assessor = new Assessor(Policies.standard(), SsvcTables.evaluator());
  private final SignalCollector collector = new SignalCollector(AssetAssumptions.DEFAULT);
  private final Asset fw = RealProfiles.asset("fw-edge-01", "production", "network", 1, true);
  private final Asset web = RealProfiles.asset("web-01", "production", "web-team", 2, true);

  private Assessment panOs(LocalDate firstSeen) {
    return assessor.assess(collector.collect(RealProfiles.panOsOnFirewall("fw-edge-01"),
        RealProfiles.panOs(RealProfiles.panOsKevAugust2025()), fw), firstSeen);
  }

  private Assessment minor(LocalDate firstSeen) {
    return assessor.assess(collector.collect(RealProfiles.finding("web-01", "CVE-2024-10140", "2.0"),
        RealProfiles.vuldb10140(), web), firstSeen);
  }

  @Test
  void aNewUrgentKevFindingRaisesAnUrgentFindingAndAKevHitWithStableKeys() {
    Assessment p = panOs(LocalDate.parse("2025-08-26"));
    List<Notification> first = NotificationEvents.of(List.of(p), List.of(), NotifyRules.defaults(), NOW);
    List<Notification> again = NotificationEvents.of(List.of(p), List.of(), NotifyRules.defaults(),
        NOW.plusSeconds(3600));

    assertThat(first).extracting(Notification::kind).contains(EventKind.URGENT_FINDING, EventKind.KEV_HIT);
    assertThat(again).extracting(Notification::eventKey)
        .containsExactlyElementsOf(first.stream().map(Notification::eventKey).toList());
    assertThat(first).filteredOn(n -> n.kind() == EventKind.KEV_HIT).singleElement().satisfies(n -> {
      assertThat(n.eventKey()).isEqualTo("kev-hit|CVE-2024-0012");
      assertThat(n.facts()).containsEntry("assets", "fw-edge-01");
    });
  }

  @Test
  void findingsFirstSeenBeforeTheLookbackAndDueDatesLongPassedAreNotNews() {
    Assessment old = panOs(LocalDate.parse("2025-06-01"));
    assertThat(NotificationEvents.of(List.of(old), List.of(), NotifyRules.defaults(), NOW)).isEmpty();
  }

  @Test
  void aFindingDueWithinTheWindowIsDueSoonAndOneWhoseDueDateJustPassedIsOverdue() {
    Assessment a = minor(LocalDate.parse("2025-08-01")); // T3, due 2025-10-30
    var soon = NotificationEvents.of(List.of(a), List.of(), new NotifyRules(Set.of(), 7, 7),
        Instant.parse("2025-10-25T08:00:00Z"));
    assertThat(soon).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(EventKind.DUE_SOON);
      assertThat(n.text()).contains("in 5 days");
    });
    var late = NotificationEvents.of(List.of(a), List.of(), new NotifyRules(Set.of(), 7, 7),
        Instant.parse("2025-11-02T08:00:00Z"));
    assertThat(late).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(EventKind.OVERDUE);
      assertThat(n.eventKey()).endsWith("|2025-10-30");
    });
  }

  @Test
  void aVerificationFailureIsRaisedOncePerCheck() {
    FindingKey key = new FindingKey("web-01", "deb", "curl", "DSA-5197-1");
    ChangeFinding failed = new ChangeFinding(key, List.of("CVE-2022-32207"), "Debian:11", true, "7.74.0-1.3",
        "7.74.0-1.3+deb11u2", "7.74.0-1.3+deb11u2", Instant.parse("2025-08-01T08:00:00Z"), "T1", "web-team",
        ChangeFinding.Outcome.FAILED, Instant.parse("2025-08-26T10:00:00Z"), "curl still at 7.74.0-1.3");
    Change c = Change.plan("curl", "T1", List.of("web-01"), null, 0, "ann", Instant.parse("2025-08-25T08:00:00Z"),
        List.of(failed), null).stored(7, 1);
    assertThat(NotificationEvents.of(List.of(), List.of(c), NotifyRules.defaults(), NOW)).singleElement()
        .satisfies(n -> {
          assertThat(n.kind()).isEqualTo(EventKind.VERIFICATION_FAILED);
          assertThat(n.eventKey()).isEqualTo("verification-failed|7|" + key + "|2025-08-26T10:00:00Z");
          assertThat(n.text()).contains("curl still at 7.74.0-1.3");
        });
  }
}
