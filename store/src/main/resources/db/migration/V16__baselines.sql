-- Baselines (issue 14): named, versioned snapshots of some assets' packages and settings, and the
-- staging evidence recorded for changes. A baseline version is written once and never updated.
-- Times are fixed-width UTC text (SqlTime).
CREATE TABLE baselines (
    id          BIGINT       NOT NULL PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    version     INTEGER      NOT NULL CHECK (version >= 1),
    captured_at VARCHAR(32)  NOT NULL,
    captured_by VARCHAR(255) NOT NULL,
    UNIQUE (name, version)
);

-- One row per asset of a baseline version; the OS is that of the inventory revision copied.
CREATE TABLE baseline_assets (
    baseline_id   BIGINT       NOT NULL REFERENCES baselines (id),
    position      INTEGER      NOT NULL,
    asset_name    VARCHAR(255) NOT NULL,
    role          VARCHAR(255) NOT NULL,
    revision      INTEGER      NOT NULL,
    os_id         VARCHAR(64)  NOT NULL,
    os_version_id VARCHAR(64)  NOT NULL,
    os_codename   VARCHAR(64)  NOT NULL,
    os_id_like    VARCHAR(255) NOT NULL,
    PRIMARY KEY (baseline_id, position),
    UNIQUE (baseline_id, asset_name)
);

-- The entries: packages and settings of each asset, in capture order.
CREATE TABLE baseline_packages (
    baseline_id    BIGINT       NOT NULL REFERENCES baselines (id),
    asset_position INTEGER      NOT NULL,
    position       INTEGER      NOT NULL,
    ecosystem      VARCHAR(32)  NOT NULL,
    name           VARCHAR(512) NOT NULL,
    version        VARCHAR(256) NOT NULL,
    source_name    VARCHAR(512) NOT NULL,
    source_version VARCHAR(256) NOT NULL,
    architecture   VARCHAR(64)  NOT NULL,
    purl           TEXT         NOT NULL,
    PRIMARY KEY (baseline_id, asset_position, position)
);

CREATE TABLE baseline_settings (
    baseline_id    BIGINT       NOT NULL REFERENCES baselines (id),
    asset_position INTEGER      NOT NULL,
    setting_key    VARCHAR(512) NOT NULL,
    setting_value  TEXT         NOT NULL,
    PRIMARY KEY (baseline_id, asset_position, setting_key)
);

-- Staging evidence for a change (remediation.require-staging-baseline); every check is kept.
CREATE TABLE baseline_evidence (
    change_id       BIGINT       NOT NULL REFERENCES changes (id),
    seq             INTEGER      NOT NULL,
    test_name       VARCHAR(128) NOT NULL,
    matched_version INTEGER      NOT NULL,
    patched_version INTEGER      NOT NULL,
    production      VARCHAR(160) NOT NULL,
    verdict         TEXT         NOT NULL,
    missing         TEXT         NOT NULL,
    recorded_at     VARCHAR(32)  NOT NULL,
    recorded_by     VARCHAR(255) NOT NULL,
    PRIMARY KEY (change_id, seq)
);
