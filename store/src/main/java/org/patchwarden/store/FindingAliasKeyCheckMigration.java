package org.patchwarden.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V26, PostgreSQL only: the foreign key of {@code finding_aliases} to {@code findings}
 * becomes statement-level triggers that keep the same rules set by set. PostgreSQL checks a foreign
 * key with one lookup and one row lock per inserted row; a 1,000-host import inserts half a million
 * aliases, and those checks were half of the server's work. The triggers:
 * <ul>
 *   <li>after an INSERT or UPDATE of aliases: lock the findings they name {@code FOR KEY SHARE}, as
 *       the foreign key's check does (a concurrent delete waits for this transaction), and fail with
 *       SQLSTATE 23503 unless every named finding was there to lock;
 *   <li>after a DELETE of findings: delete their aliases (the foreign key's {@code ON DELETE CASCADE});
 *   <li>an UPDATE of a finding's key while aliases name it fails (the foreign key's NO ACTION);
 *       Patchwarden never changes a finding's key.
 * </ul>
 * SQLite keeps its foreign key: its checks are index lookups in the same process.
 */
final class FindingAliasKeyCheckMigration extends StoreJavaMigration {
  private static final String KEY_MATCH = "f.asset_name = a.asset_name AND f.ecosystem = a.ecosystem"
      + " AND f.package_name = a.package_name AND f.advisory_id = a.advisory_id AND f.feed_source = a.feed_source";
  static final List<String> POSTGRESQL = List.of("""
      DO $$
      DECLARE fk text;
      BEGIN
        SELECT conname INTO fk FROM pg_constraint
         WHERE conrelid = 'finding_aliases'::regclass AND confrelid = 'findings'::regclass AND contype = 'f';
        IF fk IS NOT NULL THEN
          EXECUTE format('ALTER TABLE finding_aliases DROP CONSTRAINT %I', fk);
        END IF;
      END $$
      """, """
      CREATE FUNCTION finding_aliases_check_findings() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        named bigint;
        locked bigint;
      BEGIN
        SELECT COUNT(*) INTO named FROM (SELECT DISTINCT asset_name, ecosystem, package_name, advisory_id,
            feed_source FROM added) k;
        -- a finding deleted by a transaction that committed meanwhile is not locked, so not counted
        -- one primary-key lookup per named finding, whatever the plan cached for the function thinks
        -- of the sizes (a join planned once for the first, small statement read the whole table later)
        SELECT COUNT(*) INTO locked
          FROM (SELECT DISTINCT asset_name, ecosystem, package_name, advisory_id, feed_source FROM added) a
          CROSS JOIN LATERAL (SELECT 1 FROM findings f WHERE %s FOR KEY SHARE) l;
        IF locked <> named THEN
          RAISE EXCEPTION 'insert or update on table "finding_aliases": %% alias key(s) name no finding',
            named - locked USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$
      """.formatted(KEY_MATCH), """
      CREATE TRIGGER finding_aliases_inserted AFTER INSERT ON finding_aliases
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION finding_aliases_check_findings()
      """, """
      CREATE TRIGGER finding_aliases_updated AFTER UPDATE ON finding_aliases
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION finding_aliases_check_findings()
      """, """
      CREATE FUNCTION findings_delete_aliases() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM finding_aliases a USING gone f WHERE %s;
        RETURN NULL;
      END $$
      """.formatted(KEY_MATCH), """
      CREATE TRIGGER findings_deleted AFTER DELETE ON findings
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION findings_delete_aliases()
      """, """
      CREATE FUNCTION findings_keep_aliased_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM finding_aliases a WHERE a.asset_name = OLD.asset_name
            AND a.ecosystem = OLD.ecosystem AND a.package_name = OLD.package_name
            AND a.advisory_id = OLD.advisory_id AND a.feed_source = OLD.feed_source) THEN
          RAISE EXCEPTION 'update on table "findings": the key of a finding with aliases cannot change'
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NEW;
      END $$
      """, """
      CREATE TRIGGER findings_key_updated BEFORE UPDATE OF asset_name, ecosystem, package_name, advisory_id,
          feed_source ON findings FOR EACH ROW
        WHEN ((OLD.asset_name, OLD.ecosystem, OLD.package_name, OLD.advisory_id, OLD.feed_source)
          IS DISTINCT FROM (NEW.asset_name, NEW.ecosystem, NEW.package_name, NEW.advisory_id, NEW.feed_source))
        EXECUTE FUNCTION findings_keep_aliased_keys()
      """);

  FindingAliasKeyCheckMigration() {
    super("26", "finding aliases checked per statement on postgresql", 26);
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    if (!postgres(c)) {
      return;
    }
    try (Statement s = c.createStatement()) {
      for (String sql : POSTGRESQL) {
        s.execute(sql);
      }
    }
  }
}
