-- Work that must follow a committed change, recorded in the change's own transaction, so that a
-- process killed between the two leaves a durable note instead of silently stale findings.
-- Same portability rules as V1/V2: ISO-8601 text for instants, INTEGER 0/1 for booleans.

-- A feed version committed whose re-match has not completed yet: written by the transaction that
-- made the version current, deleted once its re-match recorded its findings.
CREATE TABLE pending_rematches (
    source     VARCHAR(64)  NOT NULL,
    version    VARCHAR(128) NOT NULL,
    created_at VARCHAR(32)  NOT NULL,
    PRIMARY KEY (source, version)
);

-- An inventory revision is stored before its findings; 0 until the transaction recording its
-- findings sets it. Revisions stored before this migration were matched when stored.
ALTER TABLE inventories ADD COLUMN match_complete INTEGER NOT NULL DEFAULT 1 CHECK (match_complete IN (0, 1));
