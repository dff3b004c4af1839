package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How PostgreSQL plans a lookup of one finding by its key on a new database, whose tables were
 * never analyzed: the plan it makes once per session for a key lookup, as the foreign-key check of
 * each former {@code finding_aliases} row did (V23) and the refreshes and closes by key still do.
 * An index on the package or advisory alone read that package's findings on every host for each
 * lookup, and made a first fleet import quadratic.
 */
class PostgresFindingKeyPlanTest {
  /** The query PostgreSQL's foreign-key trigger ran for a finding_aliases row (ri_triggers.c): a lookup by key. */
  static final String KEY_CHECK = "PREPARE key_check(varchar, varchar, varchar, varchar, varchar) AS"
      + " SELECT 1 FROM ONLY findings x WHERE asset_name = $1 AND ecosystem = $2 AND package_name = $3"
      + " AND advisory_id = $4 AND feed_source = $5 FOR KEY SHARE OF x";
  static Database db;

  @BeforeAll
  static void open() {
    db = TestDatabases.postgres();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void theGenericPlanOfAFindingKeyCheckOnANeverAnalyzedTableReadsOneAssetsRowsOnly() {
    List<String> plan = db.jdbi().withHandle(h -> {
      h.execute("SET plan_cache_mode = force_generic_plan");
      h.execute(KEY_CHECK);
      return h.createQuery("EXPLAIN EXECUTE key_check('web-01', 'deb', 'libssl1.1', 'DSA-5139-1', 'debian-dsa')")
          .mapTo(String.class).list();
    });

    String indexCondition = plan.stream().filter(l -> l.contains("Index Cond")).findFirst().orElse("");
    assertThat(indexCondition).as(String.join("\n", plan)).contains("asset_name");
  }
}
