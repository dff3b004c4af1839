package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.patchwarden.store.FindingStoreContract.CURL;
import static org.patchwarden.store.FindingStoreContract.LIBSSL;
import static org.patchwarden.store.FindingStoreContract.T1;
import static org.patchwarden.store.FindingStoreContract.debian;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.patchwarden.assess.AssessmentIndex;
import org.patchwarden.assess.AssessmentIndex.Entry;
import org.patchwarden.assess.AssessmentIndex.Order;
import org.patchwarden.assess.MissionImpact;
import org.patchwarden.finding.FindingId;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.match.Finding;
import org.patchwarden.match.FindingStatus;
import org.patchwarden.match.TrackedFinding;

/** What every {@link AssessmentIndex} must do, on every database. */
abstract class AssessmentIndexContract extends DatabaseContract {
  static final LocalDate DAY = LocalDate.parse("2026-11-01");
  AssessmentIndex index;
  /** Findings of assets whose names differ only after a '-' or a '|' would: byte order must decide. */
  final List<Finding> findings = new ArrayList<>();

  @BeforeEach
  void findings() {
    index = db.assessmentIndex();
    for (String name : List.of("a", "a-b", "web-01")) {
      db.assetStore().save(new Asset(name, AssetKind.HOST, "production", "platform", 2, false, Set.of()));
      List<Finding> own = List.of(debian(name, LIBSSL, "DSA-5139-1", Set.of("CVE-2022-1292"), "1.1.1n-0+deb11u2"),
          debian(name, CURL, "DSA-5197-1", Set.of("CVE-2021-22898"), "7.74.0-1.3+deb11u2"));
      db.findingStore().recordScan(name, 1, T1, own);
      findings.addAll(own);
    }
  }

  static Entry entry(Finding f, String tier, int rank, LocalDate due, boolean kev, Double epss, String team) {
    return new Entry(FindingId.of(f), FindingStatus.OPEN, tier, rank, due, kev, MissionImpact.MEDIUM, 2, epss, 7.5,
        f.key(), team, DAY);
  }

  static AssessmentIndex.Query all(Order order) {
    return new AssessmentIndex.Query(null, null, null, null, null, null, null, order, 0, 100);
  }

  static List<String> keys(List<TrackedFinding> page) {
    return page.stream().map(t -> t.finding().key()).toList();
  }

  @Test
  void aPageIsInUrgencyOrderWithTiesBrokenByTheFindingKeysBytes() {
    Finding aCurl = findings.get(1);
    Finding abSsl = findings.get(2);
    Finding abCurl = findings.get(3);
    Finding aSsl = findings.get(0);
    Finding webSsl = findings.get(4);
    Finding webCurl = findings.get(5);
    index.replace(List.of("a", "a-b", "web-01"), List.of(
        entry(webCurl, "T2", 2, DAY, false, null, "platform"),
        entry(aSsl, "T1", 1, DAY.plusDays(7), false, 0.2, "platform"),
        entry(aCurl, "T1", 1, DAY.plusDays(7), false, 0.2, "platform"),
        entry(abSsl, "T1", 1, DAY.plusDays(7), false, 0.2, "platform"),
        entry(abCurl, "T1", 1, DAY.plusDays(7), true, null, "platform"),
        entry(webSsl, "T1", 1, DAY.plusDays(7), false, null, "platform")));

    assertThat(keys(index.page(all(Order.URGENCY)))).containsExactly(
        abCurl.key(),                          // KEV-listed first
        abSsl.key(), aCurl.key(), aSsl.key(),  // equal EPSS: key bytes, "a-b|" before "a|" ('-' 2d < '|' 7c)
        webSsl.key(),                          // unknown EPSS after every known one
        webCurl.key());                        // a later tier last
  }

  @Test
  void filtersAndCountsByTierTeamStatusKevAssetAndAlias() {
    List<Entry> entries = new ArrayList<>();
    for (Finding f : findings) {
      boolean ssl = f.advisoryId().equals("DSA-5139-1");
      entries.add(new Entry(FindingId.of(f), ssl ? FindingStatus.OPEN : FindingStatus.FIXED, ssl ? "T0" : "T3",
          ssl ? 0 : 3, DAY, ssl, MissionImpact.HIGH, 1, null, null, f.key(), f.assetName().equals("a") ? "" : "web",
          DAY));
    }
    index.replace(List.of("a", "a-b", "web-01"), entries);

    AssessmentIndex.Query t0 = new AssessmentIndex.Query("T0", null, null, null, null, null, null, Order.URGENCY, 0, 10);
    assertThat(index.count(t0)).isEqualTo(3);
    assertThat(index.count(new AssessmentIndex.Query(null, "web", null, FindingStatus.FIXED, null, null, null,
        Order.URGENCY, 0, 10))).isEqualTo(2);
    assertThat(index.count(new AssessmentIndex.Query(null, null, Set.of("web"), null, true, null, null,
        Order.ASSET, 0, 10))).isEqualTo(2);
    assertThat(index.count(new AssessmentIndex.Query(null, null, Set.of(), null, null, null, null,
        Order.URGENCY, 0, 10))).isZero();
    assertThat(keys(index.page(new AssessmentIndex.Query(null, null, null, null, null, "a-b", "CVE-2021-22898",
        Order.DUE, 0, 10)))).containsExactly(findings.get(3).key());
    assertThat(keys(index.page(new AssessmentIndex.Query("T0", null, null, null, null, null, null, Order.ASSET, 1, 1))))
        .containsExactly(findings.get(2).key());
  }

  @Test
  void replacingAnAssetLeavesTheOthersAndRefusesRowsOfAnotherAsset() {
    index.replace(List.of("a", "web-01"), List.of(entry(findings.get(0), "T1", 1, DAY, false, null, ""),
        entry(findings.get(4), "T1", 1, DAY, false, null, "")));
    index.replace(List.of("a"), List.of(entry(findings.get(1), "T2", 2, DAY, false, null, "")));

    assertThat(keys(index.page(all(Order.URGENCY)))).containsExactly(findings.get(4).key(), findings.get(1).key());
    assertThatThrownBy(() -> index.replace(List.of("a"), List.of(entry(findings.get(4), "T1", 1, DAY, false, null, ""))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web-01");
  }

  @Test
  void keepsItsBasisUntilClearedWhichEmptiesIt() {
    assertThat(index.basis()).isEmpty();
    index.replace(List.of("a"), List.of(entry(findings.get(0), "T1", 1, DAY, false, null, "")));
    index.recordBasis("v1:abc");
    index.recordBasis("v1:def");
    assertThat(index.basis()).isEqualTo("v1:def");

    index.clear();

    assertThat(index.basis()).isEmpty();
    assertThat(index.count(all(Order.URGENCY))).isZero();
  }

  @Test
  void everyWriteMovesTheGenerationAndTheStampReadsItWithTheBasis() {
    AssessmentIndex.Stamp start = index.stamp();
    assertThat(start.basis()).isEmpty();

    index.replace(List.of("a"), List.of(entry(findings.get(0), "T1", 1, DAY, false, null, "")));
    long replaced = index.stamp().generation();
    index.recordBasis("v1:abc");
    AssessmentIndex.Stamp recorded = index.stamp();
    index.clear();
    long cleared = index.stamp().generation();

    assertThat(replaced).isGreaterThan(start.generation());
    assertThat(recorded).isEqualTo(new AssessmentIndex.Stamp("v1:abc", recorded.generation()));
    assertThat(recorded.generation()).isGreaterThan(replaced);
    assertThat(cleared).isGreaterThan(recorded.generation());
    assertThat(index.stamp()).isEqualTo(new AssessmentIndex.Stamp("", cleared)); // reading moves nothing
  }

  @Test
  void aReplacementThatFailsLeavesTheGenerationWhereItWas() {
    long before = index.stamp().generation();
    Finding untracked = debian("a", CURL, "DSA-9999-1", Set.of(), "7.74.0-1.3+deb11u9"); // no findings row

    assertThatThrownBy(() -> index.replace(List.of("a"), List.of(entry(untracked, "T1", 1, DAY, false, null, ""))))
        .isInstanceOf(IllegalStateException.class);

    assertThat(index.stamp().generation()).isEqualTo(before);
  }

  @Test
  void aListingsIdentitiesAreItsPagesInOrderAndItsFindingsAreReadBackInTheOrderAsked() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      entries.add(entry(findings.get(i), i % 2 == 0 ? "T1" : "T2", i % 2 == 0 ? 1 : 2, DAY.plusDays(i), i == 3,
          null, "platform"));
    }
    index.replace(List.of("a", "a-b", "web-01"), entries);
    AssessmentIndex.Query t1 = new AssessmentIndex.Query("T1", null, null, null, null, null, null, Order.DUE, 0, 100);

    List<FindingId> listed = index.identities(t1);

    assertThat(listed).hasSize((int) index.count(t1));
    assertThat(keys(index.findings(listed))).isEqualTo(keys(index.page(t1)));
    assertThat(keys(index.findings(List.of(listed.get(2), listed.get(0))))).containsExactly(
        keys(index.page(t1)).get(2), keys(index.page(t1)).get(0));
    assertThat(index.identities(new AssessmentIndex.Query(null, null, Set.of(), null, null, null, null,
        Order.URGENCY, 0, 1))).isEmpty();
    assertThat(index.findings(List.of())).isEmpty();
  }
}
