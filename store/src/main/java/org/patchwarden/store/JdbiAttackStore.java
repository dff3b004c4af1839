package org.patchwarden.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.advisory.AttackObject;
import org.patchwarden.advisory.AttackStore;
import org.patchwarden.advisory.AttackTactic;
import org.patchwarden.advisory.AttackTechnique;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** ATT&CK tactics and techniques in {@code attack_tactics} and {@code attack_techniques}, one snapshot per domain feed. */
final class JdbiAttackStore implements AttackStore, FeedReplacement.Target<AttackObject> {
  private static final List<FeedReplacement.Table> TABLES = List.of(
      new FeedReplacement.Table("attack_tactics", "id", "source"),
      new FeedReplacement.Table("attack_techniques", "id", "source"));
  private final Jdbi jdbi;

  JdbiAttackStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public FeedUpdate replace(FeedSnapshot<AttackObject> snapshot, FeedDocument document) {
    return FeedReplacement.replace(jdbi, this, snapshot, document);
  }

  @Override
  public Optional<AttackTechnique> technique(String id) {
    // NB: an id names one technique across domains; should two feeds hold it, the first by feed name wins.
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM attack_techniques WHERE id = :id ORDER BY source LIMIT 1 OFFSET 0")
        .bind("id", id)
        .map((rs, ctx) -> mapTechnique(rs))
        .findOne());
  }

  @Override
  public List<AttackTactic> tactics(String domain) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id, short_name, name, domain FROM attack_tactics WHERE domain = :domain ORDER BY id, source")
        .bind("domain", domain)
        .map((rs, ctx) -> new AttackTactic(rs.getString("id"), rs.getString("short_name"), rs.getString("name"),
            rs.getString("domain")))
        .list());
  }

  @Override
  public int count(String source) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT (SELECT COUNT(*) FROM attack_tactics WHERE source = :source)
                 + (SELECT COUNT(*) FROM attack_techniques WHERE source = :source)
            """)
        .bind("source", source)
        .mapTo(Integer.class)
        .one());
  }

  @Override
  public List<FeedReplacement.Table> tables() {
    return TABLES;
  }

  @Override
  public String key(AttackObject record) {
    return record.id();
  }

  @Override
  public void write(Handle h, String source, List<FeedReplacement.Row<AttackObject>> rows) {
    // A changed object is deleted from both tables and inserted again: should an id ever change
    // from tactic to technique, no stale row stays.
    for (FeedReplacement.Table t : TABLES) {
      PreparedBatch delete = h.prepareBatch("DELETE FROM " + t.name() + " WHERE source = :source AND id = :id");
      rows.stream().filter(r -> r.change() == FeedChange.Kind.UPDATED)
          .forEach(r -> delete.bind("source", source).bind("id", r.key()).add());
      if (delete.size() > 0) {
        delete.execute();
      }
    }
    PreparedBatch tactics = h.prepareBatch("""
        INSERT INTO attack_tactics (source, id, short_name, name, domain, record_hash)
        VALUES (:source, :id, :shortName, :name, :domain, :hash)
        """);
    PreparedBatch techniques = h.prepareBatch("""
        INSERT INTO attack_techniques (source, id, name, tactics, revoked, deprecated, domain, record_hash)
        VALUES (:source, :id, :name, :tactics, :revoked, :deprecated, :domain, :hash)
        """);
    for (FeedReplacement.Row<AttackObject> row : rows) {
      switch (row.record()) {
        case AttackTactic t -> tactics.bind("source", source).bind("id", t.id()).bind("shortName", t.shortName())
            .bind("name", t.name()).bind("domain", t.domain()).bind("hash", row.hash())
            .add();
        case AttackTechnique t -> techniques.bind("source", source).bind("id", t.id()).bind("name", t.name())
            .bind("tactics", String.join(",", t.tactics()))
            .bind("revoked", t.revoked() ? 1 : 0).bind("deprecated", t.deprecated() ? 1 : 0)
            .bind("domain", t.domain()).bind("hash", row.hash())
            .add();
      }
    }
    if (tactics.size() > 0) {
      tactics.execute();
    }
    if (techniques.size() > 0) {
      techniques.execute();
    }
  }

  private static AttackTechnique mapTechnique(ResultSet rs) throws SQLException {
    String tactics = rs.getString("tactics");
    return new AttackTechnique(rs.getString("id"), rs.getString("name"),
        tactics.isEmpty() ? List.of() : Arrays.asList(tactics.split(",")),
        rs.getInt("revoked") == 1, rs.getInt("deprecated") == 1, rs.getString("domain"));
  }
}
