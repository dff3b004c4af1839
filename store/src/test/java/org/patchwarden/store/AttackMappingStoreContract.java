package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AttackMapping;
import org.patchwarden.advisory.AttackMappingStore;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** What every {@link AttackMappingStore} must do, on every database. */
abstract class AttackMappingStoreContract extends FeedStoreContract<AttackMapping> {

  @Override
  protected String source() {
    return AttackMappingStore.SOURCE;
  }

  @Override
  protected AttackMapping record(int n, int revision) {
    return new AttackMapping("CVE-2025-" + (10_000 + n), "T1190", "exploitation_technique", "16." + revision);
  }

  @Override
  protected String key(AttackMapping m) {
    return m.cveId() + "|" + m.techniqueId() + "|" + m.mappingType();
  }

  @Override
  protected FeedUpdate replace(FeedSnapshot<AttackMapping> snapshot, FeedDocument document) {
    return db.attackMappingStore().replace(snapshot, document);
  }

  @Override
  protected Optional<AttackMapping> stored(AttackMapping like) {
    return db.attackMappingStore().forCve(like.cveId()).stream()
        .filter(m -> m.techniqueId().equals(like.techniqueId()) && m.mappingType().equals(like.mappingType()))
        .findFirst();
  }

  @Override
  protected int count() {
    return db.attackMappingStore().count();
  }

  @Test
  void listsTheMappingsOfACveByTypeThenTechnique() {
    AttackMapping exploit = new AttackMapping("CVE-2021-44228", "T1190", "exploitation_technique", "16.1");
    AttackMapping impact = new AttackMapping("CVE-2021-44228", "T1059", "primary_impact", "16.1");
    AttackMapping secondary = new AttackMapping("CVE-2021-44228", "T1005", "secondary_impact", "16.1");
    AttackMapping sameTechniqueOtherType = new AttackMapping("CVE-2021-44228", "T1190", "primary_impact", "16.1");
    AttackMapping unversioned = new AttackMapping("CVE-2023-4966", "T1190", "exploitation_technique", null);
    db.attackMappingStore().replace(snapshot("kev-07.28.2025",
            List.of(secondary, impact, exploit, sameTechniqueOtherType, unversioned)),
        new FeedDocument(AttackMappingStore.SOURCE, "mappings", "h", LOADED));

    assertThat(db.attackMappingStore().forCve("CVE-2021-44228"))
        .containsExactly(exploit, impact, sameTechniqueOtherType, secondary);
    assertThat(db.attackMappingStore().forCve("CVE-2023-4966")).containsExactly(unversioned);
    assertThat(db.attackMappingStore().forCve("CVE-1999-0001")).isEmpty();
    assertThat(db.attackMappingStore().count()).isEqualTo(5);
    var all = db.attackMappingStore().forCves(List.of("CVE-2023-4966", "CVE-1999-0001", "CVE-2021-44228"));
    assertThat(all).containsOnlyKeys("CVE-2023-4966", "CVE-1999-0001", "CVE-2021-44228");
    for (String cve : all.keySet()) {
      assertThat(all.get(cve)).as(cve).isEqualTo(db.attackMappingStore().forCve(cve));
    }
  }
}
