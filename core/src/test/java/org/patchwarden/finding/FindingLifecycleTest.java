package org.patchwarden.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingMark;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.FindingsUpdate;

/**
 * The lifecycle rules on real Debian bullseye advisories: DSA-5139-1 (openssl, CVE-2022-1292) and
 * DSA-5197-1 (curl), as the Debian security tracker states them.
 */
class FindingLifecycleTest {
  static final Instant T1 = Instant.parse("2026-11-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-02T10:00:00Z");
  static final InstalledPackage LIBSSL = new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u1", "openssl", "",
      "amd64", "");
  static final InstalledPackage CURL = new InstalledPackage("deb", "curl", "7.74.0-1.3+deb11u1", "", "", "amd64", "");
  static final FindingMark MARK = new FindingMark("curl is never run on this host", "alice", T2);

  static Finding dsa5139(Set<String> aliases) {
    return new Finding("web-01", LIBSSL, "DSA-5139-1", aliases, "debian-dsa", "Debian:11", "openssl",
        LIBSSL.version(), AffectedStatus.AFFECTED, "fixed in bullseye by 1.1.1n-0+deb11u2", "1.1.1n-0+deb11u2",
        Confidence.CONFIRMED);
  }

  static Finding dsa5197(String feed) {
    return new Finding("web-01", CURL, "DSA-5197-1", Set.of("CVE-2022-32208"), feed, "Debian:11", "curl",
        CURL.version(), AffectedStatus.AFFECTED, "fixed in bullseye by 7.74.0-1.3+deb11u2", "7.74.0-1.3+deb11u2",
        Confidence.CONFIRMED);
  }

  static FindingState stored(Finding f, FindingStatus status, FindingMark mark) {
    return new FindingState(FindingId.of(f), status, T1, mark);
  }

  @Test
  void newFindingsOpenAndOpenOnesNotFoundCloseAsTheCallerSays() {
    Finding curl = dsa5197("debian-dsa");
    Finding openssl = dsa5139(Set.of("CVE-2022-1292"));

    var plan = FindingLifecycle.plan(List.of(stored(curl, FindingStatus.OPEN, null)), List.of(openssl),
        Closing.fixedBy(2));

    assertThat(plan.inserts()).containsExactly(new FindingLifecycle.Insert(openssl, null));
    assertThat(plan.closes()).containsExactly(FindingId.of(curl));
    assertThat(plan.closing()).isEqualTo(new Closing(FindingStatus.FIXED, 2));
    assertThat(plan.counts()).isEqualTo(new FindingsUpdate(1, 0, 1, 0, 0));
  }

  @Test
  void fixedAndRetractedFindingsFoundAgainReopenWhileOpenOnesAreRefreshed() {
    Finding curl = dsa5197("debian-dsa");
    Finding osvCurl = dsa5197("osv:Debian");
    Finding openssl = dsa5139(Set.of("CVE-2022-1292"));

    var plan = FindingLifecycle.plan(List.of(stored(curl, FindingStatus.FIXED, null),
            stored(osvCurl, FindingStatus.RETRACTED, null), stored(openssl, FindingStatus.OPEN, null)),
        List.of(curl, osvCurl, openssl), Closing.retracted());

    assertThat(plan.reopens()).extracting(FindingLifecycle.Update::finding).containsExactly(curl, osvCurl);
    assertThat(plan.refreshes()).containsExactly(new FindingLifecycle.Update(openssl));
    assertThat(plan.inserts()).isEmpty();
    assertThat(plan.closes()).isEmpty();
    assertThat(plan.counts()).isEqualTo(new FindingsUpdate(2, 1, 0, 2, 0));
  }

  @Test
  void closedFindingsNotFoundAgainStayAsTheyAre() {
    Finding curl = dsa5197("debian-dsa");

    var plan = FindingLifecycle.plan(List.of(stored(curl, FindingStatus.FIXED, null)), List.of(), Closing.retracted());

    assertThat(plan.closes()).isEmpty();
    assertThat(plan.counts()).isEqualTo(new FindingsUpdate(0, 0, 0));
  }

  @Test
  void theLastOfTwoFindingsWithOneIdentityCounts() {
    InstalledPackage i386 = new InstalledPackage("deb", "libssl1.1", "1.1.1n-0+deb11u1", "openssl", "", "i386", "");
    Finding amd64 = dsa5139(Set.of("CVE-2022-1292"));
    Finding second = new Finding("web-01", i386, "DSA-5139-1", amd64.aliases(), "debian-dsa", "Debian:11", "openssl",
        i386.version(), AffectedStatus.AFFECTED, amd64.range(), amd64.fixedVersion(), Confidence.CONFIRMED);

    var plan = FindingLifecycle.plan(List.of(), List.of(amd64, second), Closing.fixedBy(1));

    assertThat(plan.inserts()).containsExactly(new FindingLifecycle.Insert(second, null));
    assertThat(plan.counts().opened()).isEqualTo(1);
  }

  @Test
  void markedFindingsFollowTheSameRulesButCountOnlyAsNotAffected() {
    Finding curl = dsa5197("debian-dsa");
    Finding openssl = dsa5139(Set.of("CVE-2022-1292"));

    var found = FindingLifecycle.plan(List.of(stored(curl, FindingStatus.FIXED, MARK)), List.of(curl),
        Closing.fixedBy(3));
    var gone = FindingLifecycle.plan(List.of(stored(curl, FindingStatus.OPEN, MARK),
        stored(openssl, FindingStatus.OPEN, null)), List.of(), Closing.fixedBy(3));

    assertThat(found.reopens()).extracting(FindingLifecycle.Update::finding).containsExactly(curl);
    assertThat(found.counts()).isEqualTo(new FindingsUpdate(0, 0, 0, 0, 1));
    assertThat(gone.closes()).containsExactlyInAnyOrder(FindingId.of(curl), FindingId.of(openssl));
    assertThat(gone.counts()).isEqualTo(new FindingsUpdate(0, 0, 1, 0, 0));
  }

  @Test
  void aNewClaimOfAnotherFeedInheritsTheMarkOfItsKey() {
    Finding dsa = dsa5197("debian-dsa");
    Finding osv = dsa5197("osv:Debian");

    var plan = FindingLifecycle.plan(List.of(stored(dsa, FindingStatus.OPEN, MARK)), List.of(dsa, osv),
        Closing.fixedBy(2));

    assertThat(plan.inserts()).containsExactly(new FindingLifecycle.Insert(osv, MARK));
    assertThat(plan.counts()).isEqualTo(new FindingsUpdate(0, 0, 0, 0, 2));
  }

  @Test
  void closingsAreFixesByARevisionOrRetractions() {
    assertThatThrownBy(() -> Closing.fixedBy(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revision");
    assertThatThrownBy(() -> new Closing(FindingStatus.OPEN, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPEN");
    assertThatThrownBy(() -> new FindingState(FindingId.of(dsa5197("debian-dsa")), FindingStatus.NOT_AFFECTED, T1,
        MARK)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mark");
  }
}
