package org.patchwarden.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedAgeTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @Test
  void aCatalogLoadedTodayFromAnOldMirrorIsStaleByItsOwnDate() {
    FeedVersion kev = new FeedVersion("cisa-kev", "2025.08.25", Instant.parse("2025-08-25T17:04:19Z"), 1404,
        NOW.minusSeconds(60), "/mirror", "hash");

    FeedAge age = FeedAge.of(kev, NOW);

    assertThat(age.byDataDate()).isTrue();
    assertThat(age.staleness(2)).contains("STALE: data dated 2025-08-25 465 days ago (limit 2)");
  }

  @Test
  void aFeedThatStatesNoDateIsJudgedByWhenItWasLoaded() {
    FeedVersion ssvc = new FeedVersion("ssvc", "sha256:c788ae67e857", null, 163, NOW.minusSeconds(86_400 * 10),
        "/mirror", "hash");

    assertThat(FeedAge.of(ssvc, NOW).staleness(7)).contains("STALE: loaded 10 days ago (limit 7)");
    assertThat(FeedAge.of(ssvc, NOW).staleness(30)).isEmpty();
  }
}
