package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL hands rows over through a server-side cursor only with autocommit off and a fetch
 * size; otherwise its driver reads the whole result into memory first. This checks that a {@link
 * CursorRead} really leaves the rows on the server.
 */
class PostgresCursorReadTest {
  // NB: pg_cursors also lists the portal of this very query: look for the series only.
  static final String OPEN_SERIES = "SELECT statement FROM pg_cursors WHERE statement LIKE '%generate_series(1, 10000)%'"
      + " AND statement NOT LIKE '%pg_cursors%'";
  Database db;

  @BeforeEach
  void open() {
    db = TestDatabases.postgres();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aCursorReadKeepsAnOpenServerCursorWhileRowsAreConsumed() {
    List<String> cursors = CursorRead.run(db.jdbi(), db.dialect(), h -> {
      Iterator<Integer> rows = h.createQuery("SELECT g FROM generate_series(1, 10000) AS g")
          .setFetchSize(CursorRead.FETCH_SIZE)
          .mapTo(Integer.class)
          .iterator();
      assertThat(rows.next()).isEqualTo(1);
      // pg_cursors lists the portals of this session, those opened through the protocol included.
      List<String> open = h.createQuery(OPEN_SERIES).mapTo(String.class).list();
      int n = 1;
      while (rows.hasNext()) {
        rows.next();
        n++;
      }
      assertThat(n).isEqualTo(10_000);
      return open;
    });

    assertThat(cursors).hasSize(1);
  }

  @Test
  void withoutCursorReadTheDriverHasReadEverythingAlready() {
    List<String> cursors = db.jdbi().withHandle(h -> {
      Iterator<Integer> rows = h.createQuery("SELECT g FROM generate_series(1, 10000) AS g")
          .setFetchSize(CursorRead.FETCH_SIZE)
          .mapTo(Integer.class)
          .iterator();
      rows.next();
      List<String> open = h.createQuery(OPEN_SERIES).mapTo(String.class).list();
      rows.forEachRemaining(g -> { });
      return open;
    });

    assertThat(cursors).isEmpty();
  }
}
