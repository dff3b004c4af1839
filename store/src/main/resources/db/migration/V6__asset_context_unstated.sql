-- Asset context nobody stated stays unknown instead of a made-up default (issue 9 item 6): the
-- assessment fills it from the policy's assumptions and says so.
-- unstated: the context fields not stated, each followed by a comma (environment,owner_team,
-- criticality,internet_facing,); the columns of those fields hold a placeholder ('' or the old
-- default) that is never read. A column, not nullable columns: SQLite cannot drop NOT NULL without
-- rebuilding the table, and rebuilding a parent table cascades deletes to its inventories.
ALTER TABLE assets ADD COLUMN unstated VARCHAR(128) NOT NULL DEFAULT '';

-- Rows written before: 'scan' and 'demo' stored environment 'unknown' with criticality 2 and not
-- internet-facing hard-coded, and an asset list always states those three; an empty owner team
-- was never stated.
UPDATE assets SET unstated =
    CASE WHEN lower(trim(environment)) IN ('', 'unknown')
        THEN 'environment,criticality,internet_facing,' ELSE '' END
    || CASE WHEN trim(owner_team) = '' THEN 'owner_team,' ELSE '' END;
