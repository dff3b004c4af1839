package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.EpssScore;
import org.patchwarden.advisory.EpssStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** What every {@link EpssStore} must do, on every database. */
abstract class EpssStoreContract extends FeedStoreContract<EpssScore> {

  @Override
  protected String source() {
    return EpssStore.SOURCE;
  }

  @Override
  protected EpssScore record(int n, int revision) {
    return new EpssScore("CVE-2025-" + (10_000 + n), (n % 1000 + revision) / 1001.0, (n % 997) / 997.0);
  }

  @Override
  protected String key(EpssScore record) {
    return record.cveId();
  }

  @Override
  protected FeedUpdate replace(FeedSnapshot<EpssScore> snapshot, FeedDocument document) {
    return db.epssStore().replace(snapshot, document);
  }

  @Override
  protected Optional<EpssScore> stored(EpssScore like) {
    return db.epssStore().find(like.cveId());
  }

  @Override
  protected int count() {
    return db.epssStore().count();
  }

  @Test
  void keepsScoresAndPercentilesToTheLastDigit() {
    List<EpssScore> scores = List.of(new EpssScore("CVE-2021-44228", 0.94358, 0.99951),
        new EpssScore("CVE-2024-3094", 0.0123456789012345, 1.0), new EpssScore("CVE-2025-0001", 0.0, 0.0));
    db.epssStore().replace(snapshot("", scores), new FeedDocument(EpssStore.SOURCE, "epss.csv", "h", LOADED));

    for (EpssScore s : scores) {
      assertThat(db.epssStore().find(s.cveId())).contains(s);
    }
    assertThat(db.epssStore().find("CVE-1999-0001")).isEmpty();
  }

  @Test
  void findAllAnswersForEachCveWhatFindAnswers() {
    List<EpssScore> scores = List.of(new EpssScore("CVE-2021-44228", 0.94358, 0.99951),
        new EpssScore("CVE-2024-3094", 0.0123456789012345, 1.0));
    db.epssStore().replace(snapshot("", scores), new FeedDocument(EpssStore.SOURCE, "epss.csv", "h", LOADED));

    var all = db.epssStore().findAll(List.of("CVE-2024-3094", "CVE-1999-0001", "CVE-2021-44228", "CVE-2024-3094"));

    assertThat(all).containsOnly(java.util.Map.entry("CVE-2021-44228", scores.get(0)),
        java.util.Map.entry("CVE-2024-3094", scores.get(1)));
    assertThat(db.epssStore().findAll(List.of())).isEmpty();
  }
}
