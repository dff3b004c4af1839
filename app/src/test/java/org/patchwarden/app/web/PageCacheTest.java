package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.assess.AssessmentIndex.Stamp;

class PageCacheTest {
  private static final LocalDate DAY = LocalDate.parse("2026-12-06");

  static PageCache.Key key(long generation, Object query) {
    return new PageCache.Key(new Stamp("v1:abc", generation), DAY, null, query, false);
  }

  @Test
  void aPageIsFoundUnderAnEqualKeyOnly() {
    PageCache cache = new PageCache(1000);
    cache.put(new PageCache.Key(new Stamp("v1:abc", 1), DAY, Set.of("red", "blue"), "tier=T0", false), new byte[] {1});

    assertThat(cache.get(new PageCache.Key(new Stamp("v1:abc", 1), DAY, Set.of("blue", "red"), "tier=T0", false)))
        .containsExactly(1);
    assertThat(cache.get(new PageCache.Key(new Stamp("v1:abc", 1), DAY, Set.of("red"), "tier=T0", false))).isNull();
    assertThat(cache.get(new PageCache.Key(new Stamp("v1:abc", 1), DAY, null, "tier=T0", false))).isNull();
    assertThat(cache.get(new PageCache.Key(new Stamp("v1:def", 1), DAY, Set.of("red", "blue"), "tier=T0", false)))
        .isNull();
    assertThat(cache.get(new PageCache.Key(new Stamp("v1:abc", 1), DAY.plusDays(1), Set.of("red", "blue"), "tier=T0",
        false))).isNull();
    assertThat(cache.get(new PageCache.Key(new Stamp("v1:abc", 1), DAY, Set.of("red", "blue"), "tier=T0", true)))
        .isNull();
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(5);
  }

  @Test
  void aNewGenerationDropsEveryPageOfTheOlderOne() {
    PageCache cache = new PageCache(1000);
    cache.put(key(1, "page=1"), new byte[10]);
    cache.put(key(1, "page=2"), new byte[10]);

    cache.put(key(2, "page=1"), new byte[10]);

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get(key(1, "page=2"))).isNull();
    assertThat(cache.get(key(2, "page=1"))).hasSize(10);
  }

  @Test
  void theLeastRecentlyUsedPagesGoFirstWhenTheBudgetIsExceeded() {
    PageCache cache = new PageCache(250);
    cache.put(key(1, "page=1"), new byte[60]);
    cache.put(key(1, "page=2"), new byte[60]);
    cache.put(key(1, "page=3"), new byte[60]);
    cache.get(key(1, "page=1"));

    cache.put(key(1, "page=4"), new byte[60]);
    cache.put(key(1, "page=5"), new byte[60]);

    assertThat(cache.get(key(1, "page=2"))).isNull();
    assertThat(cache.get(key(1, "page=1"))).isNotNull();
    assertThat(cache.get(key(1, "page=5"))).isNotNull();
    assertThat(cache.size()).isEqualTo(4);
  }

  @Test
  void aPageOverAQuarterOfTheBudgetIsNotKeptAndABudgetOfZeroKeepsNothing() {
    PageCache cache = new PageCache(100);
    cache.put(key(1, "page=1"), new byte[26]);
    PageCache off = new PageCache(0);
    off.put(key(1, "page=1"), new byte[1]);

    assertThat(cache.get(key(1, "page=1"))).isNull();
    assertThat(off.size()).isZero();
  }
}
