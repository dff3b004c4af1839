package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.patchwarden.notify.Delivery;
import org.patchwarden.notify.EventKind;
import org.patchwarden.notify.Notification;
import org.patchwarden.notify.Outbox;

/** What every {@link Outbox} must do, on every database. */
abstract class OutboxContract extends DatabaseContract {
  static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

  static Notification kev(String cve) {
    return new Notification("kev-hit|" + cve, EventKind.KEV_HIT, "CISA KEV " + cve + " hits 1 asset",
        cve + " is open on web-01.", T0, Map.of("cve", cve, "assets", "web-01"));
  }

  @Test
  void anEventIsQueuedOncePerChannelHoweverOftenItIsRaised() {
    Outbox o = db.outbox();
    assertThat(o.enqueue(List.of(kev("CVE-2021-44228")), List.of("webhook", "email"), T0)).isEqualTo(2);
    assertThat(o.enqueue(List.of(kev("CVE-2021-44228"), kev("CVE-2024-3400")), List.of("webhook", "email"), T0))
        .isEqualTo(2);
    assertThat(o.due(T0, 100)).hasSize(4);
  }

  @Test
  void aSentDeliveryIsNeitherDueAgainNorQueuedAgain() {
    Outbox o = db.outbox();
    o.enqueue(List.of(kev("CVE-2021-44228")), List.of("webhook"), T0);
    assertThat(o.claim("kev-hit|CVE-2021-44228", "webhook", T0, T0.plusSeconds(300))).isTrue();
    o.sent("kev-hit|CVE-2021-44228", "webhook", 1, T0);
    assertThat(o.enqueue(List.of(kev("CVE-2021-44228")), List.of("webhook"), T0.plusSeconds(60))).isZero();
    assertThat(o.due(T0.plusSeconds(3600), 100)).isEmpty();
    assertThat(o.list(Delivery.Status.SENT, 10)).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(1);
      assertThat(d.notification().facts()).containsEntry("cve", "CVE-2021-44228");
      assertThat(d.doneAt()).isEqualTo(T0);
    });
  }

  @Test
  void aClaimedDeliveryIsNotClaimedTwiceUntilTheClaimLapses() {
    Outbox o = db.outbox();
    o.enqueue(List.of(kev("CVE-2021-44228")), List.of("webhook"), T0);
    assertThat(o.claim("kev-hit|CVE-2021-44228", "webhook", T0, T0.plusSeconds(300))).isTrue();
    assertThat(o.claim("kev-hit|CVE-2021-44228", "webhook", T0.plusSeconds(1), T0.plusSeconds(301))).isFalse();
    assertThat(o.due(T0.plusSeconds(1), 10)).isEmpty();
    assertThat(o.claim("kev-hit|CVE-2021-44228", "webhook", T0.plusSeconds(301), T0.plusSeconds(601))).isTrue();
  }

  @Test
  void aRetriedDeliveryIsDueAtItsNextAttemptAndADeadOneIsListedAsADeadLetterWithItsReason() {
    Outbox o = db.outbox();
    o.enqueue(List.of(kev("CVE-2021-44228"), kev("CVE-2024-3400")), List.of("webhook"), T0);
    o.retry("kev-hit|CVE-2021-44228", "webhook", 1, T0.plus(Duration.ofMinutes(5)), "HTTP 500");
    o.dead("kev-hit|CVE-2024-3400", "webhook", 6, T0, "HTTP 500 Internal Server Error");
    assertThat(o.due(T0.plus(Duration.ofMinutes(4)), 10)).isEmpty();
    assertThat(o.due(T0.plus(Duration.ofMinutes(5)), 10)).singleElement()
        .satisfies(d -> assertThat(d.lastError()).isEqualTo("HTTP 500"));
    assertThat(o.list(Delivery.Status.DEAD, 10)).singleElement().satisfies(d -> {
      assertThat(d.eventKey()).isEqualTo("kev-hit|CVE-2024-3400");
      assertThat(d.attempts()).isEqualTo(6);
      assertThat(d.lastError()).contains("500");
    });
    assertThat(o.list(null, 10)).hasSize(2);
  }
}
