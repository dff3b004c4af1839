-- One portable schema for SQLite and PostgreSQL.
-- NB: dates are ISO-8601 text (yyyy-MM-dd) and instants ISO-8601 UTC text with fixed width, so that
-- both databases sort and compare them the same way and bind them as plain parameters.

CREATE TABLE feed_versions (
    source       VARCHAR(64)  NOT NULL PRIMARY KEY,
    version      VARCHAR(128) NOT NULL,
    released_at  VARCHAR(32),
    record_count INTEGER      NOT NULL,
    loaded_at    VARCHAR(32)  NOT NULL,
    origin       VARCHAR(2048) NOT NULL
);

CREATE TABLE kev_entries (
    cve_id             VARCHAR(32)  NOT NULL PRIMARY KEY,
    vendor_project     VARCHAR(512) NOT NULL,
    product            VARCHAR(512) NOT NULL,
    vulnerability_name VARCHAR(1024) NOT NULL,
    date_added         VARCHAR(10)  NOT NULL,
    short_description  TEXT         NOT NULL,
    required_action    TEXT         NOT NULL,
    due_date           VARCHAR(10)  NOT NULL,
    ransomware_use     VARCHAR(32)  NOT NULL,
    notes              TEXT         NOT NULL,
    cwes               VARCHAR(1024) NOT NULL
);

CREATE INDEX kev_entries_date_added ON kev_entries (date_added);

CREATE TABLE assets (
    name            VARCHAR(255) NOT NULL PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL,
    environment     VARCHAR(64)  NOT NULL,
    owner_team      VARCHAR(128) NOT NULL,
    criticality     INTEGER      NOT NULL CHECK (criticality BETWEEN 1 AND 4),
    internet_facing INTEGER      NOT NULL CHECK (internet_facing IN (0, 1)),
    tags            VARCHAR(2048) NOT NULL
);

CREATE TABLE inventories (
    asset_name VARCHAR(255) NOT NULL REFERENCES assets (name) ON DELETE CASCADE,
    revision   INTEGER      NOT NULL,
    scanned_at VARCHAR(32)  NOT NULL,
    PRIMARY KEY (asset_name, revision)
);

CREATE TABLE installed_packages (
    asset_name     VARCHAR(255) NOT NULL,
    revision       INTEGER      NOT NULL,
    ecosystem      VARCHAR(32)  NOT NULL,
    name           VARCHAR(512) NOT NULL,
    version        VARCHAR(256) NOT NULL,
    source_name    VARCHAR(512) NOT NULL,
    source_version VARCHAR(256) NOT NULL,
    architecture   VARCHAR(64)  NOT NULL,
    FOREIGN KEY (asset_name, revision) REFERENCES inventories (asset_name, revision) ON DELETE CASCADE
);

CREATE INDEX installed_packages_inventory ON installed_packages (asset_name, revision);
CREATE INDEX installed_packages_tuple ON installed_packages (ecosystem, name, version);
