package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedContent;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.FeedVersionStore;
import org.patchwarden.feed.LoadMode;
import org.patchwarden.feed.OlderFeedException;
import org.patchwarden.inventory.AssetStore;

class UpdateFeedTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-08-10T08:00:00Z"), ZoneOffset.UTC);

  /** Versions and changes held in memory. */
  private static final class Versions implements FeedVersionStore {
    final Map<String, FeedVersion> current = new TreeMap<>();

    @Override
    public Optional<FeedVersion> current(String source) {
      return Optional.ofNullable(current.get(source));
    }

    @Override
    public List<FeedVersion> all() {
      return List.copyOf(current.values());
    }

    @Override
    public List<FeedChange> changes(String source, String version) {
      return List.of(new FeedChange(source, version, "CVE-2026-0300", FeedChange.Kind.ADDED));
    }
  }

  private final Versions versions = new Versions();

  /** Every inventory read fails, as a store busy with another writer does. */
  private static final AssetStore LOCKED = (AssetStore) Proxy.newProxyInstance(AssetStore.class.getClassLoader(),
      new Class<?>[] {AssetStore.class}, (proxy, method, args) -> {
        throw new IllegalStateException("[SQLITE_BUSY] the database file is locked");
      });

  private UpdateFeed update() {
    LoadFeeds load = new LoadFeeds(null, null, null, null, null, null, NOW);
    RematchAdvisories rematch = new RematchAdvisories(LOCKED, null, null, versions, null, NOW, null);
    return new UpdateFeed(load, versions, null, rematch, NOW);
  }

  private static FeedVersion version(String source, String version) {
    return new FeedVersion(source, version, null, 4, NOW.instant(), "/mirror", "hash");
  }

  @Test
  void aCommittedLoadWhoseRematchFailsSaysSoInsteadOfFailingTheLoad() {
    var outcome = update().update(new UpdateFeed.Request("cve5", FeedContent.ADVISORY_RECORDS, "", false),
        load -> new FeedUpdate(version("cve5", "2026-08-01"), false, 4, 0, 0));

    assertThat(outcome).isInstanceOfSatisfying(UpdateFeed.Outcome.Loaded.class, l -> {
      assertThat(l.update().added()).isEqualTo(4);
      assertThat(l.rematch().failed()).contains("[SQLITE_BUSY] the database file is locked");
    });
  }

  @Test
  void anOlderDeclaredKevCatalogIsRefusedWithoutBeingRead() {
    versions.current.put("cisa-kev", version("cisa-kev", "2026.08.07"));

    var outcome = update().update(new UpdateFeed.Request("cisa-kev", FeedContent.KEV, "2025.08.25", false), load -> {
      throw new AssertionError("an older catalog must not be read");
    });

    assertThat(outcome).isEqualTo(new UpdateFeed.Outcome.Older("cisa-kev", "2025.08.25", "2026.08.07"));
  }

  @Test
  void anOlderCatalogFoundOnlyByReadingIsRefusedToo() {
    var outcome = update().update(new UpdateFeed.Request("epss", FeedContent.EPSS, "", false), load -> {
      throw new OlderFeedException("epss", "v2025.03.14@2025-08-01", "v2025.03.14@2026-08-22");
    });

    assertThat(outcome).isEqualTo(new UpdateFeed.Outcome.Older("epss", "v2025.03.14@2025-08-01",
        "v2025.03.14@2026-08-22"));
  }

  @Test
  void aDocumentOfASourceOfManyDocumentsAddsToItUnlessAFullReplacementIsAsked() {
    assertThat(new UpdateFeed.Request("osv:go", FeedContent.ADVISORY_RECORDS, "", false).mode()).isEqualTo(LoadMode.MERGE);
    assertThat(new UpdateFeed.Request("osv:go", FeedContent.ADVISORY_RECORDS, "", true).mode()).isEqualTo(LoadMode.REPLACE);
    assertThat(new UpdateFeed.Request("cisa-kev", FeedContent.KEV, "", false).mode()).isEqualTo(LoadMode.REPLACE);
    assertThat(new UpdateFeed.Request("debian-dsa", FeedContent.ADVISORY_LIST, "", false).mode())
        .isEqualTo(LoadMode.REPLACE);
  }

  @Test
  void anUnchangedDocumentReMatchesNothing() {
    var outcome = update().update(new UpdateFeed.Request("cve5", FeedContent.ADVISORY_RECORDS, "", false),
        load -> new FeedUpdate(version("cve5", "2026-08-01"), true, 0, 0, 0));

    assertThat(outcome).isInstanceOfSatisfying(UpdateFeed.Outcome.Loaded.class,
        l -> assertThat(l.rematch()).isEqualTo(UpdateFeed.Rematch.none()));
  }
}
