-- Feeds beyond KEV, per-record change detection and the outbox of feed events.
-- Same portability rules as V1: ISO-8601 text for dates and instants, INTEGER 0/1 for booleans,
-- no vendor-specific types. Every table that holds feed records has a record_hash column: the
-- SHA-256 (hex) of the record's canonical JSON, compared on reload to find what changed.

-- The hash of the whole document last loaded: an equal hash means unchanged, and nothing is written.
-- NB: rows loaded before this column existed get '' and so always reload once.
ALTER TABLE feed_versions ADD COLUMN content_hash VARCHAR(64) NOT NULL DEFAULT '';

ALTER TABLE kev_entries ADD COLUMN record_hash VARCHAR(64) NOT NULL DEFAULT '';

-- The outbox of feed events: one row per record added, updated or removed by a load. Rows are only
-- ever appended, in the transaction that made the change, so a publisher can forward them later.
CREATE TABLE feed_changes (
    source     VARCHAR(64)  NOT NULL,
    version    VARCHAR(128) NOT NULL,
    record_key VARCHAR(512) NOT NULL,
    kind       VARCHAR(16)  NOT NULL CHECK (kind IN ('ADDED', 'UPDATED', 'REMOVED')),
    loaded_at  VARCHAR(32)  NOT NULL
);

CREATE INDEX feed_changes_version ON feed_changes (source, version, record_key);
CREATE INDEX feed_changes_loaded_at ON feed_changes (loaded_at);

-- The keys seen while a snapshot is read, so that removed records are found with one set-based
-- statement. Rows live only inside the loading transaction: empty between loads.
-- change_kind: ADDED or UPDATED when the record was written, null when it was unchanged.
CREATE TABLE feed_staging (
    source      VARCHAR(64)  NOT NULL,
    record_key  VARCHAR(512) NOT NULL,
    record_hash VARCHAR(64)  NOT NULL,
    change_kind VARCHAR(16),
    PRIMARY KEY (source, record_key)
);

-- Advisory records of every advisory feed (NVD, CVE 5, OSV per ecosystem, Debian). source is the
-- feed (osv:Go …); the record itself, its own source included, is the JSON body.
CREATE TABLE advisory_records (
    source      VARCHAR(64)  NOT NULL,
    id          VARCHAR(256) NOT NULL,
    published   VARCHAR(32),
    modified    VARCHAR(32),
    withdrawn   INTEGER      NOT NULL CHECK (withdrawn IN (0, 1)),
    record_hash VARCHAR(64)  NOT NULL,
    body        TEXT         NOT NULL,
    PRIMARY KEY (source, id)
);

CREATE INDEX advisory_records_id ON advisory_records (id);
CREATE INDEX advisory_records_published ON advisory_records (published);
CREATE INDEX advisory_records_modified ON advisory_records (modified);

-- Derived from the bodies, for lookups by SQL; rewritten with their record.
CREATE TABLE advisory_aliases (
    source VARCHAR(64)  NOT NULL,
    id     VARCHAR(256) NOT NULL,
    alias  VARCHAR(256) NOT NULL,
    PRIMARY KEY (source, id, alias),
    FOREIGN KEY (source, id) REFERENCES advisory_records (source, id) ON DELETE CASCADE
);

CREATE INDEX advisory_aliases_alias ON advisory_aliases (alias);

CREATE TABLE affected_packages (
    source    VARCHAR(64)  NOT NULL,
    id        VARCHAR(256) NOT NULL,
    position  INTEGER      NOT NULL,
    ecosystem VARCHAR(128) NOT NULL,
    name      TEXT         NOT NULL,
    status    VARCHAR(32)  NOT NULL,
    PRIMARY KEY (source, id, position),
    FOREIGN KEY (source, id) REFERENCES advisory_records (source, id) ON DELETE CASCADE
);

CREATE INDEX affected_packages_package ON affected_packages (ecosystem, name);

CREATE TABLE epss_scores (
    cve         VARCHAR(32)      NOT NULL PRIMARY KEY,
    score       DOUBLE PRECISION NOT NULL,
    percentile  DOUBLE PRECISION NOT NULL,
    record_hash VARCHAR(64)      NOT NULL
);

-- source is the ATT&CK feed (attack:enterprise-attack …), domain what the object says.
CREATE TABLE attack_tactics (
    source      VARCHAR(64)  NOT NULL,
    id          VARCHAR(32)  NOT NULL,
    short_name  VARCHAR(128) NOT NULL,
    name        TEXT         NOT NULL,
    domain      VARCHAR(64)  NOT NULL,
    record_hash VARCHAR(64)  NOT NULL,
    PRIMARY KEY (source, id)
);

CREATE INDEX attack_tactics_domain ON attack_tactics (domain, id);

-- tactics: the tactic short names, comma-separated in the order the source lists them.
CREATE TABLE attack_techniques (
    source      VARCHAR(64)   NOT NULL,
    id          VARCHAR(32)   NOT NULL,
    name        TEXT          NOT NULL,
    tactics     VARCHAR(1024) NOT NULL,
    revoked     INTEGER       NOT NULL CHECK (revoked IN (0, 1)),
    deprecated  INTEGER       NOT NULL CHECK (deprecated IN (0, 1)),
    domain      VARCHAR(64)   NOT NULL,
    record_hash VARCHAR(64)   NOT NULL,
    PRIMARY KEY (source, id)
);

CREATE INDEX attack_techniques_id ON attack_techniques (id);

-- record_key is cve|technique|mapping_type: one mapping per CVE, technique and kind of mapping.
CREATE TABLE attack_mappings (
    record_key     VARCHAR(512) NOT NULL PRIMARY KEY,
    cve            VARCHAR(32)  NOT NULL,
    technique      VARCHAR(32)  NOT NULL,
    mapping_type   VARCHAR(64)  NOT NULL,
    attack_version VARCHAR(32)  NOT NULL,
    record_hash    VARCHAR(64)  NOT NULL
);

CREATE INDEX attack_mappings_cve ON attack_mappings (cve);

-- SSVC decision points and tables; ref is namespace:key:version, kind decision_point or decision_table.
CREATE TABLE ssvc_objects (
    ref         VARCHAR(256) NOT NULL PRIMARY KEY,
    kind        VARCHAR(32)  NOT NULL CHECK (kind IN ('decision_point', 'decision_table')),
    record_hash VARCHAR(64)  NOT NULL,
    body        TEXT         NOT NULL
);
