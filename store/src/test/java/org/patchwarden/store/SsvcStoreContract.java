package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.ssvc.SsvcDecisionPoint;
import org.patchwarden.ssvc.SsvcDecisionTable;
import org.patchwarden.ssvc.SsvcObject;
import org.patchwarden.ssvc.SsvcStore;

/** What every {@link SsvcStore} must do, on every database. */
abstract class SsvcStoreContract extends FeedStoreContract<SsvcObject> {
  static final SsvcDecisionPoint EXPLOITATION = new SsvcDecisionPoint("ssvc", "E", "1.1.0", "Exploitation",
      List.of(new SsvcDecisionPoint.Value("N", "None"), new SsvcDecisionPoint.Value("P", "Public PoC"),
          new SsvcDecisionPoint.Value("A", "Active")));
  static final SsvcDecisionPoint PRIORITY = new SsvcDecisionPoint("cisa", "CISA", "1.1.0", "CISA Levels",
      List.of(new SsvcDecisionPoint.Value("T", "Track"), new SsvcDecisionPoint.Value("A", "Act")));
  static final SsvcDecisionTable TABLE = new SsvcDecisionTable("cisa", "DT_CO", "2.0.3", "CISA Coordinator",
      List.of("ssvc:E:1.1.0", "cisa:CISA:1.1.0"), "cisa:CISA:1.1.0",
      List.of(Map.of("ssvc:E:1.1.0", "N", "cisa:CISA:1.1.0", "T"),
          Map.of("ssvc:E:1.1.0", "P", "cisa:CISA:1.1.0", "T"),
          Map.of("ssvc:E:1.1.0", "A", "cisa:CISA:1.1.0", "A")));

  @Override
  protected String source() {
    return SsvcStore.SOURCE;
  }

  /** Every fifth object is a decision table. */
  @Override
  protected SsvcObject record(int n, int revision) {
    if (n % 5 == 0) {
      return new SsvcDecisionTable("test", "DT_" + n, "1.0.0", "Table " + n, List.of("test:K1:1.0.0"),
          "test:K1:1.0.0", List.of(Map.of("test:K1:1.0.0", revision == 0 ? "L" : "H")));
    }
    return new SsvcDecisionPoint("test", "K" + n, "1.0.0", "Point " + n,
        List.of(new SsvcDecisionPoint.Value("L", "Low"), new SsvcDecisionPoint.Value("H", "High " + revision)));
  }

  @Override
  protected String key(SsvcObject record) {
    return record.ref();
  }

  @Override
  protected FeedUpdate replace(FeedSnapshot<SsvcObject> snapshot, FeedDocument document) {
    return db.ssvcStore().replace(snapshot, document);
  }

  @Override
  protected Optional<SsvcObject> stored(SsvcObject like) {
    return switch (like) {
      case SsvcDecisionPoint p -> db.ssvcStore().decisionPoint(p.ref()).map(SsvcObject.class::cast);
      case SsvcDecisionTable t -> db.ssvcStore().decisionTable(t.ref()).map(SsvcObject.class::cast);
    };
  }

  @Override
  protected int count() {
    return db.ssvcStore().count();
  }

  @Test
  void keepsDecisionPointsAndTablesWithEveryValueAndRow() {
    db.ssvcStore().replace(snapshot("", List.of(EXPLOITATION, PRIORITY, TABLE)),
        new FeedDocument(SsvcStore.SOURCE, "ssvc/data", "h", LOADED));

    assertThat(db.ssvcStore().decisionPoint("ssvc:E:1.1.0")).contains(EXPLOITATION);
    assertThat(db.ssvcStore().decisionPoint("cisa:CISA:1.1.0")).contains(PRIORITY);
    assertThat(db.ssvcStore().decisionTable("cisa:DT_CO:2.0.3")).contains(TABLE);
    assertThat(db.ssvcStore().decisionPoint("cisa:DT_CO:2.0.3")).isEmpty();
    assertThat(db.ssvcStore().decisionPoints(List.of("cisa:CISA:1.1.0", "cisa:DT_CO:2.0.3", "ssvc:E:1.1.0", "x:Y:1")))
        .isEqualTo(Map.of("cisa:CISA:1.1.0", PRIORITY, "ssvc:E:1.1.0", EXPLOITATION));
    assertThat(db.ssvcStore().decisionPoints(List.of())).isEmpty();
    assertThat(db.ssvcStore().decisionTable("ssvc:E:1.1.0")).isEmpty();
    assertThat(db.ssvcStore().count()).isEqualTo(3);
  }
}
